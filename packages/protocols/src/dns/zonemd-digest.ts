/** What RFC 8976 §3 digests (the zone minus its apex ZONEMD, canonically ordered) and the hashing. */
import { defaultHasher } from "#zonemd-hash";
import { RRType } from "./constants";
import { nameToText } from "./names";
import { canonicalWireOrder } from "./wire-order";
import type { WireZone } from "./wire-zone";
import type { HasherFactory, ZoneHasher } from "./zonemd-hash";
import { ZONEMD_HASHES, originWire } from "./zonemd-rdata";

export interface ZonemdCounts {
  /** Records given (after parsing). */
  records: number;
  /** RRs fed to the hash (after exclusions and de-duplication). */
  digested: number;
  duplicates: number;
  /** Owner not at or below the apex (RFC 8976 §3.3.1: not part of the zone). */
  outOfZone: number;
  /** Class differs from the SOA's (still digested; see prepareZone()). */
  otherClass: number;
  /** Apex ZONEMD RRs and apex RRSIGs covering ZONEMD (excluded by §3.3.1.1). */
  excludedZonemd: number;
  apexZonemd: number;
}

export interface ZonemdOptions {
  /** Zone apex. Default: owner of the first SOA record. */
  origin?: string | Uint8Array;
  /** Hash functions; default node:crypto under Node (required elsewhere). */
  hasher?: HasherFactory;
}

/** A zone ready to digest: what RFC 8976 §3.3.1.1 keeps, in canonical order. */
export interface PreparedZone {
  zone: WireZone;
  origin: Uint8Array;
  zoneClass: number;
  /** Record index of the apex SOA. */
  soa: number;
  serial: number;
  /** Record indices to digest, canonical order: order[0, digestCount). */
  order: Int32Array;
  digestCount: number;
  /** Record indices of the distinct apex ZONEMD RRs, in input order. */
  apexZonemd: number[];
  counts: ZonemdCounts;
}

export function emptyCounts(records: number): ZonemdCounts {
  return {
    records,
    digested: 0,
    duplicates: 0,
    outOfZone: 0,
    otherClass: 0,
    excludedZonemd: 0,
    apexZonemd: 0,
  };
}

function octetsEqual(a: Uint8Array, ao: number, b: Uint8Array, bo: number, n: number): boolean {
  for (let i = 0; i < n; i++) if (a[ao + i] !== b[bo + i]) return false;
  return true;
}

/** The owner at slab[off, off + len) is `apex` or below it (both canonical, i.e. lower-cased). */
function atOrBelow(slab: Uint8Array, off: number, len: number, apex: Uint8Array): boolean {
  const cut = len - apex.length;
  if (cut < 0) return false;
  // The suffix must start on a label boundary.
  let p = 0;
  while (p < cut) p += 1 + slab[off + p]!;
  return p === cut && octetsEqual(slab, off + cut, apex, 0, apex.length);
}

/** Records a and b have the same RDATA (SOA conflicts, copies of one ZONEMD). */
function sameRdata(zone: WireZone, a: number, b: number): boolean {
  const sa = zone.slabOf(a);
  const sb = zone.slabOf(b);
  const pa = zone.offsetOf(a) + zone.ownerLength(a);
  const pb = zone.offsetOf(b) + zone.ownerLength(b);
  const la = (sa[pa + 8]! << 8) | sa[pa + 9]!;
  const lb = (sb[pb + 8]! << 8) | sb[pb + 9]!;
  return la === lb && octetsEqual(sa, pa + 10, sb, pb + 10, la);
}

/**
 * Applies RFC 8976 §3.3.1.1: keeps in-zone RRs (glue, occluded data and non-apex ZONEMD
 * included), sets apart the apex ZONEMD RRset and drops RRSIGs covering it, then orders
 * canonically without duplicates. Returns a reason string when the zone cannot be digested.
 */
export function prepareZone(zone: WireZone, origin?: string | Uint8Array): PreparedZone | string {
  const n = zone.count;
  let apex: Uint8Array | null = origin !== undefined ? originWire(origin) : null;
  if (apex === null) {
    for (let i = 0; i < n && apex === null; i++) {
      if (zone.typeOf(i) === RRType.SOA) apex = zone.record(i).owner;
    }
    if (apex === null) return "zone has no SOA record";
  }
  const counts = emptyCounts(n);
  const keep = new Int32Array(n);
  let kept = 0;
  const apexZonemd: number[] = [];
  let soa = -1;
  let conflict = -1;
  let zoneClass = -1;
  for (let i = 0; i < n; i++) {
    const slab = zone.slabOf(i);
    const off = zone.offsetOf(i);
    const len = zone.ownerLength(i);
    if (!atOrBelow(slab, off, len, apex)) {
      counts.outOfZone++;
      continue;
    }
    const r = off + len;
    const type = (slab[r]! << 8) | slab[r + 1]!;
    const atApex = len === apex.length;
    if (atApex && type === RRType.SOA) {
      if (soa < 0) {
        soa = i;
        zoneClass = (slab[r + 2]! << 8) | slab[r + 3]!;
      } else if (conflict < 0 && (zone.classOf(i) !== zoneClass || !sameRdata(zone, soa, i))) conflict = i;
    }
    if (atApex && type === RRType.ZONEMD) {
      apexZonemd.push(i);
      counts.excludedZonemd++;
      continue;
    }
    if (
      atApex &&
      type === RRType.RRSIG &&
      ((slab[r + 8]! << 8) | slab[r + 9]!) >= 2 &&
      ((slab[r + 10]! << 8) | slab[r + 11]!) === RRType.ZONEMD
    ) {
      counts.excludedZonemd++;
      continue;
    }
    keep[kept++] = i;
  }
  if (soa < 0) return `zone has no SOA at its apex ${nameToText(apex)}`;
  if (conflict >= 0) {
    return `zone has conflicting SOA records (lines ${zone.lineOf(soa)} and ${zone.lineOf(conflict)})`;
  }
  // Records of another class are still digested: wessels/zonemd-test-cases 80-mixed-classes
  // (generated by the RFC's first author's tools) expects them hashed, ordered by class
  // before type. They are only counted here so callers can flag such zones.
  for (let i = 0; i < n; i++) if (zone.classOf(i) !== zoneClass) counts.otherClass++;
  const sorted = canonicalWireOrder(zone, keep, kept, apex.length);
  counts.duplicates = sorted.duplicates;
  counts.digested = sorted.count;
  // Identical apex ZONEMD RRs are one RR (RFC 2181 §5); different ones are checked separately.
  // File order is kept so "the first supported ZONEMD that matches" is the one reported.
  const distinct: number[] = [];
  for (const i of apexZonemd) {
    if (!distinct.some((j) => zone.classOf(j) === zone.classOf(i) && sameRdata(zone, i, j))) distinct.push(i);
  }
  counts.apexZonemd = distinct.length;
  const s = zone.record(soa).rdata;
  // SOA serial follows the two names in the RDATA.
  let p = 0;
  for (let k = 0; k < 2; k++) {
    while (s[p] !== 0) p += 1 + s[p]!;
    p++;
  }
  const serial = ((s[p]! << 24) | (s[p + 1]! << 16) | (s[p + 2]! << 8) | s[p + 3]!) >>> 0;
  return {
    zone,
    origin: apex,
    zoneClass,
    soa,
    serial,
    order: sorted.order,
    digestCount: sorted.count,
    apexZonemd: distinct,
    counts,
  };
}

export function hasherFor(opts: { hasher?: HasherFactory }): HasherFactory {
  const h = opts.hasher ?? defaultHasher;
  if (h === null) throw new Error("ZONEMD needs SHA-384/512: pass a hasher (no node:crypto here)");
  return h;
}

/** Spans at least this long are hashed in place; shorter ones are batched (fewer update() calls). */
const DIRECT = 4096;

/**
 * Hashes the prepared records with every algorithm in one pass. Records that lie next to each
 * other in their slab (all of them, for input already in canonical order) are hashed as one
 * span, straight from the slab; scattered ones are copied into a batch first.
 */
export function hashPrepared(
  prep: PreparedZone,
  algorithms: readonly number[],
  hasher: HasherFactory,
): Map<number, Uint8Array> {
  const hashes: { alg: number; h: ZoneHasher }[] = algorithms.map((alg) => ({
    alg,
    h: hasher(ZONEMD_HASHES.get(alg)!.name),
  }));
  const { zone, order, digestCount } = prep;
  // 128 KiB always fits one maximal RR (255 + 10 + 65535 octets).
  const batch = new Uint8Array(131_072);
  let len = 0;
  const update = (data: Uint8Array): void => {
    for (const { h } of hashes) h.update(data);
  };
  const flushBatch = (): void => {
    if (len > 0) update(batch.subarray(0, len));
    len = 0;
  };
  let span: Uint8Array | null = null;
  let from = 0;
  let to = 0;
  const flushSpan = (): void => {
    if (span === null || to === from) return;
    if (to - from >= DIRECT) {
      flushBatch();
      update(span.subarray(from, to));
    } else {
      if (len + (to - from) > batch.length) flushBatch();
      for (let p = from; p < to; p++) batch[len++] = span[p]!;
    }
  };
  for (let k = 0; k < digestCount; k++) {
    const i = order[k]!;
    const slab = zone.slabOf(i);
    const off = zone.offsetOf(i);
    const size = zone.sizeOf(i);
    if (slab === span && off === to) {
      to += size;
      continue;
    }
    flushSpan();
    span = slab;
    from = off;
    to = off + size;
  }
  flushSpan();
  flushBatch();
  const out = new Map<number, Uint8Array>();
  for (const { alg, h } of hashes) out.set(alg, Uint8Array.from(h.digest()));
  return out;
}
