import type { DhcpLease } from "@netops/protocols/dhcp";
import type { Sql, SqlRunner } from "./sql";

/** What one batch changed, for the source's status line. */
export interface IngestResult {
  upserted: number;
  removed: number;
  events: number;
}

interface Existing {
  hwAddress: string | null;
  clientId: string | null;
  state: string;
  ends: number | null;
}

export const LEASE_COLUMNS =
  "sourceId, addressKey, address, family, prefixLength, leaseType, hwAddress, clientId, iaid, hostname, hostnameKey, state, starts, ends, cltt, subnetId, line, gen, updatedAt";

/** The values of one lease row in LEASE_COLUMNS order. */
export function leaseRow(sourceId: number, l: DhcpLease, gen: number, now: number): unknown[] {
  return [
    sourceId,
    l.addressKey,
    l.address,
    l.family,
    l.prefixLength,
    l.leaseType,
    l.hwAddress,
    l.clientId,
    l.iaid,
    l.hostname,
    l.hostname === null ? null : l.hostname.toLowerCase(),
    l.state,
    l.starts,
    l.ends,
    l.cltt,
    l.subnetId,
    l.line,
    gen,
    now,
  ];
}

const UPSERT_TAIL = `ON CONFLICT(sourceId, addressKey, prefixLength) DO UPDATE SET
         address=excluded.address, family=excluded.family, leaseType=excluded.leaseType,
         hwAddress=excluded.hwAddress, clientId=excluded.clientId, iaid=excluded.iaid, hostname=excluded.hostname,
         hostnameKey=excluded.hostnameKey, state=excluded.state, starts=excluded.starts, ends=excluded.ends,
         cltt=excluded.cltt, subnetId=excluded.subnetId, line=excluded.line, gen=excluded.gen,
         updatedAt=excluded.updatedAt`;
const ROW = `(${LEASE_COLUMNS.split(",")
  .map(() => "?")
  .join(", ")})`;
/** Rows per multi-row upsert: 19 parameters each, far below either engine's limit. */
const MULTI_ROWS = 500;
const upsertSql = (rows: number) =>
  `INSERT INTO DhcpLease (${LEASE_COLUMNS}) VALUES ${Array.from({ length: rows }, () => ROW).join(", ")} ${UPSERT_TAIL}`;

/** PostgreSQL's type of each LEASE_COLUMNS column (all integer or text). */
const INTEGER_COLUMNS = new Set([
  "sourceId",
  "family",
  "prefixLength",
  "iaid",
  "starts",
  "ends",
  "cltt",
  "subnetId",
  "line",
  "gen",
  "updatedAt",
]);
const COLUMN_NAMES = LEASE_COLUMNS.split(",").map((c) => c.trim());
/**
 * PostgreSQL: rows per upsert of column arrays. One parameter per column whatever the row count,
 * so a first read of a million leases is 200 statements, each parsed once, instead of 2,000
 * statements of 9,500 parameters; each is built while the one before it runs.
 */
const ARRAY_ROWS = 5_000;
const ARRAY_UPSERT = `INSERT INTO DhcpLease (${LEASE_COLUMNS}) SELECT * FROM unnest(${COLUMN_NAMES.map(
  (c) => `?::${INTEGER_COLUMNS.has(c) ? "int" : "text"}[]`,
).join(", ")}) ${UPSERT_TAIL}`;
const SELECT =
  "SELECT hwAddress, clientId, state, ends FROM DhcpLease WHERE sourceId = ? AND addressKey = ? AND prefixLength = ?";
const DELETE = "DELETE FROM DhcpLease WHERE sourceId = ? AND addressKey = ? AND prefixLength = ?";
const EVENT =
  "INSERT INTO DhcpLeaseEvent (sourceId, addressKey, address, hwAddress, clientId, hostname, hostnameKey, state, ends, kind, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
/** An event's hostnameKey: lower-cased, as DhcpLease.hostnameKey. */
const hostKey = (hostname: string | null) => (hostname === null ? null : hostname.toLowerCase());

/**
 * Writes parsed leases into DhcpLease in one transaction per batch, on either engine. A later
 * record for an address replaces the earlier one (as the servers themselves do), a Kea delete
 * marker removes it, and every change after a source's first read leaves a DhcpLeaseEvent so the
 * history of an address and of a client can be shown. A first read writes runs of leases as
 * multi-row upserts: 500 rows per statement on SQLite, 5,000 per upsert of column arrays on
 * PostgreSQL (one round trip each, not one per lease).
 */
export class LeaseWriter {
  constructor(private readonly sql: Sql) {}

  async count(sourceId: number): Promise<number> {
    return (
      (await this.sql.get<{ n: number }>("SELECT count(*) AS n FROM DhcpLease WHERE sourceId = ?", sourceId))
        ?.n ?? 0
    );
  }

  /**
   * Applies leases in file order. `firstRead` (the source has no rows yet) skips the per-row
   * lookup: nothing can be replaced, and there is no earlier history to compare with.
   */
  apply(
    sourceId: number,
    leases: readonly DhcpLease[],
    gen: number,
    now: number,
    firstRead: boolean,
  ): Promise<IngestResult> {
    return this.sql.transaction(async (tx) => {
      const r: IngestResult = { upserted: 0, removed: 0, events: 0 };
      if (firstRead) {
        await firstReadApply(tx, this.sql.engine, sourceId, leases, gen, now, r);
        return r;
      }
      for (const l of leases) {
        const at = l.cltt ?? l.starts ?? now;
        const before = await tx.get<Existing>(SELECT, sourceId, l.addressKey, l.prefixLength);
        if (l.deleted) {
          if (before) {
            await tx.run(DELETE, sourceId, l.addressKey, l.prefixLength);
            await tx.run(
              EVENT,
              sourceId,
              l.addressKey,
              l.address,
              before.hwAddress,
              before.clientId,
              l.hostname,
              hostKey(l.hostname),
              before.state,
              before.ends,
              "removed",
              at,
            );
            r.removed++;
            r.events++;
          }
          continue;
        }
        await tx.run(upsertSql(1), ...leaseRow(sourceId, l, gen, now));
        r.upserted++;
        const kind = changeKind(before, l);
        if (kind) {
          await tx.run(
            EVENT,
            sourceId,
            l.addressKey,
            l.address,
            l.hwAddress,
            l.clientId,
            l.hostname,
            hostKey(l.hostname),
            l.state,
            l.ends,
            kind,
            at,
          );
          r.events++;
        }
      }
      return r;
    });
  }

  /** After a full read with generation `gen`: rows it did not see are gone from the source. */
  sweep(sourceId: number, gen: number, now: number): Promise<number> {
    return this.sql.transaction(async (tx) => {
      // One statement: the removed rows' events straight from the rows themselves.
      await tx.run(
        `INSERT INTO DhcpLeaseEvent (sourceId, addressKey, address, hwAddress, clientId, hostname, hostnameKey, state, ends, kind, at)
         SELECT sourceId, addressKey, address, hwAddress, clientId, hostname, hostnameKey, state, ends, 'removed', ? FROM DhcpLease
          WHERE sourceId = ? AND gen < ? ORDER BY id`,
        now,
        sourceId,
        gen,
      );
      return tx.run("DELETE FROM DhcpLease WHERE sourceId = ? AND gen < ?", sourceId, gen);
    });
  }
}

/**
 * A first read: runs of leases go out as multi-row upserts, a delete marker flushes the run before
 * it and removes its row. Within a run the last record of an address wins, as it would row by row
 * (PostgreSQL refuses one statement touching a row twice).
 */
async function firstReadApply(
  tx: SqlRunner,
  engine: Sql["engine"],
  sourceId: number,
  leases: readonly DhcpLease[],
  gen: number,
  now: number,
  r: IngestResult,
): Promise<void> {
  let run = new Map<string, DhcpLease>();
  const limit = engine === "postgres" ? ARRAY_ROWS : MULTI_ROWS;
  let inFlight: Promise<unknown> = Promise.resolve();
  const flush = async () => {
    const rows = [...run.values()];
    run = new Map();
    if (engine === "postgres") {
      // Column-major: the i-th array holds every row's i-th value.
      const columns = COLUMN_NAMES.map((): unknown[] => []);
      for (const l of rows)
        for (const [i, v] of leaseRow(sourceId, l, gen, now).entries()) columns[i]?.push(v);
      const params = columns.map(arrayLiteral);
      // This run was built while the previous statement ran; statements still run in order.
      await inFlight;
      const sent = tx.run(ARRAY_UPSERT, ...params);
      sent.catch(() => {}); // awaited (and so thrown) at the next flush or at the end
      inFlight = sent;
      return;
    }
    for (let i = 0; i < rows.length; i += MULTI_ROWS) {
      const chunk = rows.slice(i, i + MULTI_ROWS);
      await tx.run(upsertSql(chunk.length), ...chunk.flatMap((l) => leaseRow(sourceId, l, gen, now)));
    }
  };
  for (const l of leases) {
    const key = `${l.addressKey}/${l.prefixLength}`;
    if (l.deleted) {
      if (run.size > 0) await flush();
      await inFlight;
      r.removed += await tx.run(DELETE, sourceId, l.addressKey, l.prefixLength);
      continue;
    }
    run.delete(key);
    run.set(key, l);
    r.upserted++;
    if (run.size >= limit) await flush();
  }
  if (run.size > 0) await flush();
  await inFlight;
}

/**
 * A PostgreSQL array literal of numbers, strings and nulls: what node-pg would send for the array,
 * written for this one shape (node-pg's general encoder was a fifth of a first read's time).
 */
export function arrayLiteral(values: readonly unknown[]): string {
  const out = new Array<string>(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    out[i] =
      v === null || v === undefined
        ? "NULL"
        : typeof v === "number"
          ? String(v)
          : `"${String(v).replace(/[\\"]/g, "\\$&")}"`;
  }
  return `{${out.join(",")}}`;
}

/** Why a lease row differs from what was stored, or null when it is the same lease. */
export function changeKind(before: Existing | undefined, l: DhcpLease): string | null {
  if (!before) return "new";
  if (before.hwAddress !== l.hwAddress || before.clientId !== l.clientId) return "changed-client";
  if (before.state !== l.state) return "state";
  if (before.ends !== l.ends) return "renewed";
  return null;
}
