import { createReadStream } from "node:fs";
import { parseArgs } from "node:util";
import {
  DhcpdLeaseParser,
  DnsmasqLeaseParser,
  type IncrementalParser,
  KeaCsvParser,
  LeaseTable,
  parseChunksAsync,
} from "@netops/protocols/dhcp";
import { Failure, type Io, UsageError } from "../io";

export const LEASES_HELP = `netops leases parse FILE --format kea4|kea6|dhcpd|dnsmasq [--summary]
   (one JSON object per line: {"kind":"lease",…}, {"kind":"error","line":N,"reason":…}; --summary prints
    counts instead; exit 1 when a record was rejected)`;

const FORMATS = ["kea4", "kea6", "dhcpd", "dnsmasq"] as const;
type Format = (typeof FORMATS)[number];

function parserFor(format: Format): IncrementalParser<{ kind: string }> {
  if (format === "kea4" || format === "kea6")
    return new KeaCsvParser({ assumeFamily: format === "kea4" ? 4 : 6 });
  if (format === "dhcpd") return new DhcpdLeaseParser();
  return new DnsmasqLeaseParser();
}

async function parseFile(file: string, format: Format, summary: boolean, io: Io): Promise<number> {
  const stream = createReadStream(file);
  const table = new LeaseTable();
  const counts = { records: 0, errors: 0, directives: 0, hosts: 0 };
  const states: Record<string, number> = {};
  try {
    for await (const item of parseChunksAsync(parserFor(format), stream)) {
      if (item.kind === "header") {
        const family = (item as unknown as { family: 4 | 6 }).family;
        if (`kea${family}` !== format)
          throw new Failure(`${file}: the header is a DHCPv${family} lease file, not ${format}`);
        continue;
      }
      if (item.kind === "lease") {
        counts.records++;
        table.apply((item as unknown as { lease: Parameters<LeaseTable["apply"]>[0] }).lease);
      } else if (item.kind === "error") counts.errors++;
      else if (item.kind === "host") counts.hosts++;
      else counts.directives++;
      if (!summary) io.out(`${JSON.stringify(item)}\n`);
      if (item.kind === "error" && summary) {
        const e = item as unknown as { line: number; field: string | null; reason: string };
        io.err(`${file}:${e.line}: ${e.field ? `${e.field}: ` : ""}${e.reason}\n`);
      }
    }
  } catch (e) {
    if (e instanceof Failure) throw e;
    throw new Failure(`${file}: ${(e as Error).message}`);
  }
  if (summary) {
    for (const l of table.values()) states[l.state] = (states[l.state] ?? 0) + 1;
    io.out(`${JSON.stringify({ file, format, ...counts, current: table.size, states })}\n`);
  }
  return counts.errors > 0 ? 1 : 0;
}

export async function leasesCommand(args: string[], io: Io): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== "parse")
    throw new UsageError(`unknown or missing subcommand: leases ${sub ?? ""}\n${LEASES_HELP}`);
  let parsed: ReturnType<
    typeof parseArgs<{
      options: { format: { type: "string" }; summary: { type: "boolean" } };
      allowPositionals: true;
    }>
  >;
  try {
    parsed = parseArgs({
      args: rest,
      options: { format: { type: "string" }, summary: { type: "boolean" } },
      allowPositionals: true,
    });
  } catch (e) {
    throw new UsageError(`${(e as Error).message}\n${LEASES_HELP}`);
  }
  const file = parsed.positionals[0];
  if (!file || parsed.positionals.length > 1) throw new UsageError(`expected one FILE\n${LEASES_HELP}`);
  const format = parsed.values.format as Format | undefined;
  if (!format || !FORMATS.includes(format))
    throw new UsageError(`--format must be one of ${FORMATS.join(", ")}`);
  return parseFile(file, format, parsed.values.summary ?? false, io);
}
