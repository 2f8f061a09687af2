/**
 * `netops zonemd verify|digest`: ZONEMD (RFC 8976) on zone files. Files only: no database, no
 * API modules, so bin/netops.js loads just this module for it (start-up is part of the wait).
 */
import { parseArgs } from "node:util";
import {
  generateZonemd,
  verifyWireZone,
  ZONEMD_HASH_SHA384,
  ZONEMD_HASH_SHA512,
  type ZonemdVerdict,
} from "@netops/protocols/dns";
import { EXIT, type Io, processIo, UsageError } from "../io";
import { type ReadZone, readZone } from "./zonemd-read";

export const ZONEMD_HELP = `netops zonemd verify FILE [--origin NAME] [--json]
   exit 0 verified, 1 not verified (mismatch, no ZONEMD, serial mismatch…), 2 could not read or parse
netops zonemd digest FILE --hash sha384|sha512 [--hash …] [--origin NAME] [--json]
   prints the apex ZONEMD record(s) to insert (serial from the SOA)`;

const HASHES: Record<string, number> = { sha384: ZONEMD_HASH_SHA384, sha512: ZONEMD_HASH_SHA512 };

export function verdictJson(v: ZonemdVerdict) {
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
  let zone: ReadZone;
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
    const v = verifyWireZone(zone.zone, {
      errors: zone.errors,
      parseMs: performance.now() - t0,
      ...(values.origin && { origin: values.origin }),
    });
    if (json) io.out(`${JSON.stringify({ ...verdictJson(v), parseThreads: zone.threads }, null, 2)}\n`);
    else printVerdict(io, v, false, file);
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
    g = generateZonemd(zone.zone, {
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

/**
 * `netops zonemd …` run on its own by bin/netops.js, with main()'s exit codes and messages
 * for usage errors and crashes, without loading the other commands' modules.
 */
export async function zonemdMain(argv: string[], io: Io = processIo): Promise<number> {
  try {
    return await zonemdCommand(argv.slice(1), io);
  } catch (e) {
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
      io.err(`netops zonemd: ${(e as Error).message}\n`);
      return EXIT.usage;
    }
    io.err(`netops zonemd: unexpected error: ${(e as Error).message}\n`);
    return EXIT.failed;
  }
}
