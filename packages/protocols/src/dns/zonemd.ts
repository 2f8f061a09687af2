import { createHash, type Hash } from "node:crypto";
import { canonicalOrder, writeRecordWire } from "./canonical";
import { RRType, classToText } from "./constants";
import { toHex } from "./encoding";
import type { ZoneParseError } from "./errors";
import { bytesEqual, isAtOrBelow, nameFromText, nameToText } from "./names";
import {
  type ParseResult,
  type ZoneParserOptions,
  type ZoneRecord,
  ZoneParser,
  bytesToLatin1,
  parseZone,
} from "./parser";

export const ZONEMD_SCHEME_SIMPLE = 1;
export const ZONEMD_HASH_SHA384 = 1;
export const ZONEMD_HASH_SHA512 = 2;

/** RFC 8976 §2.2.3: supported hash algorithms and their exact digest sizes. */
const HASHES: ReadonlyMap<number, { node: string; size: number }> = new Map([
  [ZONEMD_HASH_SHA384, { node: "sha384", size: 48 }],
  [ZONEMD_HASH_SHA512, { node: "sha512", size: 64 }],
]);

export function zonemdDigestSize(hashAlgorithm: number): number | undefined {
  return HASHES.get(hashAlgorithm)?.size;
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

export type ZonemdStatus =
  | "verified"
  | "no_zonemd"
  | "serial_mismatch"
  | "digest_mismatch"
  | "unsupported_only"
  | "malformed";

/** Outcome for one apex ZONEMD RR, following the steps of RFC 8976 §4. */
export type ZonemdCheckOutcome =
  | "match"
  | "mismatch"
  | "serial_mismatch"
  | "unsupported_scheme"
  | "unsupported_hash"
  | "bad_digest_length"
  | "duplicate_scheme_hash"
  | "truncated_rdata";

export interface ZonemdCheck {
  serial: number;
  scheme: number;
  hashAlgorithm: number;
  publishedDigest: string;
  /** Present when the zone was hashed with this RR's algorithm. */
  computedDigest: string | null;
  outcome: ZonemdCheckOutcome;
  line: number;
}

export interface ZonemdCounts {
  /** Records given (after parsing). */
  records: number;
  /** RRs fed to the hash (after exclusions and de-duplication). */
  digested: number;
  duplicates: number;
  /** Owner not at or below the apex (RFC 8976 §3.3.1: not part of the zone). */
  outOfZone: number;
  /** Class differs from the SOA's (still digested; see prepare()). */
  otherClass: number;
  /** Apex ZONEMD RRs and apex RRSIGs covering ZONEMD (excluded by §3.3.1.1). */
  excludedZonemd: number;
  apexZonemd: number;
}

export interface ZonemdTiming {
  parseMs: number;
  prepareMs: number;
  hashMs: number;
  totalMs: number;
}

interface VerdictBase {
  /** Human-readable explanation. */
  reason: string;
  origin: string | null;
  soaSerial: number | null;
  /** Digest computed for the deciding ZONEMD RR (hex), when one was computed. */
  computedDigest: string | null;
  /** Digest published in the deciding ZONEMD RR (hex). */
  publishedDigest: string | null;
  scheme: number | null;
  hashAlgorithm: number | null;
  checks: ZonemdCheck[];
  counts: ZonemdCounts;
  timing: ZonemdTiming;
  /** Parse errors (status "malformed" when any). */
  errors: ZoneParseError[];
}

export type ZonemdVerdict =
  | (VerdictBase & {
      status: "verified";
      computedDigest: string;
      publishedDigest: string;
      scheme: number;
      hashAlgorithm: number;
    })
  | (VerdictBase & { status: "digest_mismatch"; computedDigest: string; publishedDigest: string })
  | (VerdictBase & { status: "no_zonemd" | "serial_mismatch" | "unsupported_only" | "malformed" });

export interface ZonemdOptions {
  /** Zone apex. Default: owner of the first SOA record. */
  origin?: string | Uint8Array;
}

interface Prepared {
  origin: Uint8Array;
  zoneClass: number;
  soa: ZoneRecord;
  serial: number;
  digestable: ZoneRecord[];
  apexZonemd: ZoneRecord[];
  counts: ZonemdCounts;
}

function emptyCounts(records: number): ZonemdCounts {
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

function originWire(origin: string | Uint8Array): Uint8Array {
  if (typeof origin !== "string") return origin;
  return nameFromText(origin.endsWith(".") ? origin : `${origin}.`, null, true);
}

/**
 * Applies RFC 8976 §3.3.1.1: keeps in-zone RRs (glue, occluded data and
 * non-apex ZONEMD included), sets apart the apex ZONEMD RRset and drops RRSIGs covering it,
 * then sorts canonically and removes duplicates.
 */
function prepare(records: readonly ZoneRecord[], opts: ZonemdOptions): Prepared | string {
  let origin: Uint8Array | null = opts.origin !== undefined ? originWire(opts.origin) : null;
  if (origin === null) {
    const first = records.find((r) => r.type === RRType.SOA);
    if (first === undefined) return "zone has no SOA record";
    origin = first.owner;
  }
  const apex = origin;
  const soas = records.filter((r) => r.type === RRType.SOA && bytesEqual(r.owner, apex));
  const soa = soas[0];
  if (soa === undefined) return `zone has no SOA at its apex ${nameToText(apex)}`;
  for (const other of soas) {
    if (other.class !== soa.class || !bytesEqual(other.rdata, soa.rdata)) {
      return `zone has conflicting SOA records (lines ${soa.line} and ${other.line})`;
    }
  }
  const zoneClass = soa.class;
  const counts = emptyCounts(records.length);
  const keep: ZoneRecord[] = [];
  const apexZonemd: ZoneRecord[] = [];
  for (let i = 0; i < records.length; i++) {
    const r = records[i]!;
    // Records of another class are still digested: wessels/zonemd-test-cases 80-mixed-classes
    // (generated by the RFC's first author's tools) expects them hashed, ordered by class
    // before type. They are only counted here so callers can flag such zones.
    if (r.class !== zoneClass) counts.otherClass++;
    // Fast path: most records share the apex suffix; isAtOrBelow walks labels only once.
    if (!isAtOrBelow(r.owner, apex)) {
      counts.outOfZone++;
      continue;
    }
    if (r.type === RRType.ZONEMD || r.type === RRType.RRSIG) {
      const atApex = r.owner.length === apex.length && bytesEqual(r.owner, apex);
      if (atApex && r.type === RRType.ZONEMD) {
        apexZonemd.push(r);
        counts.excludedZonemd++;
        continue;
      }
      if (atApex && r.rdata.length >= 2 && ((r.rdata[0]! << 8) | r.rdata[1]!) === RRType.ZONEMD) {
        counts.excludedZonemd++;
        continue;
      }
    }
    keep.push(r);
  }
  const sorted = canonicalOrder(keep);
  counts.duplicates = sorted.duplicates;
  counts.digested = sorted.records.length;
  // Identical apex ZONEMD RRs are one RR (RFC 2181 §5); different ones are checked separately.
  const zm = canonicalOrder(apexZonemd);
  const zmSet = new Set(zm.records);
  counts.apexZonemd = zm.records.length;
  const s = soa.rdata;
  // SOA serial follows the two names in the RDATA.
  let p = 0;
  for (let k = 0; k < 2; k++) {
    while (s[p] !== 0) p += 1 + s[p]!;
    p++;
  }
  const serial = ((s[p]! << 24) | (s[p + 1]! << 16) | (s[p + 2]! << 8) | s[p + 3]!) >>> 0;
  return {
    origin: apex,
    zoneClass,
    soa,
    serial,
    digestable: sorted.records,
    // Keep file order so "the first supported ZONEMD that matches" is the one reported.
    apexZonemd: apexZonemd.filter((r) => zmSet.has(r)),
    counts,
  };
}

/** Feeds canonical RRs to every hash in one pass, batching into one buffer to limit update() calls. */
function hashZone(records: readonly ZoneRecord[], algorithms: readonly number[]): Map<number, Uint8Array> {
  const hashes: { alg: number; h: Hash }[] = algorithms.map((alg) => ({
    alg,
    h: createHash(HASHES.get(alg)!.node),
  }));
  // 128 KiB always fits one maximal RR (255 + 10 + 65535 octets).
  const buf = new Uint8Array(131_072);
  let len = 0;
  const flush = (): void => {
    const view = buf.subarray(0, len);
    for (const { h } of hashes) h.update(view);
    len = 0;
  };
  for (let i = 0; i < records.length; i++) {
    const r = records[i]!;
    if (len + r.owner.length + 10 + r.rdata.length > buf.length) flush();
    len = writeRecordWire(r, buf, len);
  }
  if (len > 0) flush();
  const out = new Map<number, Uint8Array>();
  for (const { alg, h } of hashes) out.set(alg, new Uint8Array(h.digest()));
  return out;
}

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
  records: readonly ZoneRecord[],
  hashAlgorithms: readonly number[] = [ZONEMD_HASH_SHA384],
  opts: ZonemdOptions = {},
): { serial: number; origin: Uint8Array; digests: ZoneDigest[] } {
  for (const alg of hashAlgorithms) {
    if (!HASHES.has(alg)) throw new RangeError(`unsupported ZONEMD hash algorithm ${alg}`);
  }
  const prep = prepare(records, opts);
  if (typeof prep === "string") throw new Error(prep);
  const computed = hashZone(prep.digestable, hashAlgorithms);
  return {
    serial: prep.serial,
    origin: prep.origin,
    digests: hashAlgorithms.map((alg) => {
      const digest = computed.get(alg)!;
      return { scheme: ZONEMD_SCHEME_SIMPLE, hashAlgorithm: alg, digest, hex: toHex(digest) };
    }),
  };
}

function zonemdText(owner: Uint8Array, ttl: number, cls: number, z: ZonemdRdata): string {
  return `${nameToText(owner)} ${ttl} ${classToText(cls)} ZONEMD ${z.serial} ${z.scheme} ${z.hashAlgorithm} ${toHex(z.digest)}`;
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
  records: readonly ZoneRecord[],
  opts: ZonemdOptions & { hashAlgorithms?: readonly number[]; ttl?: number } = {},
): GeneratedZonemd {
  const prep = prepare(records, opts);
  if (typeof prep === "string") throw new Error(prep);
  const algs = opts.hashAlgorithms ?? [ZONEMD_HASH_SHA384];
  for (const alg of algs)
    if (!HASHES.has(alg)) throw new RangeError(`unsupported ZONEMD hash algorithm ${alg}`);
  const computed = hashZone(prep.digestable, algs);
  const ttl = opts.ttl ?? prep.soa.ttl;
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
  const size = HASHES.get(alg)?.size;
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

const OUTCOME_REASON: Record<ZonemdCheckOutcome, string> = {
  match: "digest matches",
  mismatch: "digest does not match the zone",
  serial_mismatch: "ZONEMD serial differs from the SOA serial",
  unsupported_scheme: "unsupported scheme",
  unsupported_hash: "unsupported hash algorithm",
  bad_digest_length: "digest length wrong for the hash algorithm",
  duplicate_scheme_hash: "more than one ZONEMD RR with this scheme and hash algorithm (RFC 8976 §4 step 4)",
  truncated_rdata: "ZONEMD RDATA shorter than 6 octets",
};

/**
 * Verifies the apex ZONEMD RRset against the zone (RFC 8976 §4 steps 4–5; DNSSEC validation,
 * steps 1–3, is out of scope). Succeeds if any supported ZONEMD RR matches; the first match
 * in file order is reported. Never throws for bad zones: the verdict says why.
 */
export function verifyZonemd(
  records: readonly ZoneRecord[],
  opts: ZonemdOptions & { errors?: ZoneParseError[]; parseMs?: number } = {},
): ZonemdVerdict {
  const t0 = performance.now();
  const parseMs = opts.parseMs ?? 0;
  const errors = opts.errors ?? [];
  const base = (counts: ZonemdCounts): VerdictBase => ({
    reason: "",
    origin: null,
    soaSerial: null,
    computedDigest: null,
    publishedDigest: null,
    scheme: null,
    hashAlgorithm: null,
    checks: [],
    counts,
    timing: { parseMs, prepareMs: 0, hashMs: 0, totalMs: 0 },
    errors,
  });
  const finish = <V extends ZonemdVerdict>(v: V): V => {
    v.timing.totalMs = parseMs + (performance.now() - t0);
    return v;
  };
  if (errors.length > 0) {
    const first = errors[0]!;
    return finish({
      ...base(emptyCounts(records.length)),
      status: "malformed",
      reason: `zone has ${errors.length} parse error(s); first: ${first.message}`,
    });
  }
  let prep: Prepared | string;
  try {
    prep = prepare(records, opts);
  } catch (err) {
    prep = `invalid zone: ${(err as Error).message}`;
  }
  const t1 = performance.now();
  if (typeof prep === "string") {
    return finish({ ...base(emptyCounts(records.length)), status: "malformed", reason: prep });
  }
  const b = base(prep.counts);
  b.origin = nameToText(prep.origin);
  b.soaSerial = prep.serial;
  b.timing.prepareMs = t1 - t0;
  if (prep.apexZonemd.length === 0) {
    return finish({ ...b, status: "no_zonemd", reason: `no ZONEMD RR at the apex ${b.origin}` });
  }

  // §4 step 4 first (duplicates poison both RRs), then §4 step 5 A–D per RR.
  const decoded = prep.apexZonemd.map((r) => ({ r, z: decodeZonemdRdata(r.rdata) }));
  const tupleCount = new Map<number, number>();
  for (const { z } of decoded) {
    if (z)
      tupleCount.set(
        z.scheme * 256 + z.hashAlgorithm,
        (tupleCount.get(z.scheme * 256 + z.hashAlgorithm) ?? 0) + 1,
      );
  }
  const checks: ZonemdCheck[] = decoded.map(({ r, z }) => {
    if (z === null) {
      return {
        serial: 0,
        scheme: 0,
        hashAlgorithm: 0,
        publishedDigest: toHex(r.rdata),
        computedDigest: null,
        outcome: "truncated_rdata",
        line: r.line,
      };
    }
    let outcome: ZonemdCheckOutcome = "match";
    if ((tupleCount.get(z.scheme * 256 + z.hashAlgorithm) ?? 0) > 1) outcome = "duplicate_scheme_hash";
    else if (z.serial !== prep.serial) outcome = "serial_mismatch";
    else if (z.scheme !== ZONEMD_SCHEME_SIMPLE) outcome = "unsupported_scheme";
    else if (!HASHES.has(z.hashAlgorithm)) outcome = "unsupported_hash";
    else if (z.digest.length < 12 || z.digest.length !== HASHES.get(z.hashAlgorithm)!.size) {
      outcome = "bad_digest_length";
    }
    return {
      serial: z.serial,
      scheme: z.scheme,
      hashAlgorithm: z.hashAlgorithm,
      publishedDigest: toHex(z.digest),
      computedDigest: null,
      outcome,
      line: r.line,
    };
  });
  b.checks = checks;

  // Hash once per supported algorithm that any SIMPLE RR uses, also for failed ones, so the
  // verdict can show what the digest should have been.
  const algs = [
    ...new Set(
      checks
        .filter((c) => c.scheme === ZONEMD_SCHEME_SIMPLE && HASHES.has(c.hashAlgorithm))
        .map((c) => c.hashAlgorithm),
    ),
  ];
  const t2 = performance.now();
  const computed = algs.length > 0 ? hashZone(prep.digestable, algs) : new Map<number, Uint8Array>();
  b.timing.hashMs = performance.now() - t2;
  for (const c of checks) {
    const d = c.scheme === ZONEMD_SCHEME_SIMPLE ? computed.get(c.hashAlgorithm) : undefined;
    if (d === undefined) continue;
    c.computedDigest = toHex(d);
    if (c.outcome === "match" && c.computedDigest !== c.publishedDigest) c.outcome = "mismatch";
  }

  const pick = (o: ZonemdCheckOutcome): ZonemdCheck | undefined => checks.find((c) => c.outcome === o);
  const decide = (c: ZonemdCheck): void => {
    b.computedDigest = c.computedDigest;
    b.publishedDigest = c.publishedDigest;
    b.scheme = c.scheme;
    b.hashAlgorithm = c.hashAlgorithm;
  };
  const describe = (c: ZonemdCheck): string =>
    `ZONEMD ${c.serial} ${c.scheme} ${c.hashAlgorithm} (line ${c.line}): ${OUTCOME_REASON[c.outcome]}`;

  const ok = pick("match");
  if (ok) {
    decide(ok);
    return finish({
      ...b,
      status: "verified",
      computedDigest: ok.computedDigest!,
      publishedDigest: ok.publishedDigest,
      scheme: ok.scheme,
      hashAlgorithm: ok.hashAlgorithm,
      reason: `verified: ${describe(ok)}`,
    });
  }
  const mism = pick("mismatch");
  if (mism) {
    decide(mism);
    return finish({
      ...b,
      status: "digest_mismatch",
      computedDigest: mism.computedDigest!,
      publishedDigest: mism.publishedDigest,
      reason: describe(mism),
    });
  }
  const serial = pick("serial_mismatch");
  if (serial) {
    decide(serial);
    return finish({
      ...b,
      status: "serial_mismatch",
      reason: `${describe(serial)}: ZONEMD serial ${serial.serial}, SOA serial ${prep.serial}`,
    });
  }
  const bad = checks.find(
    (c) =>
      c.outcome === "duplicate_scheme_hash" ||
      c.outcome === "bad_digest_length" ||
      c.outcome === "truncated_rdata",
  );
  if (bad) {
    decide(bad);
    return finish({ ...b, status: "malformed", reason: describe(bad) });
  }
  decide(checks[0]!);
  return finish({
    ...b,
    status: "unsupported_only",
    reason: `no apex ZONEMD RR uses a supported scheme and hash algorithm (${checks.map(describe).join("; ")})`,
  });
}

/** Parses zone text (string or chunks) and verifies it; parse time is included in the timing. */
export function verifyZoneText(
  source: string | Iterable<string>,
  opts: ZonemdOptions & ZoneParserOptions = {},
): ZonemdVerdict {
  const t0 = performance.now();
  const parsed: ParseResult = parseZone(source, {
    ...opts,
    origin: typeof opts.origin === "string" ? opts.origin : undefined,
  });
  const parseMs = performance.now() - t0;
  return verifyZonemd(parsed.records, { origin: opts.origin, errors: parsed.errors, parseMs });
}

/** Streaming variant: bytes or text chunks from any async source (e.g. a file stream). */
export async function verifyZoneStream(
  source: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>,
  opts: ZonemdOptions & ZoneParserOptions = {},
): Promise<ZonemdVerdict> {
  const t0 = performance.now();
  let parser: ZoneParser | null = null;
  const records: ZoneRecord[] = [];
  for await (const chunk of source) {
    parser ??= new ZoneParser({
      ...opts,
      origin: typeof opts.origin === "string" ? opts.origin : undefined,
      latin1: opts.latin1 ?? typeof chunk !== "string",
    });
    const batch = parser.push(typeof chunk === "string" ? chunk : bytesToLatin1(chunk));
    for (let i = 0; i < batch.length; i++) records.push(batch[i]!);
  }
  parser ??= new ZoneParser({ ...opts, origin: typeof opts.origin === "string" ? opts.origin : undefined });
  const tail = parser.end();
  for (let i = 0; i < tail.length; i++) records.push(tail[i]!);
  const parseMs = performance.now() - t0;
  return verifyZonemd(records, { origin: opts.origin, errors: parser.errors, parseMs });
}
