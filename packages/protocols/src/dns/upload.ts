/**
 * A zone file verified on upload (the server's `dns.verifyUpload` and the mock API's): parsed as
 * it arrives into the compact form `netops zonemd verify` uses, ZONEMD-verified, nothing kept.
 * Size caps are the caller's (it reads `bytes` and `records` after each chunk).
 */
import { ZoneParser, bytesToLatin1 } from "./parser";
import type { HasherFactory } from "./zonemd-hash";
import { type ZonemdCheck, type ZonemdVerdict, verifyWireZone } from "./zonemd-verify";
import { WireZone } from "./wire-zone";

/** A ZONEMD check as stored and shown: all but its line in the zone file. */
export function zonemdCheckSummary(c: ZonemdCheck): Omit<ZonemdCheck, "line"> {
  return {
    serial: c.serial,
    scheme: c.scheme,
    hashAlgorithm: c.hashAlgorithm,
    publishedDigest: c.publishedDigest,
    computedDigest: c.computedDigest,
    outcome: c.outcome,
  };
}

export interface ZoneUploadVerdict {
  status: ZonemdVerdict["status"];
  reason: string;
  origin: string | null;
  soaSerial: number | null;
  computedDigest: string | null;
  publishedDigest: string | null;
  hashAlgorithm: number | null;
  zonemd: Omit<ZonemdCheck, "line">[];
  records: number;
  bytes: number;
  /** The first 20 parse errors. */
  errors: { file: string; line: number; column: number; reason: string }[];
  timing: { parseMs: number; hashMs: number; totalMs: number };
}

export interface ZoneUploadOptions {
  origin?: string;
  /** SHA-384/512; default node:crypto under Node (required elsewhere). */
  hasher?: HasherFactory;
}

export class ZoneUpload {
  private readonly zone = new WireZone();
  private readonly parser: ZoneParser;
  private readonly t0 = performance.now();
  bytes = 0;

  constructor(private readonly opts: ZoneUploadOptions = {}) {
    const { origin } = opts;
    this.parser = new ZoneParser({
      file: "upload",
      latin1: true,
      sink: this.zone,
      ...(origin && { origin }),
    });
  }

  get records(): number {
    return this.zone.count;
  }

  push(chunk: Uint8Array): void {
    this.bytes += chunk.length;
    this.parser.push(bytesToLatin1(chunk));
  }

  finish(): ZoneUploadVerdict {
    this.parser.end();
    const { origin, hasher } = this.opts;
    const v = verifyWireZone(this.zone, {
      errors: this.parser.errors,
      parseMs: performance.now() - this.t0,
      ...(origin && { origin }),
      ...(hasher && { hasher }),
    });
    return {
      status: v.status,
      reason: v.reason,
      origin: v.origin,
      soaSerial: v.soaSerial,
      computedDigest: v.computedDigest,
      publishedDigest: v.publishedDigest,
      hashAlgorithm: v.hashAlgorithm,
      zonemd: v.checks.map(zonemdCheckSummary),
      records: this.zone.count,
      bytes: this.bytes,
      errors: v.errors
        .slice(0, 20)
        .map((e) => ({ file: e.file, line: e.line, column: e.column, reason: e.reason })),
      timing: {
        parseMs: Math.round(v.timing.parseMs),
        hashMs: Math.round(v.timing.hashMs),
        totalMs: Math.round(v.timing.totalMs),
      },
    };
  }
}
