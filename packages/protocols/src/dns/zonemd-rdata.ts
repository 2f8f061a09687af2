import { RRType, classToText } from "./constants";
import { toHex } from "./encoding";
import { nameFromText, nameToText } from "./names";
import type { ZoneRecord } from "./parser";

export const ZONEMD_SCHEME_SIMPLE = 1;
export const ZONEMD_HASH_SHA384 = 1;
export const ZONEMD_HASH_SHA512 = 2;

/** RFC 8976 §2.2.3: supported hash algorithms, their digest sizes and hash function names. */
export const ZONEMD_HASHES: ReadonlyMap<number, { name: "sha384" | "sha512"; size: number }> = new Map([
  [ZONEMD_HASH_SHA384, { name: "sha384", size: 48 }],
  [ZONEMD_HASH_SHA512, { name: "sha512", size: 64 }],
]);

export function zonemdDigestSize(hashAlgorithm: number): number | undefined {
  return ZONEMD_HASHES.get(hashAlgorithm)?.size;
}

export interface ZonemdRdata {
  serial: number;
  scheme: number;
  hashAlgorithm: number;
  digest: Uint8Array;
}

/** Decodes ZONEMD RDATA (RFC 8976 §2.2); null when shorter than the fixed 6-octet header. */
export function decodeZonemdRdata(rd: Uint8Array): ZonemdRdata | null {
  if (rd.length < 6) return null;
  return {
    serial: ((rd[0]! << 24) | (rd[1]! << 16) | (rd[2]! << 8) | rd[3]!) >>> 0,
    scheme: rd[4]!,
    hashAlgorithm: rd[5]!,
    digest: rd.subarray(6),
  };
}

export function encodeZonemdRdata(z: ZonemdRdata): Uint8Array {
  const rd = new Uint8Array(6 + z.digest.length);
  rd[0] = z.serial >>> 24;
  rd[1] = (z.serial >>> 16) & 0xff;
  rd[2] = (z.serial >>> 8) & 0xff;
  rd[3] = z.serial & 0xff;
  rd[4] = z.scheme;
  rd[5] = z.hashAlgorithm;
  rd.set(z.digest, 6);
  return rd;
}

export function originWire(origin: string | Uint8Array): Uint8Array {
  if (typeof origin !== "string") return origin;
  return nameFromText(origin.endsWith(".") ? origin : `${origin}.`, null, true);
}

export function zonemdText(owner: Uint8Array, ttl: number, cls: number, z: ZonemdRdata): string {
  return `${nameToText(owner)} ${ttl} ${classToText(cls)} ZONEMD ${z.serial} ${z.scheme} ${z.hashAlgorithm} ${toHex(z.digest)}`;
}

/**
 * Placeholder ZONEMD (RFC 8976 §3.1): current SOA serial, chosen scheme/algorithm, all-zero
 * digest of the algorithm's full length. Add it before DNSSEC signing so NSEC/NSEC3 bitmaps
 * already list ZONEMD; its digest is never hashed (apex ZONEMD is excluded).
 */
export function zonemdPlaceholder(opts: {
  origin: string | Uint8Array;
  serial: number;
  hashAlgorithm?: number;
  scheme?: number;
  ttl: number;
  class?: number;
}): { record: ZoneRecord; text: string } {
  const alg = opts.hashAlgorithm ?? ZONEMD_HASH_SHA384;
  const size = ZONEMD_HASHES.get(alg)?.size;
  if (size === undefined) throw new RangeError(`unsupported ZONEMD hash algorithm ${alg}`);
  const owner = originWire(opts.origin);
  const z = {
    serial: opts.serial >>> 0,
    scheme: opts.scheme ?? ZONEMD_SCHEME_SIMPLE,
    hashAlgorithm: alg,
    digest: new Uint8Array(size),
  };
  const cls = opts.class ?? 1;
  return {
    record: {
      owner,
      type: RRType.ZONEMD,
      class: cls,
      ttl: opts.ttl,
      rdata: encodeZonemdRdata(z),
      file: "<placeholder>",
      line: 0,
    },
    text: zonemdText(owner, opts.ttl, cls, z),
  };
}
