// Starts a real console for the e2e suite: fresh database, known admin password, demo data,
// fast background jobs. The web app must be built (npm test builds it first).
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const dir = mkdtempSync(path.join(tmpdir(), "netops-e2e-"));
const port = process.argv[2] ?? "3117";
const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "apps/server/src/main.ts")], {
  cwd: root,
  stdio: "inherit",
  env: {
    ...process.env,
    DATABASE_URL: `file:${path.join(dir, "e2e.db")}`,
    NETOPS_CONFIG: "",
    NETOPS_PORT: port,
    NETOPS_HOST: "127.0.0.1",
    NETOPS_DEMO: "1",
    NETOPS_ADMIN_PASSWORD: "e2e-admin-password",
    NETOPS_SECRET_KEY: "e2e-secret-key",
    NETOPS_JOB_INTERVAL_SECONDS: "1",
    NETOPS_LOG_LEVEL: "warn",
  },
});
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill("SIGTERM"));
child.on("exit", (code) => process.exit(code ?? 0));
