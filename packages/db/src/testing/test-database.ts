/**
 * Test databases on either engine. NETOPS_TEST_DB=postgres runs the service and API tests on
 * PostgreSQL: the vitest globalSetup (pg-global-setup.ts) starts one throw-away cluster and
 * migrates a template database; each test database is a copy of that template (CREATE DATABASE
 * … TEMPLATE, ~0.1 s), dropped when the test closes it. Otherwise: a migrated SQLite file.
 */
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { applyMigrations } from "../migrate";
import { PG_BIN } from "./pg-cluster";

export const TEST_PG_ENV = "NETOPS_TEST_PG_URL";
export const TEST_PG_TEMPLATE = "netops_template";

/** The engine the tests run on (NETOPS_TEST_DB=postgres|sqlite, default sqlite). */
export function testEngine(): "sqlite" | "postgres" {
  return process.env.NETOPS_TEST_DB === "postgres" ? "postgres" : "sqlite";
}

function psql(adminUrl: string, sql: string): void {
  const u = new URL(adminUrl);
  execFileSync(
    path.join(PG_BIN, "psql"),
    ["-h", u.hostname, "-p", u.port, "-U", u.username || "postgres", "-d", "postgres", "-qAtc", sql],
    {
      stdio: ["ignore", "ignore", "pipe"],
    },
  );
}

export interface TestDatabase {
  url: string;
  /** Removes the database (PostgreSQL) — the SQLite file goes with its folder. */
  drop(): void;
}

/** A fresh, migrated database for one test: a PostgreSQL copy of the template, or a SQLite file in `dir`. */
export function freshTestDatabase(
  dir: string,
  name: string,
  opts: { migrated?: boolean; engine?: "sqlite" | "postgres" } = {},
): TestDatabase {
  const base = process.env[TEST_PG_ENV];
  if ((opts.engine ?? testEngine()) === "postgres") {
    if (!base)
      throw new Error(
        `NETOPS_TEST_DB=postgres needs the vitest globalSetup (packages/db/src/testing/pg-global-setup.ts) to set ${TEST_PG_ENV}`,
      );
    const db = `t_${name
      .replace(/[^a-z0-9]/gi, "_")
      .slice(0, 30)
      .toLowerCase()}_${randomBytes(4).toString("hex")}`;
    psql(base, `CREATE DATABASE "${db}" TEMPLATE "${TEST_PG_TEMPLATE}"`);
    const u = new URL(base);
    u.pathname = `/${db}`;
    return { url: u.toString(), drop: () => psql(base, `DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`) };
  }
  const url = `file:${path.join(dir, "netops.db")}`;
  if (opts.migrated !== false) applyMigrations(url);
  return { url, drop: () => {} };
}
