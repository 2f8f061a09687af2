// Helpers shared by the start and test scripts. Plain Node: they run before `npm install`.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export function log(msg) {
  process.stdout.write(`\x1b[36m[netops]\x1b[0m ${msg}\n`);
}

export function run(cmd, args, { env, ...opts } = {}) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: "inherit", ...opts, env: { ...process.env, ...env } });
  if (r.error) throw r.error;
  return r.status ?? 1;
}

export function must(cmd, args, opts) {
  const code = run(cmd, args, opts);
  if (code !== 0) {
    process.stderr.write(`\n[netops] ${cmd} ${args.join(" ")} failed with exit code ${code}\n`);
    process.exit(code);
  }
}

function mtime(p) {
  try {
    return statSync(p).mtimeMs;
  } catch {
    return 0;
  }
}

export function checkNode() {
  const [maj, min] = process.versions.node.split(".").map(Number);
  if (maj < 20 || (maj === 20 && min < 19)) {
    process.stderr.write(`NetOps Console needs Node.js 20.19 or newer; this is ${process.version}.\n`);
    process.exit(2);
  }
}

/**
 * npm install on a fresh clone or when the lockfile changed since the last install. (Not npm ci:
 * npm 11 writes lockfiles without other platforms' optional packages and then refuses them in ci.)
 */
export function ensureDependencies() {
  const marker = path.join(root, "node_modules", ".package-lock.json");
  if (!existsSync(marker)) {
    log("installing dependencies (npm install)…");
    must("npm", ["install", "--no-audit", "--no-fund"]);
  } else if (mtime(path.join(root, "package-lock.json")) > mtime(marker)) {
    log("package-lock.json changed: npm install…");
    must("npm", ["install", "--no-audit", "--no-fund"]);
  }
}

/** The Prisma client is generated code (gitignored); regenerate it when the schema is newer. */
export function ensurePrismaClient() {
  const gen = path.join(root, "packages/db/src/generated/client.ts");
  const dir = path.join(root, "prisma/schema");
  const newest = Math.max(...readdirSync(dir).map((f) => mtime(path.join(dir, f))));
  if (mtime(gen) < newest) {
    log("generating the Prisma client…");
    must("npx", ["prisma", "generate"], {
      env: { DATABASE_URL: process.env.DATABASE_URL ?? "file:./data/netops.db" },
    });
  }
  // The PostgreSQL client, generated from the same models (packages/db/scripts/pg-schema.mjs).
  if (mtime(path.join(root, "packages/db/src/generated-pg/client.ts")) < newest) {
    log("generating the Prisma client for PostgreSQL…");
    must("node", [path.join(root, "packages/db/scripts/pg-schema.mjs")]);
  }
}

export const turboEnv = { TURBO_TELEMETRY_DISABLED: "1", DO_NOT_TRACK: "1" };
