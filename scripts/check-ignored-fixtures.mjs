// Lists files that exist in the work tree under a test, fixtures or e2e folder but that .gitignore
// hides from commits: they make tests pass locally and fail on a clean clone. Exit 1 if any.
import { spawnSync } from "node:child_process";
import { root } from "./lib.mjs";

const git = spawnSync("git", ["ls-files", "--others", "--ignored", "--exclude-standard", "--directory"], {
  cwd: root,
  encoding: "utf8",
});
if (git.status !== 0) {
  // Not a git checkout (an unpacked archive): nothing can be hidden from a commit here.
  process.stdout.write("not a git work tree; nothing to check\n");
  process.exit(0);
}
const testPath = /(^|\/)(test|tests|fixtures|__fixtures__|testdata|vectors|e2e)\//;
const hidden = git.stdout
  .split("\n")
  .filter((f) => f && testPath.test(f) && !/(^|\/)(node_modules|\.turbo|test-results)\//.test(f));
if (hidden.length) {
  process.stdout.write(`Ignored by .gitignore but used as test files (add a ! rule or rename):\n`);
  for (const f of hidden) process.stdout.write(`  ${f}\n`);
  process.exit(1);
}
process.stdout.write("every file under test folders is tracked\n");
