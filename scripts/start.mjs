// `npm start`: a fresh clone to a running console — install, generate, build, then serve
// (the server migrates the database and seeds the demo data into a brand-new one).
import { spawn } from "node:child_process";
import path from "node:path";
import { checkNode, ensureDependencies, ensurePrismaClient, log, must, root, turboEnv } from "./lib.mjs";

checkNode();
ensureDependencies();
ensurePrismaClient();
log("building the web app…");
must("npx", ["turbo", "run", "build", "--filter=@netops/web", "--output-logs=errors-only"], {
  env: turboEnv,
});

const env = { ...process.env, NETOPS_DEMO: process.env.NETOPS_DEMO ?? "1" };
log(`starting the console${env.NETOPS_DEMO === "1" ? " with demo data (NETOPS_DEMO=0 to skip)" : ""}…`);
const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "apps/server/src/main.ts")], {
  cwd: root,
  env,
  stdio: "inherit",
});
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
