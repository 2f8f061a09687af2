/**
 * RFC 8976 ZONEMD: the public entry points. The work is split by concern: zonemd-rdata.ts (the
 * record itself), zonemd-digest.ts (what is digested, in which order, and hashing), and
 * zonemd-verify.ts (the verdict, RFC 8976 §4). All take a WireZone, the compact form of a zone.
 */
import { toHex } from "./encoding";
import type { ZoneParseError } from "./errors";
import { RRType } from "./constants";
import { type ZoneParserOptions, type ZoneRecord, ZoneParser, bytesToLatin1 } from "./parser";
import { WireZone } from "./wire-zone";
import { type ZonemdOptions, hashPrepared, hasherFor, prepareZone } from "./zonemd-digest";
import {
  ZONEMD_HASHES,
  ZONEMD_HASH_SHA384,
  ZONEMD_SCHEME_SIMPLE,
  encodeZonemdRdata,
  zonemdText,
} from "./zonemd-rdata";
import { type ZonemdVerdict, verifyWireZone } from "./zonemd-verify";

export type { ZonemdCounts, ZonemdOptions } from "./zonemd-digest";
export type { HasherFactory, ZoneHasher } from "./zonemd-hash";
export {
  ZONEMD_HASH_SHA384,
  ZONEMD_HASH_SHA512,
  ZONEMD_SCHEME_SIMPLE,
  decodeZonemdRdata,
  encodeZonemdRdata,
  zonemdDigestSize,
  zonemdPlaceholder,
  type ZonemdRdata,
} from "./zonemd-rdata";
export {
  verifyWireZone,
  type ZonemdCheck,
  type ZonemdCheckOutcome,
  type ZonemdStatus,
  type ZonemdTiming,
  type ZonemdVerdict,
} from "./zonemd-verify";
export { WireZone } from "./wire-zone";

export interface ZoneDigest {
  scheme: number;
  hashAlgorithm: number;
  digest: Uint8Array;
  hex: string;
}

/**
 * Computes SIMPLE-scheme digests (RFC 8976 §3) of a zone. Apex ZONEMD RRs (placeholders or
 * stale ones) are excluded, so this works on a zone with or without them.
 */
export function computeZoneDigests(
  records: readonly ZoneRecord[] | WireZone,
  hashAlgorithms: readonly number[] = [ZONEMD_HASH_SHA384],
  opts: ZonemdOptions = {},
): { serial: number; origin: Uint8Array; digests: ZoneDigest[] } {
  for (const alg of hashAlgorithms) {
    if (!ZONEMD_HASHES.has(alg)) throw new RangeError(`unsupported ZONEMD hash algorithm ${alg}`);
  }
  const prep = prepareZone(asWireZone(records), opts.origin);
  if (typeof prep === "string") throw new Error(prep);
  const computed = hashPrepared(prep, hashAlgorithms, hasherFor(opts));
  return {
    serial: prep.serial,
    origin: prep.origin,
    digests: hashAlgorithms.map((alg) => {
      const digest = computed.get(alg)!;
      return { scheme: ZONEMD_SCHEME_SIMPLE, hashAlgorithm: alg, digest, hex: toHex(digest) };
    }),
  };
}

export interface GeneratedZonemd {
  /** The ZONEMD records to put at the apex (replacing any placeholder), one per algorithm. */
  records: ZoneRecord[];
  /** Presentation text, one line per record. */
  text: string[];
  digests: ZoneDigest[];
  serial: number;
}

/**
 * Computes the digests and returns the apex ZONEMD records to insert. The TTL defaults to the
 * SOA's, as RFC 8976 §3.1 recommends. A signer must re-sign the ZONEMD RRset afterwards.
 */
export function generateZonemd(
  records: readonly ZoneRecord[] | WireZone,
  opts: ZonemdOptions & { hashAlgorithms?: readonly number[]; ttl?: number } = {},
): GeneratedZonemd {
  const algs = opts.hashAlgorithms ?? [ZONEMD_HASH_SHA384];
  for (const alg of algs)
    if (!ZONEMD_HASHES.has(alg)) throw new RangeError(`unsupported ZONEMD hash algorithm ${alg}`);
  const prep = prepareZone(asWireZone(records), opts.origin);
  if (typeof prep === "string") throw new Error(prep);
  const computed = hashPrepared(prep, algs, hasherFor(opts));
  const ttl = opts.ttl ?? prep.zone.record(prep.soa).ttl;
  const out: GeneratedZonemd = { records: [], text: [], digests: [], serial: prep.serial };
  for (const alg of algs) {
    const digest = computed.get(alg)!;
    const z = { serial: prep.serial, scheme: ZONEMD_SCHEME_SIMPLE, hashAlgorithm: alg, digest };
    out.records.push({
      owner: prep.origin,
      type: RRType.ZONEMD,
      class: prep.zoneClass,
      ttl,
      rdata: encodeZonemdRdata(z),
      file: "<generated>",
      line: 0,
    });
    out.text.push(zonemdText(prep.origin, ttl, prep.zoneClass, z));
    out.digests.push({ scheme: ZONEMD_SCHEME_SIMPLE, hashAlgorithm: alg, digest, hex: toHex(digest) });
  }
  return out;
}

/**
 * Verifies the apex ZONEMD RRset of `records` (RFC 8976 §4 steps 4–5; DNSSEC validation, steps
 * 1–3, is out of scope). The records are packed into a WireZone first: one ordering and hashing
 * path for files, transfers and the server's zone checks.
 */
export function verifyZonemd(
  records: readonly ZoneRecord[] | WireZone,
  opts: ZonemdOptions & { errors?: ZoneParseError[]; parseMs?: number } = {},
): ZonemdVerdict {
  return verifyWireZone(asWireZone(records), opts);
}

function asWireZone(records: readonly ZoneRecord[] | WireZone): WireZone {
  return records instanceof WireZone ? records : WireZone.fromRecords(records);
}

/** Parses zone text (string or chunks) and verifies it; parse time is included in the timing. */
export function verifyZoneText(
  source: string | Iterable<string>,
  opts: ZonemdOptions & ZoneParserOptions = {},
): ZonemdVerdict {
  const t0 = performance.now();
  const zone = new WireZone();
  const parser = new ZoneParser(parserOptions(opts, zone, undefined));
  if (typeof source === "string") parser.push(source);
  else for (const chunk of source) parser.push(chunk);
  parser.end();
  return verifyWireZone(zone, { ...opts, errors: parser.errors, parseMs: performance.now() - t0 });
}

/** Streaming variant: bytes or text chunks from any async source (e.g. a file stream). */
export async function verifyZoneStream(
  source: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>,
  opts: ZonemdOptions & ZoneParserOptions = {},
): Promise<ZonemdVerdict> {
  const t0 = performance.now();
  const zone = new WireZone();
  let parser: ZoneParser | null = null;
  for await (const chunk of source) {
    parser ??= new ZoneParser(parserOptions(opts, zone, typeof chunk !== "string"));
    parser.push(typeof chunk === "string" ? chunk : bytesToLatin1(chunk));
  }
  parser ??= new ZoneParser(parserOptions(opts, zone, undefined));
  parser.end();
  return verifyWireZone(zone, { ...opts, errors: parser.errors, parseMs: performance.now() - t0 });
}

/** Parser options for parsing straight into `zone` (no ZoneRecord objects). */
function parserOptions(
  opts: ZonemdOptions & ZoneParserOptions,
  zone: WireZone,
  bytes: boolean | undefined,
): ZoneParserOptions {
  const { origin, hasher: _, ...rest } = opts;
  return {
    ...rest,
    sink: zone,
    ...(typeof origin === "string" && { origin }),
    latin1: opts.latin1 ?? bytes === true,
  };
}
