import { createHash, randomUUID } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { migrationNames, pgMigrationsDir } from "./migrate";

/** pg_advisory_lock key of the migration runner ("netops-m" as a bigint): one migrator at a time. */
export const MIGRATION_LOCK_KEY = 0x6e65746f70732d6dn;

/**
 * Applies prisma/postgres/migrations/* (the PostgreSQL twin of each SQLite migration, same name,
 * same order) and records them in `_prisma_migrations` like `prisma migrate deploy` would. The
 * whole run holds a session advisory lock, so replicas starting together wait for the first one
 * and then find nothing left to do; each migration commits in its own transaction with its record.
 */
export async function applyPgMigrations(url: string, opts: { upto?: string } = {}): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY.toString()]);
    await client.query(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" VARCHAR(36) PRIMARY KEY NOT NULL, "checksum" VARCHAR(64) NOT NULL, "finished_at" TIMESTAMPTZ,
      "migration_name" VARCHAR(255) NOT NULL, "logs" TEXT, "rolled_back_at" TIMESTAMPTZ,
      "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(), "applied_steps_count" INTEGER NOT NULL DEFAULT 0)`);
    const done = new Set(
      (
        await client.query<{ migration_name: string }>(
          `SELECT migration_name FROM _prisma_migrations WHERE rolled_back_at IS NULL AND finished_at IS NOT NULL`,
        )
      ).rows.map((r) => r.migration_name),
    );
    const applied: string[] = [];
    for (const name of migrationNames()) {
      if (opts.upto !== undefined && name > opts.upto) break;
      if (done.has(name)) continue;
      const file = path.join(pgMigrationsDir, name, "migration.sql");
      if (!existsSync(file)) {
        throw new Error(`migration ${name} has no PostgreSQL twin (${file}): run npm run db:pg-migration`);
      }
      const sql = readFileSync(file, "utf8");
      const checksum = createHash("sha256").update(sql).digest("hex");
      await client.query("BEGIN");
      try {
        // A simple-protocol query runs the file's statements in order ($$ bodies intact).
        await client.query(sql);
        await client.query(
          `INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, applied_steps_count) VALUES ($1, $2, now(), $3, 1)`,
          [randomUUID(), checksum, name],
        );
        await client.query("COMMIT");
      } catch (err) {
        await client.query("ROLLBACK");
        throw new Error(`PostgreSQL migration ${name} failed: ${(err as Error).message}`);
      }
      applied.push(name);
    }
    return applied;
  } finally {
    await client.query("SELECT pg_advisory_unlock_all()").catch(() => {});
    await client.end();
  }
}
