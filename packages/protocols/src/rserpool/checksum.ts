// ENRP PE checksum (RFC 5353 §3.6.2): the 16-bit one's-complement (RFC 1071) checksum over, for each
// PE a registrar owns, its pool handle zero-padded to a multiple of 4 octets followed by its 32-bit
// PE identifier. One's-complement addition is commutative, so the order of PEs does not matter and
// the sum can be kept incrementally; an empty set gives 0xffff (checked against rsplib's captures).

export interface ChecksumEntry {
  /** Pool handle octets. */
  handle: Uint8Array;
  peId: number;
}

/** The 32-bit running sum (before folding) of one PE's contribution. */
export function peChecksumPart(handle: Uint8Array, peId: number): number {
  let sum = 0;
  const n = handle.length;
  for (let i = 0; i < n; i += 2)
    sum += ((handle[i] as number) << 8) | (i + 1 < n ? (handle[i + 1] as number) : 0);
  sum += (peId >>> 16) + (peId & 0xffff);
  return sum;
}

export function foldChecksum(sum: number): number {
  let s = sum;
  while (s > 0xffff) s = (s & 0xffff) + Math.floor(s / 0x10000);
  return ~s & 0xffff;
}

export function peChecksum(entries: Iterable<ChecksumEntry>): number {
  let sum = 0;
  for (const e of entries) {
    sum += peChecksumPart(e.handle, e.peId);
    // Fold as we go so the sum stays a small integer whatever the number of PEs.
    if (sum > 0x7fffffff) sum = (sum & 0xffff) + Math.floor(sum / 0x10000);
  }
  return foldChecksum(sum);
}
