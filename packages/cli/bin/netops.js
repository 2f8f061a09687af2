#!/usr/bin/env node
// The CLI is TypeScript run through tsx's loader, so `npx netops` works right after install.
import { register } from "tsx/esm/api";

// `netops … | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on("error", (e) => {
  if (e.code === "EPIPE") process.exit(0);
  throw e;
});

const argv = process.argv.slice(2);
// `netops zonemd` reads files only: it loads its own module, bundled (see bundled.js), not the
// database and API modules every other command needs. Start-up is part of what a user waits for.
if (argv[0] === "zonemd" && !argv.includes("--help") && !argv.includes("-h")) {
  const { importBundled } = await import("./bundled.js");
  let mod = await importBundled("src/commands/zonemd.ts", "zonemd");
  if (mod === null) {
    register();
    mod = await import("../src/commands/zonemd.ts");
  }
  process.exitCode = await mod.zonemdMain(argv);
} else {
  register();
  const { main } = await import("../src/main.ts");
  process.exitCode = await main(argv);
}
