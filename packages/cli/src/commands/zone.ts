/**
 * `netops zonemd verify|digest` and `netops zone axfr`: ZONEMD (RFC 8976) on files and zone
 * transfers from the command line. They work on files and servers directly; no database.
 */
import { createReadStream, readFileSync, realpathSync, statSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { axfr, parseServer } from "@netops/api";
import {
  bytesToLatin1,
  generateZonemd,
  type IncludeResolver,
  parseTsigSpec,
  recordToPresentation,
  verifyZonemd,
  ZONEMD_HASH_SHA384,
  ZONEMD_HASH_SHA512,
  type ZonemdVerdict,
  ZoneParser,
  type ZoneParseError,
  type ZoneRecord,
} from "@netops/protocols/dns";
import { EXIT, Failure, type Io, UsageError } from "../io";

export const ZONEMD_HELP = `netops zonemd verify FILE [--origin NAME] [--json]
   exit 0 verified, 1 not verified (mismatch, no ZONEMD, serial mismatch…), 2 could not read or parse
netops zonemd digest FILE --hash sha384|sha512 [--hash …] [--origin NAME] [--json]
   prints the apex ZONEMD record(s) to insert (serial from the SOA)`;
export const ZONE_HELP = `netops zone axfr SERVER[:PORT] ZONE [--tsig NAME:ALG:BASE64] [--timeout SECONDS] [--json]
   transfers the zone (TCP, RFC 5936), prints it and its ZONEMD verdict (exit 1 when the transfer fails)`;

const MAX_INCLUDE_BYTES = 64 * 1024 * 1024;

/** Parses a zone file as a stream; $INCLUDE only from the file's own folder. */
async function readZone(
  file: string,
  origin: string | undefined,
): Promise<{ records: ZoneRecord[]; errors: ZoneParseError[] }> {
  const dir = realpathSync(path.dirname(path.resolve(file)));
  const include: IncludeResolver = (req) => {
    const real = realpathSync(path.resolve(dir, req.path));
    if (path.relative(dir, real).startsWith("..")) throw new Error(`$INCLUDE ${req.path} is outside ${dir}`);
    if (statSync(real).size > MAX_INCLUDE_BYTES) throw new Error(`$INCLUDE ${req.path} is too large`);
    return { id: real, name: req.path, content: readFileSync(real, "latin1") };
  };
  const parser = new ZoneParser({ file, latin1: true, include, ...(origin && { origin }) });
  const records: ZoneRecord[] = [];
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
    const batch = parser.push(bytesToLatin1(chunk as Buffer));
    for (let i = 0; i < batch.length; i++) records.push(batch[i]!);
  }
  for (const r of parser.end()) records.push(r);
  return { records, errors: parser.errors };
}

const HASHES: Record<string, number> = { sha384: ZONEMD_HASH_SHA384, sha512: ZONEMD_HASH_SHA512 };

function verdictJson(v: ZonemdVerdict) {
  return {
    status: v.status,
    verified: v.status === "verified",
    reason: v.reason,
    origin: v.origin,
    soaSerial: v.soaSerial,
    scheme: v.scheme,
    hashAlgorithm: v.hashAlgorithm,
    publishedDigest: v.publishedDigest,
    computedDigest: v.computedDigest,
    zonemd: v.checks,
    counts: v.counts,
    timing: v.timing,
    errors: v.errors.map((e) => ({ file: e.file, line: e.line, column: e.column, reason: e.reason })),
  };
}

function printVerdict(io: Io, v: ZonemdVerdict, json: boolean, what: string): void {
  if (json) {
    io.out(`${JSON.stringify(verdictJson(v), null, 2)}\n`);
    return;
  }
  io.out(`${what}: ${v.status === "verified" ? "VERIFIED" : `NOT VERIFIED (${v.status})`}\n`);
  io.out(`  ${v.reason}\n`);
  if (v.origin) io.out(`  zone ${v.origin} serial ${v.soaSerial} — ${v.counts.digested} RRs digested\n`);
  for (const c of v.checks)
    io.out(
      `  ZONEMD ${c.serial} ${c.scheme} ${c.hashAlgorithm} ${c.outcome}\n    published ${c.publishedDigest}\n    computed  ${c.computedDigest ?? "-"}\n`,
    );
  for (const e of v.errors.slice(0, 10)) io.out(`  ${e.message}\n`);
  if (v.errors.length > 10) io.out(`  … ${v.errors.length - 10} more errors\n`);
}

/** Could the input not be read as a zone at all (parse errors, no SOA)? Then exit 2, not 1. */
function unparsable(v: ZonemdVerdict): boolean {
  return v.status === "malformed" && (v.errors.length > 0 || v.origin === null);
}

export async function zonemdCommand(args: string[], io: Io): Promise<number> {
  const [sub, ...rest] = args;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      origin: { type: "string" },
      hash: { type: "string", multiple: true },
      json: { type: "boolean" },
    },
  });
  const json = values.json ?? false;
  const file = positionals[0];
  if ((sub !== "verify" && sub !== "digest") || !file || positionals.length > 1)
    throw new UsageError(`usage:\n${ZONEMD_HELP}`);
  let zone: Awaited<ReturnType<typeof readZone>>;
  const t0 = performance.now();
  try {
    zone = await readZone(file, values.origin);
  } catch (e) {
    io.err(
      `netops zonemd: cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`,
    );
    return EXIT.usage;
  }
  if (sub === "verify") {
    const v = verifyZonemd(zone.records, {
      errors: zone.errors,
      parseMs: performance.now() - t0,
      ...(values.origin && { origin: values.origin }),
    });
    printVerdict(io, v, json, file);
    return v.status === "verified" ? EXIT.ok : unparsable(v) ? EXIT.usage : EXIT.failed;
  }
  const hashes = values.hash ?? [];
  if (hashes.length === 0) throw new UsageError("--hash sha384|sha512 is required");
  const algs = hashes.map((h) => {
    const a = HASHES[h.toLowerCase()];
    if (a === undefined) throw new UsageError(`--hash ${h}: sha384 or sha512`);
    return a;
  });
  if (zone.errors.length > 0) {
    for (const e of zone.errors.slice(0, 10)) io.err(`${e.message}\n`);
    return EXIT.usage;
  }
  let g: ReturnType<typeof generateZonemd>;
  try {
    g = generateZonemd(zone.records, {
      hashAlgorithms: algs,
      ...(values.origin && { origin: values.origin }),
    });
  } catch (e) {
    io.err(`netops zonemd: ${(e as Error).message}\n`);
    return EXIT.usage;
  }
  if (json)
    io.out(
      `${JSON.stringify({ serial: g.serial, records: g.text, digests: g.digests.map((d) => ({ hashAlgorithm: d.hashAlgorithm, hex: d.hex })) }, null, 2)}\n`,
    );
  else io.out(`${g.text.join("\n")}\n`);
  return EXIT.ok;
}

export async function zoneCommand(args: string[], io: Io): Promise<number> {
  const [sub, ...rest] = args;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: { tsig: { type: "string" }, timeout: { type: "string" }, json: { type: "boolean" } },
  });
  if (sub !== "axfr" || positionals.length !== 2) throw new UsageError(`usage:\n${ZONE_HELP}`);
  let server: ReturnType<typeof parseServer>;
  let tsig: ReturnType<typeof parseTsigSpec> | null = null;
  try {
    server = parseServer(positionals[0]!);
    if (values.tsig) tsig = parseTsigSpec(values.tsig);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const timeout = Number(values.timeout ?? "120");
  if (!(timeout > 0)) throw new UsageError("--timeout: seconds, more than 0");
  let r: Awaited<ReturnType<typeof axfr>>;
  try {
    r = await axfr({ ...server, zone: positionals[1]!, tsig, timeoutMs: timeout * 1000 });
  } catch (e) {
    throw new Failure((e as Error).message);
  }
  const v = verifyZonemd(r.records, { origin: positionals[1]! });
  if (values.json) {
    io.out(
      `${JSON.stringify(
        {
          server: r.server,
          serial: r.serial,
          records: r.records.length,
          messages: r.messages,
          bytes: r.bytes,
          durationMs: Math.round(r.durationMs),
          zonemd: verdictJson(v),
          zone: r.records.map(recordToPresentation),
        },
        null,
        2,
      )}\n`,
    );
  } else {
    for (const rec of r.records) io.out(`${recordToPresentation(rec)}\n`);
    io.out(
      `;; AXFR from ${r.server}: serial ${r.serial}, ${r.records.length} records, ${r.messages} messages, ${r.bytes} bytes in ${Math.round(r.durationMs)} ms\n;; ZONEMD: ${v.status} — ${v.reason}\n`,
    );
  }
  return EXIT.ok;
}
