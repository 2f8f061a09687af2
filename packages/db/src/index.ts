import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { type Engine, engineOf } from "./engine";
import { secureDatabaseFile } from "./file-mode";
import { PrismaClient } from "./generated/client";
import { PrismaClient as PgPrismaClient } from "./generated-pg/client";
import { applyMigrations } from "./migrate";
import { applyPgMigrations } from "./migrate-pg";

// A value too: Prisma.sql / Prisma.join build raw statements whose placeholders each engine's client
// renders in its own spelling (`?` on SQLite, `$n` on PostgreSQL).
export { Prisma } from "./generated/client";
export type { PrismaClient } from "./generated/client";
export type * from "./generated/models";
export { applyMigrations, migrationNames, migrationsDir, pgMigrationsDir } from "./migrate";
export { applyPgMigrations, MIGRATION_LOCK_KEY } from "./migrate-pg";
export { secureDatabaseFile } from "./file-mode";
export { isTrigramIndex, withoutFtsModels } from "./fts";
export { type Engine, engineOf } from "./engine";

/**
 * The console's Prisma client. Both engines are generated from the same models
 * (prisma/schema/*.prisma; the PostgreSQL client from its provider-switched twin), so the
 * SQLite client's type stands for both.
 */
export type Db = PrismaClient;

const engines = new WeakMap<object, { engine: Engine; url: string }>();

/**
 * A Prisma client on `url`: `file:/abs/path.db` is the embedded SQLite database,
 * `postgres://…` PostgreSQL through node-postgres (`pool` bounds its connections). `trace` gets
 * every SQLite statement as run, parameters inlined (benchmarks and tests read their query plans).
 */
export function createDb(
  url: string,
  opts: { pool?: number | undefined; trace?: (sql: string) => void } = {},
): Db {
  let db: Db;
  if (engineOf(url) === "postgres") {
    const adapter = new PrismaPg({ connectionString: url, max: opts.pool ?? 10 });
    db = new PgPrismaClient({ adapter }) as unknown as Db;
  } else {
    // Before the driver opens (and so creates) it: owner-only, with its WAL and shared-memory files.
    secureDatabaseFile(url);
    db = new PrismaClient({
      adapter: new PrismaBetterSQLite3({
        url,
        ...(opts.trace && { verbose: (sql: unknown) => opts.trace?.(String(sql)) }),
      }),
    });
  }
  engines.set(db, { engine: engineOf(url), url });
  return db;
}

/**
 * The engine of a client made by createDb (raw SQL paths choose their dialect by it). A client
 * derived from one (`$extends`, an interactive transaction's) is not a key of the map: its
 * provider, which Prisma keeps on every client, tells.
 */
export function dbEngine(db: Db): Engine {
  const known = engines.get(db)?.engine;
  if (known) return known;
  return (db as { _activeProvider?: string })._activeProvider === "postgresql" ? "postgres" : "sqlite";
}

/** The URL a client made by createDb was opened on. */
export function dbUrl(db: Db): string {
  const e = engines.get(db);
  if (!e) throw new Error("not a client made by createDb");
  return e.url;
}

/** Brings the database at `url` up to the newest migration, on either engine. */
export async function migrateDatabase(url: string): Promise<string[]> {
  return engineOf(url) === "postgres" ? applyPgMigrations(url) : applyMigrations(url);
}
export { type CopyReport, copySqliteToPostgres } from "./copy";
