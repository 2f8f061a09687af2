/**
 * Search's reads as plain SQL on the console's direct connection (better-sqlite3 on SQLite, the
 * node-postgres pool on PostgreSQL: the `Sql` of src/sql.ts, which also translates `?`
 * to `$n`). A query through the Prisma client costs about a millisecond of its own (several on a
 * loaded machine) whatever the SQL; a search runs a dozen, so the client's overhead, not the
 * index lookups, decided its time. Statements are written once for both engines: identifiers
 * double-quoted (Prisma's mixed-case names), text compared by bytes (PostgreSQL's `C` collation,
 * as the README asks). Text inside other text is found through the trigram indexes (contains.ts).
 */
import { dateOf, type Sql } from "../sql";
import type { Services } from "../services";

export interface SearchSql {
  readonly engine: Sql["engine"];
  all<T>(sql: string, ...params: unknown[]): Promise<T[]>;
  /** A DateTime column's value as read (ISO text on SQLite, a Date on PostgreSQL). */
  date(v: unknown): Date;
  /** A Boolean column's value as read (0/1 on SQLite). */
  bool(v: unknown): boolean;
  /** The operator of a case-insensitive LIKE (SQLite's LIKE ignores ASCII case; PostgreSQL's does not). */
  like: "LIKE" | "ILIKE";
}

function reader(sql: Sql): SearchSql {
  const pg = sql.engine === "postgres";
  return {
    engine: sql.engine,
    all: (text, ...params) => sql.all(text, ...params),
    date: (v) => dateOf(v, sql.engine),
    bool: (v) => v === true || v === 1 || v === 1n || v === "1" || v === "t",
    like: pg ? "ILIKE" : "LIKE",
  };
}

/** The direct connection (the one DHCP's hot paths use; opened once, closed with the services). */
export async function searchSql(s: Services): Promise<SearchSql> {
  return reader(await s.dhcp.sql());
}

/**
 * The distinct values of an indexed text column in [low, high), the first `max` in index order.
 * A loose index scan: one index seek per value (a recursive query stepping from each value to the
 * next), so a range holding a million rows of a few values costs a few seeks, not a million rows.
 * `table` and `column` are identifiers from the code, never from input.
 */
export async function distinctInRange(
  s: Services,
  table: string,
  column: string,
  low: string,
  high: string,
  max: number,
): Promise<string[]> {
  const t = `"${table}"`;
  const c = `"${column}"`;
  const rows = await (await searchSql(s)).all<{ v: string }>(
    `WITH RECURSIVE steps(v, n) AS (
       SELECT (SELECT MIN(${c}) FROM ${t} WHERE ${c} >= ? AND ${c} < ?), 1
       UNION ALL
       SELECT (SELECT MIN(${c}) FROM ${t} WHERE ${c} > steps.v AND ${c} < ?), steps.n + 1
       FROM steps WHERE steps.v IS NOT NULL AND steps.n < ?
     )
     SELECT v FROM steps WHERE v IS NOT NULL LIMIT ?`,
    low,
    high,
    high,
    max,
    max,
  );
  return rows.map((r) => String(r.v));
}
