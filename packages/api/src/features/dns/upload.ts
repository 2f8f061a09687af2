/** A zone file uploaded for a one-off ZONEMD verdict: streamed with byte and record caps, nothing stored. */
import { bytesToLatin1, verifyWireZone, WireZone, ZoneParser } from "@netops/protocols/dns";
import { DomainError } from "../../errors";
import type { UploadVerdictView } from "./schemas";
import { zonemdCheckView } from "./views";

/** Verifies an uploaded zone file, streamed, with a byte cap; nothing is stored. */
export async function verifyUpload(
  body: AsyncIterable<Uint8Array>,
  maxBytes: number,
  maxRecords: number,
  origin?: string,
): Promise<UploadVerdictView> {
  const t0 = performance.now();
  // Parsed straight into the compact form `netops zonemd verify` uses: one ZONEMD path.
  const zone = new WireZone();
  const parser = new ZoneParser({ file: "upload", latin1: true, sink: zone, ...(origin && { origin }) });
  let bytes = 0;
  for await (const chunk of body) {
    bytes += chunk.length;
    if (bytes > maxBytes)
      throw new DomainError("too-large", `the zone file is larger than ${maxBytes} bytes`);
    parser.push(bytesToLatin1(chunk));
    if (zone.count > maxRecords)
      throw new DomainError("too-large", `the zone has more than ${maxRecords} records`);
  }
  parser.end();
  const v = verifyWireZone(zone, {
    errors: parser.errors,
    parseMs: performance.now() - t0,
    ...(origin && { origin }),
  });
  return {
    status: v.status,
    reason: v.reason,
    origin: v.origin,
    soaSerial: v.soaSerial,
    computedDigest: v.computedDigest,
    publishedDigest: v.publishedDigest,
    hashAlgorithm: v.hashAlgorithm,
    zonemd: v.checks.map(zonemdCheckView),
    records: zone.count,
    bytes,
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
