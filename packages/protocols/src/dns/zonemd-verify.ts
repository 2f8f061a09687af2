/** RFC 8976 §4 verification of a WireZone's apex ZONEMD RRset: the checks and the verdict. */
import type { ZoneParseError } from "./errors";
import { toHex } from "./encoding";
import { nameToText } from "./names";
import type { WireZone } from "./wire-zone";
import {
  type PreparedZone,
  type ZonemdCounts,
  type ZonemdOptions,
  emptyCounts,
  hashPrepared,
  hasherFor,
  prepareZone,
} from "./zonemd-digest";
import { ZONEMD_HASHES, ZONEMD_SCHEME_SIMPLE, decodeZonemdRdata } from "./zonemd-rdata";

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
export function verifyWireZone(
  zone: WireZone,
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
      ...base(emptyCounts(zone.count)),
      status: "malformed",
      reason: `zone has ${errors.length} parse error(s); first: ${first.message}`,
    });
  }
  let prep: PreparedZone | string;
  try {
    prep = prepareZone(zone, opts.origin);
  } catch (err) {
    prep = `invalid zone: ${(err as Error).message}`;
  }
  const t1 = performance.now();
  if (typeof prep === "string") {
    return finish({ ...base(emptyCounts(zone.count)), status: "malformed", reason: prep });
  }
  const b = base(prep.counts);
  b.origin = nameToText(prep.origin);
  b.soaSerial = prep.serial;
  b.timing.prepareMs = t1 - t0;
  if (prep.apexZonemd.length === 0) {
    return finish({ ...b, status: "no_zonemd", reason: `no ZONEMD RR at the apex ${b.origin}` });
  }

  // §4 step 4 first (duplicates poison both RRs), then §4 step 5 A–D per RR.
  const decoded = prep.apexZonemd.map((i) => {
    const r = zone.record(i);
    return { r, z: decodeZonemdRdata(r.rdata) };
  });
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
    else if (!ZONEMD_HASHES.has(z.hashAlgorithm)) outcome = "unsupported_hash";
    else if (z.digest.length < 12 || z.digest.length !== ZONEMD_HASHES.get(z.hashAlgorithm)!.size) {
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
        .filter((c) => c.scheme === ZONEMD_SCHEME_SIMPLE && ZONEMD_HASHES.has(c.hashAlgorithm))
        .map((c) => c.hashAlgorithm),
    ),
  ];
  const t2 = performance.now();
  const computed =
    algs.length > 0 ? hashPrepared(prep, algs, hasherFor(opts)) : new Map<number, Uint8Array>();
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
