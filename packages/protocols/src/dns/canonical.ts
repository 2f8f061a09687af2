import type { ZoneRecord } from "./parser";

const keyCodes: number[] = [];
const labelStarts: number[] = [];

/**
 * A string whose ordinary `<` ordering is RFC 4034 §6.1 canonical name order: labels from the
 * root down, each compared as lower-cased octets, a shorter label before a longer one it
 * prefixes. Labels are written most-significant first and ended with 0x00; octets 0x00 and
 * 0x01 are escaped to 0x01 0x01 / 0x01 0x02 so the terminator stays the smallest code.
 * Computing it once per owner lets the sort compare native strings instead of walking labels.
 */
export function nameSortKey(wire: Uint8Array): string {
  let n = 0;
  let p = 0;
  while (p < wire.length && wire[p] !== 0) {
    labelStarts[n++] = p;
    p += 1 + wire[p]!;
  }
  keyCodes.length = 0;
  for (let k = n - 1; k >= 0; k--) {
    const o = labelStarts[k]!;
    const end = o + 1 + wire[o]!;
    for (let j = o + 1; j < end; j++) {
      let b = wire[j]!;
      if (b <= 1) {
        keyCodes.push(1, b + 1);
        continue;
      }
      if (b >= 65 && b <= 90) b += 32;
      keyCodes.push(b);
    }
    keyCodes.push(0);
  }
  return String.fromCharCode.apply(null, keyCodes);
}

/** RDATA order (RFC 4034 §6.3): unsigned octets, left-justified; a prefix sorts first. */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = a[i]! - b[i]!;
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

/** RFC 4034 §6.1 canonical order of two wire names (case-insensitive). */
export function compareNames(a: Uint8Array, b: Uint8Array): number {
  const ka = nameSortKey(a);
  const kb = nameSortKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

interface Keyed {
  key: string;
  rec: ZoneRecord;
}

function compareKeyed(x: Keyed, y: Keyed): number {
  if (x.key !== y.key) return x.key < y.key ? -1 : 1;
  const a = x.rec;
  const b = y.rec;
  if (a.class !== b.class) return a.class - b.class;
  // RFC 8976 §3.3.1: RRsets at one owner are ordered by numeric type.
  if (a.type !== b.type) return a.type - b.type;
  return compareBytes(a.rdata, b.rdata);
}

/** Canonical RR order: owner name, then class, type, RDATA. Stable for equal records. */
export function compareRecords(a: ZoneRecord, b: ZoneRecord): number {
  return compareKeyed({ key: nameSortKey(a.owner), rec: a }, { key: nameSortKey(b.owner), rec: b });
}

export interface CanonicalResult {
  records: ZoneRecord[];
  /** RRs dropped because owner, class, type and RDATA equal an earlier one (RFC 4034 §6.3). */
  duplicates: number;
}

/**
 * Sorts into canonical order and removes duplicate RRs (the first occurrence, and its TTL,
 * is kept). Sort keys (the octets of nameSortKey()) are computed once per owner array, which
 * consecutive records share, and packed into one buffer beside an array of small-integer
 * indices: no per-record wrapper objects or key strings, and V8's TimSort on the index array
 * makes nearly sorted input (signer output, where only the SOA is out of place) cost about one
 * comparison per record.
 */
export function canonicalOrder(records: readonly ZoneRecord[]): CanonicalResult {
  const n = records.length;
  // All sort keys packed into one buffer (key i is keyBuf[keyAt[i], keyAt[i + 1])): a million
  // records would otherwise mean a million key strings that survive into the old generation.
  // Records sharing an owner array (consecutive records often do) share one key.
  const keyAt = new Int32Array(n + 1);
  const keyId = new Int32Array(n);
  let keyBuf = new Uint8Array(Math.max(1024, n * 24));
  let used = 0;
  let keys = 0;
  let lastOwner: Uint8Array | null = null;
  for (let i = 0; i < n; i++) {
    const owner = records[i]!.owner;
    if (owner !== lastOwner) {
      lastOwner = owner;
      // A key is at most the name's length plus one escape octet per label octet.
      if (used + owner.length * 2 > keyBuf.length) {
        const next = new Uint8Array(Math.max(keyBuf.length * 2, used + owner.length * 2));
        next.set(keyBuf.subarray(0, used));
        keyBuf = next;
      }
      keyAt[keys] = used;
      used = writeSortKey(owner, keyBuf, used);
      keys++;
      keyAt[keys] = used;
    }
    keyId[i] = keys - 1;
  }
  const kb = keyBuf;
  const cmpKeys = (x: number, y: number): number => {
    let p = keyAt[x]!;
    let q = keyAt[y]!;
    const pe = keyAt[x + 1]!;
    const qe = keyAt[y + 1]!;
    const m = p + Math.min(pe - p, qe - q);
    while (p < m) {
      const d = kb[p]! - kb[q]!;
      if (d !== 0) return d;
      p++;
      q++;
    }
    return pe - keyAt[x]! - (qe - keyAt[y]!);
  };
  const cmp = (i: number, j: number): number => {
    const ki = keyId[i]!;
    const kj = keyId[j]!;
    if (ki !== kj) {
      const d = cmpKeys(ki, kj);
      if (d !== 0) return d;
    }
    const a = records[i]!;
    const b = records[j]!;
    if (a.class !== b.class) return a.class - b.class;
    // RFC 8976 §3.3.1: RRsets at one owner are ordered by numeric type.
    if (a.type !== b.type) return a.type - b.type;
    return compareBytes(a.rdata, b.rdata);
  };
  let sorted = true;
  for (let i = 1; i < n && sorted; i++) if (cmp(i - 1, i) > 0) sorted = false;
  const order: number[] = new Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  // Stable, so among duplicates the first in input order stays first and is the one kept.
  if (!sorted) order.sort((i, j) => cmp(i, j) || i - j);
  const out: ZoneRecord[] = [];
  let duplicates = 0;
  let prev = -1;
  for (let k = 0; k < n; k++) {
    const i = order[k]!;
    if (prev >= 0 && cmp(prev, i) === 0) {
      duplicates++;
      continue;
    }
    out.push(records[i]!);
    prev = i;
  }
  return { records: out, duplicates };
}

/**
 * Writes the nameSortKey() of `wire` as octets into `out` at `at` (the buffer must have room
 * for twice the name's length); returns the offset after it. Byte order of two keys is the
 * canonical order of their names, a key that is a prefix of another sorting first.
 */
function writeSortKey(wire: Uint8Array, out: Uint8Array, at: number): number {
  let n = 0;
  let p = 0;
  while (p < wire.length && wire[p] !== 0) {
    labelStarts[n++] = p;
    p += 1 + wire[p]!;
  }
  let o = at;
  for (let k = n - 1; k >= 0; k--) {
    const s = labelStarts[k]!;
    const end = s + 1 + wire[s]!;
    for (let j = s + 1; j < end; j++) {
      let b = wire[j]!;
      if (b <= 1) {
        out[o++] = 1;
        out[o++] = b + 1;
        continue;
      }
      if (b >= 65 && b <= 90) b += 32;
      out[o++] = b;
    }
    out[o++] = 0;
  }
  return o;
}

/** RR in canonical wire form (RFC 4034 §6.2): owner | type | class | TTL | RDLENGTH | RDATA. */
export function recordToWire(rec: ZoneRecord): Uint8Array {
  const out = new Uint8Array(rec.owner.length + 10 + rec.rdata.length);
  writeRecordWire(rec, out, 0);
  return out;
}

/** Writes `rec` at `at` in `buf`; returns the offset after it. The caller ensures room. */
export function writeRecordWire(rec: ZoneRecord, buf: Uint8Array, at: number): number {
  let p = at;
  buf.set(rec.owner, p);
  p += rec.owner.length;
  buf[p++] = rec.type >>> 8;
  buf[p++] = rec.type & 0xff;
  buf[p++] = rec.class >>> 8;
  buf[p++] = rec.class & 0xff;
  buf[p++] = rec.ttl >>> 24;
  buf[p++] = (rec.ttl >>> 16) & 0xff;
  buf[p++] = (rec.ttl >>> 8) & 0xff;
  buf[p++] = rec.ttl & 0xff;
  buf[p++] = rec.rdata.length >>> 8;
  buf[p++] = rec.rdata.length & 0xff;
  buf.set(rec.rdata, p);
  return p + rec.rdata.length;
}
