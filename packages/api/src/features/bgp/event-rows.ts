/**
 * A BGP event's stored row and the statements that insert a batch of them on either engine: the
 * natural key, the column list, and each engine's parameters (SQLite: multi-row VALUES under the
 * ids AUTOINCREMENT would give; PostgreSQL: one array per column through unnest()).
 */
import { hash } from "node:crypto";
import type { Db } from "@netops/db";
import { parseAddress } from "@netops/protocols/dhcp";
import type { BgpEventDraft } from "./draft";
import { dbValue, type Sql, type SqlSteps, stepAll } from "../../sql";

export type DbRow = NonNullable<Awaited<ReturnType<Db["bgpEvent"]["findFirst"]>>>;
/** A stored event as the code handles it: peerAs is BIGINT (4-byte AS numbers pass 2^31), which
 * Prisma reads as a bigint; every AS number fits a JS number, as the API sends it. */
export type Row = Omit<DbRow, "peerAs"> & { peerAs: number | null };

/** An event's natural key: SHA-256 of its identity parts (the unique `key` column). */
export function eventKey(d: BgpEventDraft): string {
  // Each part followed by NUL, hashed in one call (the same digest as part by part, quicker).
  let text = "";
  for (const part of d.identity) text += `${part}\0`;
  return hash("sha256", text, "hex");
}

/** Every stored column but the id, in the multi-row INSERT's order. */
export const EVENT_COLUMNS = [
  "key",
  "at",
  "receivedAt",
  "router",
  "session",
  "peerAddress",
  "peerAddressKey",
  "peerAs",
  "peerName",
  "kind",
  "direction",
  "code",
  "subcode",
  "codeName",
  "subcodeName",
  "text",
  "textBytes",
  "status",
  "findings",
  "rawHex",
  "rawLine",
  "reason",
  "source",
  "format",
  "tickets",
] as const satisfies readonly (keyof Row)[];

/** BgpEvent.peerAddressKey: the address's sort key, "" when the text is not an address. */
export function peerAddressKey(address: string | null): string | null {
  return address === null ? null : (parseAddress(address)?.key ?? "");
}

/** Rows per INSERT: 25 parameters each, under both engines' bound-parameter limits. */
const INSERT_ROWS = 500;

const ROW_PLACEHOLDERS = `(${EVENT_COLUMNS.map(() => "?").join(", ")})`;

/** The columns holding times (converted for the engine; the rest are stored as they are). */
const DATE_COLUMNS = new Set<string>(["at", "receivedAt"]);

/** The parameters of insertSql for `rows`, in one flat array (also the benchmark's baseline's). */
export function insertParams(rows: readonly Omit<Row, "id">[], engine: Sql["engine"]): unknown[] {
  const out: unknown[] = new Array(rows.length * EVENT_COLUMNS.length);
  let i = 0;
  for (const r of rows)
    for (const c of EVENT_COLUMNS) out[i++] = DATE_COLUMNS.has(c) ? dbValue(r[c], engine) : r[c];
  return out;
}

const insertSqls = new Map<number, string>();

/** SQLite's multi-row insert of `n` events with their ids (built once per row count). */
function insertSql(n: number): string {
  let sql = insertSqls.get(n);
  if (sql === undefined) {
    sql = `INSERT INTO BgpEvent (id, ${EVENT_COLUMNS.join(", ")}) VALUES ${Array(n)
      .fill(`(?, ${ROW_PLACEHOLDERS.slice(1)}`)
      .join(", ")}
    ON CONFLICT (key) DO NOTHING RETURNING id, key`;
    insertSqls.set(n, sql);
  }
  return sql;
}

/**
 * The id SQLite's AUTOINCREMENT gives the next row: one past the largest id ever used (kept in
 * sqlite_sequence, also for rows since deleted) or stored.
 */
const NEXT_ID_SQL = `SELECT max(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'BgpEvent'), 0),
  COALESCE((SELECT max(id) FROM BgpEvent), 0)) + 1 AS next`;

/**
 * insertSql's parameters: `rows` numbered from `firstId` in their order (the ids AUTOINCREMENT
 * would give them), listed last first. The FTS5 trigger indexes each event under its negated id,
 * and FTS5 writes its pending terms out each time a row's index id is lower than the one before:
 * inserted in id order, that was once per event (a third of the insert's time).
 */
function sqliteInsertParams(rows: readonly Omit<Row, "id">[], firstId: number): unknown[] {
  const n = EVENT_COLUMNS.length + 1;
  const out: unknown[] = new Array(rows.length * n);
  let i = 0;
  for (let k = rows.length - 1; k >= 0; k--) {
    const r = rows[k] as Omit<Row, "id">;
    out[i++] = firstId + k;
    for (const c of EVENT_COLUMNS) out[i++] = DATE_COLUMNS.has(c) ? dbValue(r[c], "sqlite") : r[c];
  }
  return out;
}

/** PostgreSQL's element type of each column's array (the rest are text). */
const PG_ARRAY_TYPES: Partial<Record<(typeof EVENT_COLUMNS)[number], string>> = {
  at: "timestamp(3)",
  receivedAt: "timestamp(3)",
  peerAs: "int8",
  code: "int4",
  subcode: "int4",
  textBytes: "int4",
};

/**
 * PostgreSQL's insert of any number of events: one array parameter per column, unnested into rows
 * in their order (ids are given in batch order, as by the multi-row VALUES), one statement of fixed
 * text (parsed once, no 12,500 parameters to bind and plan).
 */
const PG_INSERT_SQL = `INSERT INTO BgpEvent (${EVENT_COLUMNS.join(", ")})
  SELECT * FROM unnest(${EVENT_COLUMNS.map((c) => `?::${PG_ARRAY_TYPES[c] ?? "text"}[]`).join(", ")})
  ON CONFLICT (key) DO NOTHING RETURNING id, key`;

type Stored = Omit<Row, "id">;

/** PostgreSQL's text of a time (as dbValue writes it); the batch's receivedAt is one time, made once. */
let lastTime: { ms: number; text: string } = { ms: Number.NaN, text: "" };
function pgTime(d: Date): string {
  const ms = d.getTime();
  if (ms !== lastTime.ms) lastTime = { ms, text: dbValue(d, "postgres") as string };
  return lastTime.text;
}

/** Each column's value of a row, one reader per column (a keyed read over 25 names is slow). */
const PG_READERS: { [C in (typeof EVENT_COLUMNS)[number]]: (r: Stored) => string | number | null } = {
  key: (r) => r.key,
  at: (r) => pgTime(r.at),
  receivedAt: (r) => pgTime(r.receivedAt),
  router: (r) => r.router,
  session: (r) => r.session,
  peerAddress: (r) => r.peerAddress,
  peerAddressKey: (r) => r.peerAddressKey,
  peerAs: (r) => r.peerAs,
  peerName: (r) => r.peerName,
  kind: (r) => r.kind,
  direction: (r) => r.direction,
  code: (r) => r.code,
  subcode: (r) => r.subcode,
  codeName: (r) => r.codeName,
  subcodeName: (r) => r.subcodeName,
  text: (r) => r.text,
  textBytes: (r) => r.textBytes,
  status: (r) => r.status,
  findings: (r) => r.findings,
  rawHex: (r) => r.rawHex,
  rawLine: (r) => r.rawLine,
  reason: (r) => r.reason,
  source: (r) => r.source,
  format: (r) => r.format,
  tickets: (r) => r.tickets,
};

const ARRAY_SPECIALS = /["\\]/;

/**
 * A column's values as a PostgreSQL array literal, as node-postgres would write the JS array
 * (NULL unquoted, every other element double-quoted with `"` and `\` escaped), built in one pass.
 */
export function pgArrayLiteral(values: readonly (string | number | null)[]): string {
  let out = "{";
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (i > 0) out += ",";
    if (v === null || v === undefined) out += "NULL";
    else {
      const t = String(v);
      out += ARRAY_SPECIALS.test(t) ? `"${t.replace(/[\\"]/g, "\\$&")}"` : `"${t}"`;
    }
  }
  return `${out}}`;
}

/** PG_INSERT_SQL's parameters for `rows`: each column's values, as an array literal. */
function pgInsertParams(rows: readonly Stored[]): string[] {
  return EVENT_COLUMNS.map((c) => pgArrayLiteral(rows.map(PG_READERS[c])));
}

/**
 * Inserts the rows whose key is not stored yet, in one transaction's steps; gives back the new
 * rows' ids and keys (a key already stored, or twice in `all`, is not among them).
 */
export function* insertNewEvents(
  engine: Sql["engine"],
  all: readonly Stored[],
): SqlSteps<{ id: number; key: string }[]> {
  if (engine === "postgres") return yield* stepAll(PG_INSERT_SQL, pgInsertParams(all));
  // The events not stored yet, numbered here as AUTOINCREMENT would (nothing else writes in
  // between: the transaction holds SQLite's write lock), inserted newest first.
  const known = new Set<string>();
  for (let i = 0; i < all.length; i += INSERT_ROWS) {
    const keys = all.slice(i, i + INSERT_ROWS).map((r) => r.key);
    const found = yield* stepAll<{ key: string }>(
      `SELECT key FROM BgpEvent WHERE key IN (${keys.map(() => "?").join(", ")})`,
      keys,
    );
    for (const { key } of found) known.add(key);
  }
  const todo = known.size ? all.filter((r) => !known.has(r.key)) : all;
  const [first] = todo.length ? yield* stepAll<{ next: number }>(NEXT_ID_SQL) : [];
  const stored: { id: number; key: string }[] = [];
  for (let i = 0; i < todo.length; i += INSERT_ROWS) {
    const chunk = todo.slice(i, i + INSERT_ROWS);
    stored.push(
      ...(yield* stepAll<{ id: number; key: string }>(
        insertSql(chunk.length),
        sqliteInsertParams(chunk, Number(first?.next) + i),
      )),
    );
  }
  return stored;
}
