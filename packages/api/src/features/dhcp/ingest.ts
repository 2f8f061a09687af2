import type { DhcpLease } from "@netops/protocols/dhcp";
import type { RawDb } from "./raw-db";

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

/**
 * Writes parsed leases into DhcpLease with prepared statements in one transaction per batch.
 * A later record for an address replaces the earlier one (as the servers themselves do), a Kea
 * delete marker removes it, and every change after a source's first read leaves a
 * DhcpLeaseEvent so the history of an address and of a client can be shown.
 */
export class LeaseWriter {
  private readonly upsert;
  private readonly select;
  private readonly del;
  private readonly event;
  private readonly sweepSelect;
  private readonly sweepDelete;
  private readonly countOf;

  constructor(private readonly raw: RawDb) {
    const placeholders = LEASE_COLUMNS.split(",")
      .map(() => "?")
      .join(", ");
    this.upsert = raw.prepare(
      `INSERT INTO DhcpLease (${LEASE_COLUMNS}) VALUES (${placeholders})
       ON CONFLICT(sourceId, addressKey, prefixLength) DO UPDATE SET
         address=excluded.address, family=excluded.family, leaseType=excluded.leaseType,
         hwAddress=excluded.hwAddress, clientId=excluded.clientId, iaid=excluded.iaid, hostname=excluded.hostname,
         hostnameKey=excluded.hostnameKey, state=excluded.state, starts=excluded.starts, ends=excluded.ends,
         cltt=excluded.cltt, subnetId=excluded.subnetId, line=excluded.line, gen=excluded.gen,
         updatedAt=excluded.updatedAt`,
    );
    this.select = raw.prepare(
      "SELECT hwAddress, clientId, state, ends FROM DhcpLease WHERE sourceId = ? AND addressKey = ? AND prefixLength = ?",
    );
    this.del = raw.prepare(
      "DELETE FROM DhcpLease WHERE sourceId = ? AND addressKey = ? AND prefixLength = ?",
    );
    this.event = raw.prepare(
      "INSERT INTO DhcpLeaseEvent (sourceId, addressKey, address, hwAddress, clientId, hostname, state, ends, kind, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    );
    this.sweepSelect = raw.prepare(
      "SELECT addressKey, address, hwAddress, clientId, hostname, state, ends FROM DhcpLease WHERE sourceId = ? AND gen < ?",
    );
    this.sweepDelete = raw.prepare("DELETE FROM DhcpLease WHERE sourceId = ? AND gen < ?");
    this.countOf = raw.prepare("SELECT count(*) AS n FROM DhcpLease WHERE sourceId = ?");
  }

  count(sourceId: number): number {
    return (this.countOf.get(sourceId) as { n: number }).n;
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
  ): IngestResult {
    const r: IngestResult = { upserted: 0, removed: 0, events: 0 };
    this.raw.transaction(() => {
      for (const l of leases) {
        const at = l.cltt ?? l.starts ?? now;
        if (firstRead) {
          if (l.deleted) {
            r.removed += this.del.run(sourceId, l.addressKey, l.prefixLength).changes;
          } else {
            this.upsert.run(...leaseRow(sourceId, l, gen, now));
            r.upserted++;
          }
          continue;
        }
        const before = this.select.get(sourceId, l.addressKey, l.prefixLength) as Existing | undefined;
        if (l.deleted) {
          if (before) {
            this.del.run(sourceId, l.addressKey, l.prefixLength);
            this.event.run(
              sourceId,
              l.addressKey,
              l.address,
              before.hwAddress,
              before.clientId,
              l.hostname,
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
        this.upsert.run(...leaseRow(sourceId, l, gen, now));
        r.upserted++;
        const kind = changeKind(before, l);
        if (kind) {
          this.event.run(
            sourceId,
            l.addressKey,
            l.address,
            l.hwAddress,
            l.clientId,
            l.hostname,
            l.state,
            l.ends,
            kind,
            at,
          );
          r.events++;
        }
      }
    })();
    return r;
  }

  /** After a full read with generation `gen`: rows it did not see are gone from the source. */
  sweep(sourceId: number, gen: number, now: number): number {
    let n = 0;
    this.raw.transaction(() => {
      const gone = this.sweepSelect.all(sourceId, gen) as (Existing & {
        addressKey: string;
        address: string;
        hostname: string | null;
      })[];
      for (const g of gone) {
        this.event.run(
          sourceId,
          g.addressKey,
          g.address,
          g.hwAddress,
          g.clientId,
          g.hostname,
          g.state,
          g.ends,
          "removed",
          now,
        );
      }
      n = this.sweepDelete.run(sourceId, gen).changes;
    })();
    return n;
  }
}

/** Why a lease row differs from what was stored, or null when it is the same lease. */
export function changeKind(before: Existing | undefined, l: DhcpLease): string | null {
  if (!before) return "new";
  if (before.hwAddress !== l.hwAddress || before.clientId !== l.clientId) return "changed-client";
  if (before.state !== l.state) return "state";
  if (before.ends !== l.ends) return "renewed";
  return null;
}
