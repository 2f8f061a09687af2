import { execFileSync, spawn } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyPgMigrations, isTrigramIndex, migrationNames, pgMigrationsDir } from "../src";
import { type PgCluster, pgAvailable, startPgCluster } from "../src/testing/pg-cluster";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

describe("PostgreSQL migration history", () => {
  it("every SQLite migration has its PostgreSQL twin of the same name, and no twin is left over", () => {
    const sqlite = migrationNames();
    const missing = sqlite.filter((n) => !existsSync(path.join(pgMigrationsDir, n, "migration.sql")));
    expect(missing, "run npm run db:pg-migration").toEqual([]);
    const twins = readdirSync(pgMigrationsDir).filter((n) => !n.startsWith("."));
    expect(twins.filter((n) => !sqlite.includes(n))).toEqual([]);
  });
});

/** Columns, constraints and indexes of the public schema, in a stable order, for comparing two databases. */
async function catalog(url: string): Promise<string[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const cols =
      await c.query(`SELECT table_name, column_name, data_type, is_nullable, column_default, character_maximum_length, numeric_precision
      FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`);
    const cons =
      await c.query(`SELECT conrelid::regclass::text AS t, conname, pg_get_constraintdef(oid) AS def
      FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text <> '"_prisma_migrations"' AND conrelid::regclass::text <> '_prisma_migrations'`);
    const idx = await c.query(`SELECT tablename, indexname, indexdef FROM pg_indexes
      WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`);
    return [
      ...cols.rows.map((r) => `col ${JSON.stringify(Object.values(r))}`),
      ...cons.rows.map((r) => `con ${r.t} ${r.conname} ${r.def}`),
      // Partial search's pg_trgm indexes are outside Prisma's schema (src/fts.ts).
      ...idx.rows
        .filter((r) => !isTrigramIndex(r.indexdef))
        .map((r) => `idx ${r.tablename} ${r.indexname} ${r.indexdef}`),
    ].sort();
  } finally {
    await c.end();
  }
}

describe.skipIf(!pgAvailable())("PostgreSQL migrations on a real PostgreSQL 15", () => {
  let cluster: PgCluster;
  beforeAll(() => {
    cluster = startPgCluster();
  });
  afterAll(() => cluster?.stop());

  it("produce exactly prisma/schema/*.prisma as Prisma would create it on PostgreSQL (no drift)", async () => {
    const migrated = cluster.createDatabase("migrated");
    expect((await applyPgMigrations(migrated)).length).toBe(migrationNames().length);
    expect(await applyPgMigrations(migrated)).toEqual([]);
    // The reference: the whole current schema as one script from Prisma's own PostgreSQL differ.
    const reference = cluster.createDatabase("reference");
    const { writePgSchema } = await import("../scripts/pg-schema.mjs");
    const schemaDir = writePgSchema(path.join(cluster.dir, "pg-schema"));
    const sql = execFileSync(
      "npx",
      [
        "prisma",
        "migrate",
        "diff",
        "--config",
        path.join(root, "packages/db/scripts/pg.config.ts"),
        "--from-empty",
        "--to-schema-datamodel",
        schemaDir,
        "--script",
      ],
      {
        cwd: root,
        env: { ...process.env, DATABASE_URL: cluster.createDatabase("scratch") },
        encoding: "utf8",
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    const c = new pg.Client({ connectionString: reference });
    await c.connect();
    await c.query(sql);
    await c.end();
    const [a, b] = [await catalog(migrated), await catalog(reference)];
    expect(a.length).toBeGreaterThan(50);
    expect(
      a.filter((x) => !b.includes(x)),
      "in the migrated database only",
    ).toEqual([]);
    expect(
      b.filter((x) => !a.includes(x)),
      "in the Prisma schema only",
    ).toEqual([]);
  }, 120_000);

  it("three processes migrating one database at once: each migration applied once, no error", async () => {
    const url = cluster.createDatabase("concurrent");
    const script = `import { applyPgMigrations } from ${JSON.stringify(path.join(root, "packages/db/src/migrate-pg.ts"))};
      const applied = await applyPgMigrations(process.argv[1]); console.log(JSON.stringify(applied));`;
    const run = () =>
      new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
        const p = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script, url], {
          cwd: root,
        });
        let out = "";
        let err = "";
        p.stdout.on("data", (d) => (out += d));
        p.stderr.on("data", (d) => (err += d));
        p.on("exit", (code) => resolve({ code, out, err }));
      });
    const results = await Promise.all([run(), run(), run()]);
    for (const r of results) expect(r.code, r.err).toBe(0);
    const applied = results.flatMap((r) => JSON.parse(r.out.trim().split("\n").pop() as string) as string[]);
    expect(applied.sort()).toEqual(migrationNames());
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    const rows = await c.query(
      `SELECT migration_name, count(*)::int AS n FROM _prisma_migrations GROUP BY 1 ORDER BY 1`,
    );
    await c.end();
    expect(rows.rows).toEqual(migrationNames().map((n) => ({ migration_name: n, n: 1 })));
  }, 120_000);
});
