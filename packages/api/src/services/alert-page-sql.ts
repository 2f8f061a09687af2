/**
 * The alert list's reads without a text filter (the page's usual read) as raw statements through
 * Prisma: one for the page's rows, one for the active silences. Through the query builder each
 * read was compiled anew (~1.3–2.7 ms of CPU each), and the default severity sort read every
 * severity in turn: four compiles for one page, about a third of a computed `alerts.list`
 * (bench:scale's API part). A text filter keeps Prisma's `contains`, whose matching differs by
 * engine (SQLite folds ASCII case; PostgreSQL does not).
 *
 * Rows come back as Prisma's own reads give them (dates as Dates on both engines); the order is
 * the one `AlertService.rowsAfter` reads: the sort column, then id descending.
 */
import { type Db, dbEngine } from "@netops/db";
import {
  ALERT_STATES,
  type AlertCursor,
  type AlertSort,
  type AlertState,
  SEVERITIES,
  type Severity,
  type SortOrder,
} from "@netops/protocols";
import { toPostgres } from "../sql";
import type { AlertRow } from "./alert-batch";
import { COLUMNS as STORED_COLUMNS } from "./alert-store-sql";

/** The filter fields this reader takes; `q` (text) is not one of them. */
export interface PlainAlertFilter {
  state?: readonly AlertState[] | undefined;
  severity?: readonly Severity[] | undefined;
  source?: readonly string[] | undefined;
}

/** Columns of the sorts that are one column (severity and state sort by rank). */
export const SORT_COLUMN = {
  count: "count",
  firstSeen: "firstSeenAt",
  lastSeen: "lastSeenAt",
  source: "source",
  summary: "summary",
} as const;

const COLUMNS = ["id", ...STORED_COLUMNS].map((c) => `"${c}"`).join(", ");

/**
 * The values a severity or state sort reads, in the list's order, from the cursor's on: each with
 * the id to continue below when it is the cursor's own value (its alerts newest first).
 */
export function rankedParts(
  sort: "severity" | "state",
  order: SortOrder,
  after: AlertCursor | null,
): { value: string; belowId: number | null }[] {
  const values: readonly string[] = sort === "severity" ? SEVERITIES : ALERT_STATES;
  const out: { value: string; belowId: number | null }[] = [];
  for (const value of order === "desc" ? values : [...values].reverse()) {
    const rank = values.length - 1 - values.indexOf(value);
    if (after && (order === "desc" ? rank > Number(after.key) : rank < Number(after.key))) continue;
    out.push({ value, belowId: after !== null && rank === after.key ? after.id : null });
  }
  return out;
}

/** The cursor's key as the sort column holds it (a Date for the time columns). */
export function cursorValue(col: (typeof SORT_COLUMN)[keyof typeof SORT_COLUMN], after: AlertCursor) {
  return col === "firstSeenAt" || col === "lastSeenAt" ? new Date(String(after.key)) : after.key;
}

function query<T>(db: Db, sql: string, params: unknown[]): Promise<T[]> {
  return db.$queryRawUnsafe<T[]>(dbEngine(db) === "postgres" ? toPostgres(sql) : sql, ...params);
}

/** `"column" IN (?, …)` for each list the filter sets. */
function filterConditions(f: PlainAlertFilter): { conds: string[]; params: unknown[] } {
  const conds: string[] = [];
  const params: unknown[] = [];
  for (const [column, values] of [
    ["state", f.state],
    ["severity", f.severity],
    ["source", f.source],
  ] as const) {
    if (!values?.length) continue;
    conds.push(`"${column}" IN (${values.map(() => "?").join(", ")})`);
    params.push(...values);
  }
  return { conds, params };
}

/**
 * Up to `take` alerts of the filter after `after`, in the list's order. A severity or state sort
 * reads each of its values in rank order, every one an index-ordered part of one UNION ALL.
 */
export async function plainAlertRows(
  db: Db,
  f: PlainAlertFilter,
  sort: AlertSort,
  order: SortOrder,
  after: AlertCursor | null,
  take: number,
): Promise<AlertRow[]> {
  const { conds, params } = filterConditions(f);
  if (sort === "severity" || sort === "state") {
    const parts: string[] = [];
    const partParams: unknown[] = [];
    for (const { value, belowId } of rankedParts(sort, order, after)) {
      const where = [...conds, `"${sort}" = ?`, ...(belowId !== null ? [`"id" < ?`] : [])];
      const n = parts.length;
      parts.push(
        `SELECT * FROM (SELECT ${COLUMNS}, ${n} AS "part" FROM "Alert" WHERE ${where.join(" AND ")} ORDER BY "id" DESC LIMIT ?) AS "p${n}"`,
      );
      partParams.push(...params, value, ...(belowId !== null ? [belowId] : []), take);
    }
    if (parts.length === 0) return [];
    const rows = await query<AlertRow & { part: number | bigint }>(db, parts.join(" UNION ALL "), partParams);
    // UNION ALL keeps no order of its own: the parts in rank order, each newest id first.
    rows.sort((a, b) => Number(a.part) - Number(b.part) || b.id - a.id);
    return rows.slice(0, take).map(({ part: _part, ...row }) => row);
  }
  const col = SORT_COLUMN[sort];
  const where = [...conds];
  const whereParams = [...params];
  if (after) {
    const key = cursorValue(col, after);
    where.push(`("${col}" ${order === "desc" ? "<" : ">"} ? OR ("${col}" = ? AND "id" < ?))`);
    whereParams.push(key, key, after.id);
  }
  return query<AlertRow>(
    db,
    `SELECT ${COLUMNS} FROM "Alert"${where.length ? ` WHERE ${where.join(" AND ")}` : ""} ORDER BY "${col}" ${order === "desc" ? "DESC" : "ASC"}, "id" DESC LIMIT ?`,
    [...whereParams, take],
  );
}

/** The silences in force at `now` (not expired, started, not ended), with their stored matchers. */
export function plainActiveSilences(db: Db, now: Date): Promise<{ id: string; matchers: string }[]> {
  return query(
    db,
    `SELECT "id", "matchers" FROM "Silence" WHERE "expiredAt" IS NULL AND "startsAt" <= ? AND "endsAt" > ?`,
    [now, now],
  );
}
