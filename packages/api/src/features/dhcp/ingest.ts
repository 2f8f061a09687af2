import type { DhcpLease } from "@netops/protocols/dhcp";
import { copyChunks, UnstorableLeaseError, unstorable } from "./lease-copy";
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

/**
 * PostgreSQL: a first read's runs go through COPY. The run's addresses already stored (by an
 * earlier batch of the same read) are looked up first, by the unique index; the others are copied
 * straight into DhcpLease, the stored ones into a session-local staging table (temporary: no
 * indexes, no WAL) and upserted from it in one statement. An INSERT … SELECT costs about 1.4× a
 * COPY into the indexed table (one row at a time), so only what must be upserted takes that path.
 * A source's reads come from the one replica that owns its collector: nothing else inserts its
 * addresses between the look-up and the COPY (if something did, the COPY would fail on the unique
 * index and the batch roll back, never store a duplicate).
 */
// Both read the unique index (sourceId, addressKey, prefixLength); addressKey is ASCII, so the
// engine's byte order and JavaScript's string order agree.
const STORED_RANGE = "SELECT min(addressKey) AS lo, max(addressKey) AS hi FROM DhcpLease WHERE sourceId = ?";
const STORED =
  "SELECT addressKey, prefixLength FROM DhcpLease WHERE sourceId = ? AND addressKey = ANY(?::text[])";
const DIRECT_COPY = `COPY DhcpLease (${LEASE_COLUMNS}) FROM STDIN`;
/** Created on first use in each connection's transaction, emptied at every commit. */
const STAGE = `CREATE TEMP TABLE IF NOT EXISTS lease_stage ON COMMIT DELETE ROWS AS SELECT ${LEASE_COLUMNS} FROM DhcpLease WITH NO DATA`;
const STAGE_COPY = `COPY lease_stage (${LEASE_COLUMNS}) FROM STDIN`;
const STAGE_UPSERT = `INSERT INTO DhcpLease (${LEASE_COLUMNS}) SELECT ${LEASE_COLUMNS} FROM lease_stage ${UPSERT_TAIL}`;
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
 * multi-row upserts of 500 rows on SQLite, and on PostgreSQL through COPY, straight into the table
 * for new addresses and by a staging table's upsert for stored ones (a few round trips per batch,
 * not one per lease). A lease whose text cannot
 * be stored (unstorable) refuses the whole batch before anything is written.
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
    for (const l of leases) {
      const why = unstorable(l);
      if (why) return Promise.reject(new UnstorableLeaseError(l, why));
    }
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
 * A first read: runs of leases go out as multi-row upserts (SQLite) or through COPY (PostgreSQL,
 * see STORED); a delete marker flushes the run before it and removes its row. Within a run the
 * last record of an address wins, as it would row by row (PostgreSQL refuses one statement
 * touching a row twice).
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
  let staged = false;
  const flush = async () => {
    const rows = [...run.values()];
    run = new Map();
    if (engine === "postgres") {
      const copy = tx.copyFrom;
      if (!copy) throw new Error("COPY needs a PostgreSQL transaction");
      // Only addresses inside the stored range can be stored: a file in address order (what
      // Kea's LFC and dhcpd write) adds above it, and its batches need no look-up at all.
      const range = await tx.get<{ lo: string | null; hi: string | null }>(STORED_RANGE, sourceId);
      const { lo, hi } = range ?? { lo: null, hi: null };
      const candidates =
        lo === null || hi === null
          ? []
          : [...new Set(rows.map((l) => l.addressKey).filter((k) => k >= lo && k <= hi))];
      const found =
        candidates.length === 0
          ? []
          : await tx.all<{ addressKey: string; prefixLength: number }>(STORED, sourceId, candidates);
      const stored = new Set(found.map((e) => `${e.addressKey}/${e.prefixLength}`));
      const fresh: DhcpLease[] = [];
      const again: DhcpLease[] = [];
      for (const l of rows) (stored.has(`${l.addressKey}/${l.prefixLength}`) ? again : fresh).push(l);
      if (fresh.length > 0)
        await copy(DIRECT_COPY, copyChunks(fresh.map((l) => leaseRow(sourceId, l, gen, now))));
      if (again.length > 0) {
        await tx.run(staged ? "TRUNCATE lease_stage" : STAGE);
        staged = true;
        await copy(STAGE_COPY, copyChunks(again.map((l) => leaseRow(sourceId, l, gen, now))));
        await tx.run(STAGE_UPSERT);
      }
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
      r.removed += await tx.run(DELETE, sourceId, l.addressKey, l.prefixLength);
      continue;
    }
    run.delete(key);
    run.set(key, l);
    r.upserted++;
    // PostgreSQL stages the whole batch: COPY has no parameter limit to keep under.
    if (engine === "sqlite" && run.size >= MULTI_ROWS) await flush();
  }
  if (run.size > 0) await flush();
}

/** Why a lease row differs from what was stored, or null when it is the same lease. */
export function changeKind(before: Existing | undefined, l: DhcpLease): string | null {
  if (!before) return "new";
  if (before.hwAddress !== l.hwAddress || before.clientId !== l.clientId) return "changed-client";
  if (before.state !== l.state) return "state";
  if (before.ends !== l.ends) return "renewed";
  return null;
}
