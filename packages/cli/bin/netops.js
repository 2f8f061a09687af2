#!/usr/bin/env node
// The CLI is TypeScript run through tsx's loader, so `npx netops` works right after install.
import { register } from "tsx/esm/api";

// `netops … | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on("error", (e) => {
  if (e.code === "EPIPE") process.exit(0);
  throw e;
});

register();
const { main } = await import("../src/main.ts");
process.exitCode = await main(process.argv.slice(2));
