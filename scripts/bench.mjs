// `npm run bench`: runs every `bench:<area>` script of package.json in turn. Each prints its
// figures and its ratios against a baseline measured in the same run; nothing here asserts a time.
import { readFileSync } from "node:fs";
import path from "node:path";
import { log, root, run } from "./lib.mjs";

const scripts = Object.keys(JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")).scripts ?? {})
  .filter((s) => s.startsWith("bench:"))
  .sort();
if (scripts.length === 0) {
  log("no bench:* scripts yet");
  process.exit(0);
}
let failed = 0;
for (const s of scripts) {
  log(`── ${s}`);
  if (run("npm", ["run", "--silent", s]) !== 0) failed++;
}
process.exit(failed > 0 ? 1 : 0);
