/** Shared set-up for the api package's tests: a migrated database in a temp folder, and services on it. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createDb, type Db } from "@netops/db";
import { freshTestDatabase } from "@netops/db/testing";
import pino from "pino";
import { createServices, type ServiceOptions, type Services } from "../src/services";

export interface TestDb {
  dir: string;
  db: Db;
  /** Disconnects and removes the folder. */
  close(): Promise<void>;
}

/**
 * A fresh database with every migration applied, in its own temp folder named after `name`
 * (NETOPS_TEST_DB=postgres: a fresh PostgreSQL database instead of the SQLite file; `engine`
 * pins one, e.g. for tests of SQLite's own file behaviour).
 */
export function testDb(name: string, opts: { engine?: "sqlite" | "postgres" } = {}): TestDb {
  const dir = mkdtempSync(path.join(tmpdir(), `netops-${name}-`));
  const fresh = freshTestDatabase(dir, name, opts);
  const db = createDb(fresh.url);
  return {
    dir,
    db,
    async close() {
      await db.$disconnect();
      fresh.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The console's services on `db` with small test limits; `options` overrides any of them. */
export function testServices(db: Db, options: Partial<ServiceOptions> = {}): Services {
  return createServices(db, pino({ level: "silent" }), {
    sessionTtlHours: 1,
    loginMaxFailures: 5,
    loginWindowSeconds: 60,
    secretKey: "test-secret-key",
    publicOrigin: "http://127.0.0.1:1",
    webhook: { timeoutMs: 1000, maxAttempts: 1, backoffMs: 10 },
    ...options,
  });
}
