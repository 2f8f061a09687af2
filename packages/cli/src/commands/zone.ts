/**
 * `netops zone axfr`: a zone transfer from the command line, printed with its ZONEMD verdict
 * (RFC 8976). Works on servers directly; no database. `netops zonemd` lives in ./zonemd.
 */
import { parseArgs } from "node:util";
import { axfr, parseServer, TransportError } from "@netops/api";
import { parseTsigSpec, recordToPresentation, verifyZonemd } from "@netops/protocols/dns";
import { Failure, type Io, UsageError, EXIT } from "../io";
import { verdictJson } from "./zonemd";

export { ZONEMD_HELP, zonemdCommand } from "./zonemd";

export const ZONE_HELP = `netops zone axfr SERVER[:PORT] ZONE [--tsig NAME:ALG:BASE64] [--timeout SECONDS] [--json]
   transfers the zone (TCP, RFC 5936), prints it and its ZONEMD verdict (exit 1 when the transfer fails)`;

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
    // The console shows viewers one text for every unreachable peer; the CLI's user is on the
    // machine itself, so the precise cause (refused, timed out, not DNS…) is added.
    const detail = e instanceof TransportError && e.detail ? ` (${e.detail})` : "";
    throw new Failure(`${(e as Error).message}${detail}`);
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
