/**
 * The few search statements Prisma's query API cannot say, as raw SQL that both engines read
 * the same: `?` placeholders (numbered for PostgreSQL here) and double-quoted identifiers.
 */
import { type Db, dbEngine } from "@netops/db";

/** Runs `sql` (written with `?` placeholders and "quoted" identifiers) on either engine. */
export function rawQuery<T>(db: Db, sql: string, ...params: unknown[]): Promise<T[]> {
  let n = 0;
  const text = dbEngine(db) === "postgres" ? sql.replace(/\?/g, () => `$${++n}`) : sql;
  return db.$queryRawUnsafe<T[]>(text, ...params);
}

/**
 * The distinct values of an indexed text column in [low, high), the first `max` in index order.
 * A loose index scan: one index seek per value (a recursive query stepping from each value to the
 * next), so a range holding a million rows of a few values costs a few seeks, not a million rows.
 * `table` and `column` are identifiers from the code, never from input.
 */
export async function distinctInRange(
  db: Db,
  table: string,
  column: string,
  low: string,
  high: string,
  max: number,
): Promise<string[]> {
  const t = `"${table}"`;
  const c = `"${column}"`;
  const rows = await rawQuery<{ v: string }>(
    db,
    `WITH RECURSIVE steps(v, n) AS (
       SELECT (SELECT MIN(${c}) FROM ${t} WHERE ${c} >= ? AND ${c} < ?), 1
       UNION ALL
       SELECT (SELECT MIN(${c}) FROM ${t} WHERE ${c} > steps.v AND ${c} < ?), steps.n + 1
       FROM steps WHERE steps.v IS NOT NULL AND steps.n < ?
     )
     SELECT v FROM steps WHERE v IS NOT NULL`,
    low,
    high,
    high,
    max,
  );
  return rows.map((r) => String(r.v));
}
