#!/usr/bin/env node
// The CLI is TypeScript run through tsx's loader, so `npx netops` works right after install.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../src/main.ts");
process.exitCode = await main(process.argv.slice(2));
