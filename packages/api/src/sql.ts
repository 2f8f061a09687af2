/**
 * The hot paths' SQL connection on either engine (lease and BGP event ingest, keyset pages, counts),
 * where Prisma's per-row overhead would dominate. Statements are written once, in SQLite's
 * spelling with `?` parameters; on PostgreSQL they are translated on first use: `?` → `$n`,
 * mixed-case identifiers quoted (Prisma's table and column names), `INDEXED BY` hints dropped
 * (PostgreSQL's planner chooses), and the few functions that differ written through `dialect`.
 * Both engines compare text by bytes (SQLite's default; PostgreSQL's `C` collation — the README
 * asks for a `C`-collated database), so the prefix ranges mean the same on both.
 */
import { type Db, dbEngine, dbUrl } from "@netops/db";
import Database from "better-sqlite3";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { from as copyFromStdin } from "pg-copy-streams";
import { resilientPgPool } from "./pg-pool";

export interface SqlRunner {
  all<T>(sql: string, ...params: unknown[]): Promise<T[]>;
  get<T>(sql: string, ...params: unknown[]): Promise<T | undefined>;
  /** Rows changed (inserted, updated or deleted). */
  run(sql: string, ...params: unknown[]): Promise<number>;
  /**
   * PostgreSQL only (absent on SQLite): `COPY … FROM STDIN` fed with `chunks`, already in COPY's
   * format, each sent as it is produced; resolves to the rows copied.
   */
  copyFrom?(sql: string, chunks: Iterable<string>): Promise<number>;
}

/** One statement of a transaction written as steps (stepAll, stepRun). */
export interface SqlStep {
  mode: "all" | "run";
  sql: string;
  params: unknown[];
}

/** A transaction's work as a generator: it yields statements and gets their rows or change counts back. */
export type SqlSteps<T> = Generator<SqlStep, T, unknown>;

/**
 * A statement's rows, inside SqlSteps: `const rows = yield* stepAll<Row>(sql, params)`. The
 * parameters stay one array down to the driver (a multi-row INSERT has thousands).
 */
export function* stepAll<T>(sql: string, params: unknown[] = []): SqlSteps<T[]> {
  return (yield { mode: "all", sql, params }) as T[];
}

/** A statement's change count, inside SqlSteps. */
export function* stepRun(sql: string, params: unknown[] = []): SqlSteps<number> {
  return (yield { mode: "run", sql, params }) as number;
}

export interface Sql extends SqlRunner {
  readonly engine: "sqlite" | "postgres";
  /** One transaction; `fn`'s statements go through `tx`. Serialized per connection on SQLite. */
  transaction<T>(fn: (tx: SqlRunner) => Promise<T>): Promise<T>;
  /**
   * One transaction of steps. On SQLite it runs synchronously from BEGIN to COMMIT: nothing else
   * on this thread runs in between — a Prisma write waiting for the lock would block the thread
   * (better-sqlite3 waits synchronously), and the transaction could never finish. On PostgreSQL
   * each step is a round trip on one pooled connection.
   */
  steps<T>(fn: () => SqlSteps<T>): Promise<T>;
  close(): Promise<void>;
}

/** Where the engines spell a thing differently. */
export function dialect(engine: Sql["engine"]) {
  return {
    /** Comma-joined distinct values of `expr` (group_concat / string_agg). */
    distinctList: (expr: string) =>
      engine === "postgres" ? `string_agg(DISTINCT (${expr})::text, ',')` : `group_concat(DISTINCT ${expr})`,
  };
}

const translated = new Map<string, string>();

/** SQLite spelling → PostgreSQL (cached per statement text). */
export function toPostgres(sql: string): string {
  let out = translated.get(sql);
  if (out !== undefined) return out;
  let n = 0;
  // Only outside single-quoted literals: split on them, translate the even parts.
  out = sql
    .split(/('(?:[^']|'')*')/)
    .map((part, i) =>
      i % 2 === 1
        ? part
        : part
            .replace(/\bINDEXED BY\s+\w+/g, "")
            .replace(/\?/g, () => `$${++n}`)
            .replace(/(?<!["\w$])([a-z]+[A-Z]\w*|[A-Z][a-z]+[A-Z]\w*)\b/g, '"$1"'),
    )
    .join("");
  // Multi-row statements vary with their row count: only the short, fixed ones are kept.
  if (sql.length <= 4096) translated.set(sql, out);
  return out;
}

/**
 * A value as Prisma stores it, so Prisma reads (and compares) it the same: times as UTC text on
 * SQLite ('…+00:00', Prisma's format) and as UTC timestamps on PostgreSQL (a Date would be sent in
 * the process's local time).
 */
export function dbValue(v: unknown, engine: Sql["engine"]): unknown {
  if (!(v instanceof Date)) return v;
  const iso = v.toISOString();
  return engine === "sqlite" ? iso.replace("Z", "+00:00") : iso.replace("T", " ").replace("Z", "");
}

/**
 * A DateTime column's value as read back: Prisma's UTC text on SQLite; on PostgreSQL a Date that
 * node-postgres made from a `timestamp` (without time zone, how Prisma stores DateTime) in the
 * process's local time zone, while Prisma wrote UTC, so its fields are read back as UTC.
 */
export function dateOf(v: unknown, engine: Sql["engine"]): Date {
  if (v instanceof Date)
    return engine === "postgres"
      ? new Date(
          Date.UTC(
            v.getFullYear(),
            v.getMonth(),
            v.getDate(),
            v.getHours(),
            v.getMinutes(),
            v.getSeconds(),
            v.getMilliseconds(),
          ),
        )
      : v;
  return new Date(String(v));
}

// int8 (count, sum) and numeric come back as strings from node-postgres; these are counts and
// epoch seconds, far inside the safe-integer range.
const pgTypes = {
  getTypeParser(oid: number, format?: string) {
    if (oid === 20 || oid === 1700) return (v: string) => Number(v);
    // biome-ignore lint/suspicious/noExplicitAny: node-postgres' overloads
    return (pg.types.getTypeParser as any)(oid, format);
  },
};

async function copyIn(c: pg.PoolClient, sql: string, chunks: Iterable<string>): Promise<number> {
  const stream = c.query(copyFromStdin(toPostgres(sql)));
  // Backpressure both ways: a chunk is built only when the socket has taken the one before.
  await pipeline(Readable.from(chunks, { objectMode: false }), stream);
  return stream.rowCount;
}

class PgSql implements Sql {
  readonly engine = "postgres" as const;
  private readonly pool: pg.Pool;
  constructor(url: string) {
    // A connection that drops (server restart) fails its query and is replaced, never a crash.
    this.pool = resilientPgPool({ connectionString: url, max: 4, types: pgTypes });
  }
  private static runner(q: (text: string, values: unknown[]) => Promise<pg.QueryResult>): SqlRunner {
    return {
      all: async <T>(sql: string, ...p: unknown[]) => (await q(toPostgres(sql), p)).rows as T[],
      get: async <T>(sql: string, ...p: unknown[]) => (await q(toPostgres(sql), p)).rows[0] as T | undefined,
      run: async (sql: string, ...p: unknown[]) => (await q(toPostgres(sql), p)).rowCount ?? 0,
    };
  }
  private readonly direct = PgSql.runner((t, v) => this.pool.query(t, v));
  all<T>(sql: string, ...p: unknown[]) {
    return this.direct.all<T>(sql, ...p);
  }
  get<T>(sql: string, ...p: unknown[]) {
    return this.direct.get<T>(sql, ...p);
  }
  run(sql: string, ...p: unknown[]) {
    return this.direct.run(sql, ...p);
  }
  transaction<T>(fn: (tx: SqlRunner) => Promise<T>): Promise<T> {
    return this.inTransaction((c) =>
      fn({
        ...PgSql.runner((t, v) => c.query(t, v)),
        copyFrom: (sql, chunks) => copyIn(c, sql, chunks),
      }),
    );
  }
  private async inTransaction<T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    const c = await this.pool.connect();
    try {
      await c.query("BEGIN");
      const r = await fn(c);
      await c.query("COMMIT");
      return r;
    } catch (err) {
      await c.query("ROLLBACK").catch(() => {});
      throw err;
    } finally {
      c.release();
    }
  }
  steps<T>(fn: () => SqlSteps<T>): Promise<T> {
    return this.inTransaction(async (c) => {
      const g = fn();
      let r = g.next();
      while (!r.done) {
        const { mode, sql, params } = r.value;
        const res = await c.query(toPostgres(sql), params);
        r = g.next(mode === "all" ? res.rows : (res.rowCount ?? 0));
      }
      return r.value;
    });
  }
  async close() {
    await this.pool.end();
  }
}

class SqliteSql implements Sql {
  readonly engine = "sqlite" as const;
  private readonly stmts = new Map<string, Database.Statement>();
  /** Transactions one after another: statements between awaits would otherwise join another's. */
  private queue: Promise<unknown> = Promise.resolve();
  constructor(readonly db: Database.Database) {}
  private stmt(sql: string) {
    let s = this.stmts.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.stmts.set(sql, s);
    }
    return s;
  }
  async all<T>(sql: string, ...p: unknown[]) {
    return this.stmt(sql).all(...p) as T[];
  }
  async get<T>(sql: string, ...p: unknown[]) {
    return this.stmt(sql).get(...p) as T | undefined;
  }
  async run(sql: string, ...p: unknown[]) {
    return this.stmt(sql).run(...p).changes;
  }
  transaction<T>(fn: (tx: SqlRunner) => Promise<T>): Promise<T> {
    const next = this.queue.then(async () => {
      this.db.exec("BEGIN IMMEDIATE");
      try {
        const r = await fn(this);
        this.db.exec("COMMIT");
        return r;
      } catch (err) {
        if (this.db.inTransaction) this.db.exec("ROLLBACK");
        throw err;
      }
    });
    this.queue = next.catch(() => {});
    return next;
  }
  steps<T>(fn: () => SqlSteps<T>): Promise<T> {
    const next = this.queue.then(() =>
      this.db
        .transaction(() => {
          const g = fn();
          let r = g.next();
          while (!r.done) {
            const { mode, sql, params } = r.value;
            // An array binds its items as the anonymous parameters.
            const stmt = this.stmt(sql);
            r = g.next(mode === "all" ? stmt.all(params) : stmt.run(params).changes);
          }
          return r.value;
        })
        .immediate(),
    );
    this.queue = next.catch(() => {});
    return next;
  }
  async close() {
    this.db.close();
  }
}

/** Opens the hot-path connection on the console's database (the same one Prisma uses). */
export async function openSql(db: Db): Promise<Sql> {
  if (dbEngine(db) === "postgres") return new PgSql(dbUrl(db));
  const rows = await db.$queryRawUnsafe<{ name: string; file: string }[]>("PRAGMA database_list");
  const main = rows.find((r) => r.name === "main");
  if (!main?.file) throw new Error("the console database is not a file; DHCP needs one");
  const raw = new Database(main.file);
  // Both connections write: wait for the other's lock rather than fail at once.
  raw.pragma("busy_timeout = 5000");
  // In WAL mode (applyMigrations sets it) NORMAL syncs at checkpoints, not at every commit: the
  // database stays consistent on a crash or power loss, which may drop only the last commits. In a
  // rollback journal NORMAL could corrupt on power loss, so there the default (FULL) stays.
  if (raw.pragma("journal_mode", { simple: true }) === "wal") {
    raw.pragma("synchronous = NORMAL");
    // The ingest connection writes in bursts (500 events with their alerts and index rows a batch).
    // At the default 1,000-page threshold nearly every commit copied the log back into the database,
    // the same hot index pages again each time: 10,000 pages (~40 MB) copies them once per ~40 MB
    // (bench:scale, 20,000 events: 4,000-4,400 → 5,300-5,700 events/s). The log file is cut back
    // to 64 MB after a checkpoint, so it cannot keep a burst's size on disk.
    raw.pragma("wal_autocheckpoint = 10000");
    raw.pragma(`journal_size_limit = ${64 * 1024 * 1024}`);
  }
  return new SqliteSql(raw);
}

/** The better-sqlite3 connection under a SQLite `Sql` (for code not yet written for both engines). */
export function sqliteHandle(sql: Sql): Database.Database {
  if (!(sql instanceof SqliteSql)) throw new Error("this DHCP path runs on SQLite only so far");
  return sql.db;
}

/** A `Sql` on an open better-sqlite3 handle (benchmarks, tools). */
export function sqlOnSqlite(db: Database.Database): Sql {
  return new SqliteSql(db);
}

/** A `Sql` on a PostgreSQL URL (benchmarks, tools). */
export function sqlOnPostgres(url: string): Sql {
  return new PgSql(url);
}
