/**
 * vitest globalSetup for NETOPS_TEST_DB=postgres: one throw-away PostgreSQL 15 cluster for the
 * run, a template database migrated once, its URL handed to the workers in NETOPS_TEST_PG_URL.
 * Does nothing on SQLite.
 */
import { execFileSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { applyPgMigrations } from "../migrate-pg";
import { startPgCluster } from "./pg-cluster";
import { TEST_PG_ENV, TEST_PG_TEMPLATE, testEngine } from "./test-database";

export default async function setup(): Promise<(() => void) | undefined> {
  if (testEngine() !== "postgres" || process.env[TEST_PG_ENV]) return undefined;
  regeneratePgClientIfStale();
  const cluster = startPgCluster();
  try {
    await applyPgMigrations(cluster.createDatabase(TEST_PG_TEMPLATE));
  } catch (err) {
    cluster.stop();
    throw err;
  }
  process.env[TEST_PG_ENV] = cluster.url("postgres");
  return () => cluster.stop();
}

/**
 * `npx prisma generate` after a schema change makes only the SQLite client: the PostgreSQL one
 * (generated from the same models) is made again here when it is older than the schema.
 */
function regeneratePgClientIfStale(): void {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const root = path.resolve(here, "../../../..");
  const mtime = (p: string) => {
    try {
      return statSync(p).mtimeMs;
    } catch {
      return 0;
    }
  };
  const schema = path.join(root, "prisma/schema");
  const newest = Math.max(...readdirSync(schema).map((f) => mtime(path.join(schema, f))));
  if (mtime(path.join(root, "packages/db/src/generated-pg/client.ts")) >= newest) return;
  execFileSync(process.execPath, [path.join(root, "packages/db/scripts/pg-schema.mjs")], {
    cwd: root,
    stdio: "ignore",
  });
}
