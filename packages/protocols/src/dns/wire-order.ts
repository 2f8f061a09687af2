import type { WireZone } from "./wire-zone";

export interface WireOrder {
  /** Record indices in canonical order, duplicates removed: order[0, count). */
  order: Int32Array;
  count: number;
  /** RRs dropped because owner, class, type and RDATA equal an earlier one (RFC 4034 §6.3). */
  duplicates: number;
}

/**
 * RFC 4034 §6.3 canonical order of the records `keep[0, keepCount)` (indices into `zone`,
 * ascending), all at or below one name of `suffixLength` octets (the apex), which is left out
 * of the sort keys since every record shares it. Duplicates are removed; the first in input
 * order (and its TTL) is kept.
 *
 * Records with the same owner next to each other form a group; groups are ordered by a sort
 * key of their owner (labels from the apex down, lower-cased, packed in one buffer, with its
 * first six octets as a number so most comparisons never look at the buffer), and records
 * within one owner by class, type and RDATA. Input already in canonical order (signer output)
 * costs one comparison per group. Memory: a few 32-bit integers per record and the keys.
 */
export function canonicalWireOrder(
  zone: WireZone,
  keep: Int32Array,
  keepCount: number,
  suffixLength: number,
): WireOrder {
  // 1) Groups of consecutive kept records with the same owner octets.
  const groupAt = new Int32Array(keepCount + 1);
  let groups = 0;
  let prevSlab: Uint8Array | null = null;
  let prevOff = 0;
  let prevLen = -1;
  for (let k = 0; k < keepCount; k++) {
    const i = keep[k]!;
    const slab = zone.slabOf(i);
    const off = zone.offsetOf(i);
    const len = zone.ownerLength(i);
    if (len !== prevLen || !sameOctets(slab, off, prevSlab!, prevOff, len)) groupAt[groups++] = k;
    prevSlab = slab;
    prevOff = off;
    prevLen = len;
  }
  groupAt[groups] = keepCount;

  // 2) One sort key per group, all in one buffer: key g is keyBuf[keyAt[g], keyAt[g + 1]).
  const keyAt = new Int32Array(groups + 1);
  const prefix = new Float64Array(groups);
  let keyBuf = new Uint8Array(Math.max(1024, groups * 16));
  let used = 0;
  const starts = new Int32Array(128);
  for (let g = 0; g < groups; g++) {
    const i = keep[groupAt[g]!]!;
    const slab = zone.slabOf(i);
    const off = zone.offsetOf(i);
    const rel = zone.ownerLength(i) - suffixLength;
    if (used + 2 * rel > keyBuf.length) {
      const next = new Uint8Array(Math.max(keyBuf.length * 2, used + 2 * rel));
      next.set(keyBuf.subarray(0, used));
      keyBuf = next;
    }
    keyAt[g] = used;
    used = writeKey(slab, off, rel, keyBuf, used, starts);
    let p = 0;
    const s = keyAt[g]!;
    for (let j = 0; j < 6; j++) p = p * 256 + (s + j < used ? keyBuf[s + j]! : 0);
    prefix[g] = p;
  }
  keyAt[groups] = used;
  const kb = keyBuf;

  const cmpKeys = (x: number, y: number): number => {
    const px = prefix[x]!;
    const py = prefix[y]!;
    if (px !== py) return px < py ? -1 : 1;
    let p = keyAt[x]! + 6;
    let q = keyAt[y]! + 6;
    const pe = keyAt[x + 1]!;
    const qe = keyAt[y + 1]!;
    while (p < pe && q < qe) {
      const d = kb[p]! - kb[q]!;
      if (d !== 0) return d;
      p++;
      q++;
    }
    return pe - keyAt[x]! - (qe - keyAt[y]!);
  };

  // 3) Group order: as given when already canonical, else sorted (stable: ties by position).
  let inOrder = true;
  // Remembered for step 4: in input order, only neighbours can have equal keys.
  const sameAsPrev = new Uint8Array(groups);
  for (let g = 1; g < groups && inOrder; g++) {
    const d = cmpKeys(g - 1, g);
    if (d > 0) inOrder = false;
    else if (d === 0) sameAsPrev[g] = 1;
  }
  const gorder = new Int32Array(groups);
  for (let g = 0; g < groups; g++) gorder[g] = g;
  if (!inOrder) gorder.sort((x, y) => cmpKeys(x, y) || x - y);

  // 4) Records: groups with equal keys are merged, then ordered by class, type and RDATA.
  const out = new Int32Array(keepCount);
  let count = 0;
  let duplicates = 0;
  const bucket: number[] = [];
  const cmpRec = (a: number, b: number): number => compareRest(zone, a, b);
  for (let t = 0; t < groups; ) {
    const g = gorder[t]!;
    let u = t + 1;
    while (u < groups && (inOrder ? sameAsPrev[u] === 1 : cmpKeys(g, gorder[u]!) === 0)) u++;
    const single = u === t + 1;
    if (single && groupAt[g + 1]! - groupAt[g]! === 1) {
      out[count++] = keep[groupAt[g]!]!;
      t = u;
      continue;
    }
    bucket.length = 0;
    for (let v = t; v < u; v++) {
      const h = gorder[v]!;
      for (let k = groupAt[h]!; k < groupAt[h + 1]!; k++) bucket.push(keep[k]!);
    }
    let sorted = true;
    for (let k = 1; k < bucket.length && sorted; k++)
      if (cmpRec(bucket[k - 1]!, bucket[k]!) > 0) sorted = false;
    // Indices rise in input order, so ties by index keep the first of equal records first.
    if (!sorted) bucket.sort((a, b) => cmpRec(a, b) || a - b);
    out[count++] = bucket[0]!;
    for (let k = 1; k < bucket.length; k++) {
      if (cmpRec(bucket[k - 1]!, bucket[k]!) === 0) duplicates++;
      else out[count++] = bucket[k]!;
    }
    t = u;
  }
  return { order: out, count, duplicates };
}

function sameOctets(a: Uint8Array, ao: number, b: Uint8Array, bo: number, n: number): boolean {
  for (let i = 0; i < n; i++) if (a[ao + i] !== b[bo + i]) return false;
  return true;
}

/**
 * Writes the sort key of the first `rel` octets of the wire name at `buf[off]` (whole labels:
 * the name minus the shared apex) into `out` at `at`: labels last to first, each lower-cased
 * and ended with 0x00, octets 0x00 and 0x01 escaped to 0x01 0x01 / 0x01 0x02, so plain octet
 * order of keys is canonical name order (RFC 4034 §6.1). Returns the offset after the key.
 */
function writeKey(
  buf: Uint8Array,
  off: number,
  rel: number,
  out: Uint8Array,
  at: number,
  starts: Int32Array,
): number {
  let n = 0;
  let p = off;
  const end = off + rel;
  while (p < end) {
    starts[n++] = p;
    p += 1 + buf[p]!;
  }
  let o = at;
  for (let k = n - 1; k >= 0; k--) {
    const s = starts[k]!;
    const e = s + 1 + buf[s]!;
    for (let j = s + 1; j < e; j++) {
      let c = buf[j]!;
      if (c <= 1) {
        out[o++] = 1;
        out[o++] = c + 1;
        continue;
      }
      if (c >= 65 && c <= 90) c += 32;
      out[o++] = c;
    }
    out[o++] = 0;
  }
  return o;
}

/** Class, then type (RFC 8976 §3.3.1: RRsets at one owner by numeric type), then RDATA octets. */
function compareRest(zone: WireZone, a: number, b: number): number {
  const sa = zone.slabOf(a);
  const sb = zone.slabOf(b);
  let p = zone.offsetOf(a) + zone.ownerLength(a);
  let q = zone.offsetOf(b) + zone.ownerLength(b);
  const ca = (sa[p + 2]! << 8) | sa[p + 3]!;
  const cb = (sb[q + 2]! << 8) | sb[q + 3]!;
  if (ca !== cb) return ca - cb;
  const ta = (sa[p]! << 8) | sa[p + 1]!;
  const tb = (sb[q]! << 8) | sb[q + 1]!;
  if (ta !== tb) return ta - tb;
  const la = (sa[p + 8]! << 8) | sa[p + 9]!;
  const lb = (sb[q + 8]! << 8) | sb[q + 9]!;
  p += 10;
  q += 10;
  const n = Math.min(la, lb);
  for (let i = 0; i < n; i++) {
    const d = sa[p + i]! - sb[q + i]!;
    if (d !== 0) return d;
  }
  return la - lb;
}
