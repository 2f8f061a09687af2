import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import {
  Bootstrap,
  type Domain,
  type Entity,
  type IpNetwork,
  type Autnum,
  type Nameserver,
  type ParsedRdap,
  type RdapObject,
  type RdapQuery,
  parseRdapText,
  parseSort,
  pickQuery,
  RDAP_QUERY_TYPES,
  type RdapQueryType,
  SEARCH_BY,
  snapshotRegistries,
  summarizeMetadata,
} from "@netops/protocols/rdap";
import { RdapClient } from "@netops/api";
import { Failure, type Io, UsageError } from "../io";

export const RDAP_HELP = `netops rdap parse FILE [--json]
   (a saved RDAP response: the object, RFC 8977/8982 metadata and conformance findings; exit 1 when not RDAP)
netops rdap QUERY [--type domain|nameserver|entity|ip|autnum|domains|nameservers|entities] [--by FIELD]
   [--sort PROP[:a|d],…] [--count] [--fieldset NAME] [--cursor C] [--pages N] [--server URL] [--json]
   (QUERY: a domain, IP, prefix, AS number, handle or *pattern*; the server comes from the IANA
    bootstrap snapshot, or --server, which is also the only host besides the bootstrap's contacted)`;

const MAX_FILE_BYTES = 16 * 1024 * 1024;

export async function rdapCommand(args: string[], io: Io): Promise<number | undefined> {
  if (args[0] === "parse") return parseFile(args.slice(1), io);
  return query(args, io);
}

async function parseFile(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { json: { type: "boolean" } },
    allowPositionals: true,
    strict: true,
  });
  const [file, extra] = positionals;
  if (!file || extra) throw new UsageError(`expected one FILE\n${RDAP_HELP}`);
  let text: string;
  try {
    const buf = await readFile(file);
    if (buf.length > MAX_FILE_BYTES) throw new UsageError(`${file}: larger than ${MAX_FILE_BYTES} bytes`);
    text = buf.toString("utf8");
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(
      `${file}: ${(e as NodeJS.ErrnoException).code ?? ""} ${(e as Error).message}`.trim(),
    );
  }
  const r = parseRdapText(text);
  if (!r.ok) throw new Failure(`${file}: not an RDAP response: ${r.reason}`);
  report(io, r.response, values.json === true);
  return 0;
}

async function query(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      type: { type: "string" },
      by: { type: "string" },
      sort: { type: "string" },
      count: { type: "boolean" },
      fieldset: { type: "string" },
      cursor: { type: "string" },
      pages: { type: "string" },
      server: { type: "string" },
      json: { type: "boolean" },
    },
    allowPositionals: true,
    strict: true,
  });
  const [text, extra] = positionals;
  if (!text || extra) throw new UsageError(`expected one QUERY (quote patterns with spaces)\n${RDAP_HELP}`);
  const q = buildQuery(text, values.type, values.by);
  const pages = values.pages === undefined ? 1 : Number(values.pages);
  if (!Number.isInteger(pages) || pages < 1 || pages > 100)
    throw new UsageError("--pages: a whole number from 1 to 100");
  let sort: ReturnType<typeof parseSort> | undefined;
  try {
    sort = values.sort ? parseSort(values.sort) : undefined;
  } catch (e) {
    throw new UsageError(`--sort: ${(e as Error).message}`);
  }
  const client = makeClient(values.server);
  const first = await client.query(q, {
    ...(values.count ? { count: true } : {}),
    ...(sort ? { sort } : {}),
    ...(values.fieldset !== undefined ? { fieldSet: values.fieldset } : {}),
    ...(values.cursor !== undefined ? { cursor: values.cursor } : {}),
  });
  if (!first.ok && first.error.code === "bad-query") throw new UsageError(first.error.message);
  let failed = false;
  for await (const page of client.pages(first, pages)) {
    if (!page.ok) {
      io.err(`${page.url || text}: ${page.error.code}: ${page.error.message}\n`);
      failed = true;
      break;
    }
    if (!values.json) io.out(`# ${page.finalUrl}${page.fromCache ? " (cached)" : ""}\n`);
    report(io, page.response, values.json === true);
    if (page.response.kind === "error") failed = true;
  }
  return failed ? 1 : 0;
}

/**
 * --type/--by checked against the shared tables (messages name the flags), then the same
 * construction as the web search box (pickQuery: IDNs to A-labels, search values lower-cased).
 */
function buildQuery(text: string, type: string | undefined, by: string | undefined): RdapQuery {
  if (type === undefined && by !== undefined)
    throw new UsageError("--by needs --type domains|nameservers|entities");
  const types = RDAP_QUERY_TYPES.filter((t) => t !== "auto");
  if (type !== undefined && !(types as readonly string[]).includes(type))
    throw new UsageError(`--type: one of ${types.join(", ")}`);
  const fields = type !== undefined && type in SEARCH_BY ? SEARCH_BY[type as keyof typeof SEARCH_BY] : null;
  if (fields && by !== undefined && !fields.includes(by))
    throw new UsageError(`--by for ${type}: one of ${fields.join(", ")}`);
  const c = pickQuery({ q: text, ...(type && { type: type as RdapQueryType }), ...(by && { by }) });
  if (!c.ok) throw new UsageError(c.reason);
  return c.query;
}

function makeClient(server: string | undefined): RdapClient {
  if (server === undefined) return new RdapClient({ bootstrap: new Bootstrap(snapshotRegistries()) });
  let u: URL;
  try {
    u = new URL(server);
  } catch {
    throw new UsageError(`--server: not a URL: ${server}`);
  }
  const host = u.hostname.replace(/^\[|\]$/g, "");
  // Naming a server on the command line is the operator's explicit configuration for that host.
  return new RdapClient({
    bootstrap: new Bootstrap([], { default: [u.href], dns: { "": [u.href] } }),
    allowedHosts: [host],
    privateHosts: [host],
    httpHosts: u.protocol === "http:" ? [host] : [],
  });
}

function report(io: Io, r: ParsedRdap, json: boolean): void {
  const metadata = summarizeMetadata(r);
  if (json) {
    const body = {
      kind: r.kind,
      object: r.object,
      searchMember: r.searchMember,
      results: r.results,
      error: r.error,
      notices: r.top.notices,
      metadata,
      redacted: r.top.redacted,
      findings: r.findings,
    };
    io.out(`${JSON.stringify(body, null, 2)}\n`);
    return;
  }
  const lines: string[] = [];
  if (r.kind === "object" && r.object) lines.push(...describe(r.object, ""));
  if (r.kind === "search") {
    lines.push(`${r.searchMember}: ${r.results?.length ?? 0} results`);
    for (const o of r.results ?? []) lines.push(`  ${headline(o)}`);
  }
  if (r.kind === "error" && r.error)
    lines.push(
      `error ${r.error.errorCode}${r.error.title ? ` ${r.error.title}` : ""}`,
      ...r.error.description.map((d) => `  ${d}`),
    );
  if (r.kind === "help") lines.push(`help: ${r.top.notices.map((n) => n.title ?? "(untitled)").join("; ")}`);
  if (r.top.redacted.length)
    lines.push(`redacted: ${r.top.redacted.map((x) => x.name.type ?? x.name.description ?? "?").join(", ")}`);
  const m = metadata;
  if (r.top.sorting)
    lines.push(
      `sort: ${m.currentSort ?? "(server default)"}; available: ${m.availableSorts.join(", ") || "none"}`,
    );
  if (r.top.paging) {
    const parts = [m.totalCount !== undefined ? `total ${m.totalCount}` : "total unknown"];
    if (m.pageSize !== undefined) parts.push(`page size ${m.pageSize}`);
    if (m.pageNumber !== undefined) parts.push(`page ${m.pageNumber}`);
    lines.push(`paging: ${parts.join(", ")}`);
    for (const [rel, href] of Object.entries(m.pages)) lines.push(`  ${rel}: ${href}`);
  }
  if (r.top.subsetting)
    lines.push(`field set: ${m.currentFieldSet}; available: ${m.availableFieldSets.join(", ") || "none"}`);
  lines.push(`conformance: ${r.top.rdapConformance.join(", ") || "(none declared)"}`);
  lines.push(r.findings.length ? `findings (${r.findings.length}):` : "findings: none");
  for (const f of r.findings)
    lines.push(`  ${f.severity.padEnd(7)} ${f.code.padEnd(22)} ${f.path}: ${f.message}`);
  io.out(`${lines.join("\n")}\n`);
}

function headline(o: RdapObject): string {
  const name =
    o.objectClassName === "domain" || o.objectClassName === "nameserver"
      ? ((o as Domain | Nameserver).unicodeName ?? (o as Domain | Nameserver).ldhName)
      : o.objectClassName === "entity"
        ? (o as Entity).contact?.fn
        : o.objectClassName === "ip network"
          ? `${(o as IpNetwork).startAddress ?? "?"} – ${(o as IpNetwork).endAddress ?? "?"}`
          : `AS${(o as Autnum).startAutnum ?? "?"}–${(o as Autnum).endAutnum ?? "?"}`;
  return [o.objectClassName, o.handle, name, o.status.length ? `[${o.status.join(", ")}]` : ""]
    .filter(Boolean)
    .join("  ");
}

function describe(o: RdapObject, indent: string): string[] {
  const out = [`${indent}${headline(o)}`];
  for (const e of o.events) out.push(`${indent}  ${e.eventAction}: ${e.eventDate}`);
  if (o.objectClassName === "entity") {
    const e = o as Entity;
    if (e.roles.length) out.push(`${indent}  roles: ${e.roles.join(", ")}`);
    const c = e.contact;
    if (c) {
      if (c.org.length) out.push(`${indent}  org: ${c.org.join(", ")}`);
      for (const m of c.emails) out.push(`${indent}  email: ${m.address}`);
      for (const p of c.phones)
        out.push(
          `${indent}  tel: ${p.number}${p.extension ? ` ext. ${p.extension}` : ""}${p.types.length ? ` (${p.types.join(", ")})` : ""}`,
        );
      for (const a of c.addresses)
        out.push(
          `${indent}  address: ${(a.label ?? [...a.street, a.locality, a.region, a.postalCode, a.country].filter(Boolean).join(", ")).replace(/\n/g, ", ")}`,
        );
    }
  }
  if (o.objectClassName === "domain")
    for (const ns of (o as Domain).nameservers)
      out.push(`${indent}  nameserver: ${ns.ldhName ?? ns.handle ?? "?"}`);
  if (o.objectClassName === "nameserver") {
    const ip = (o as Nameserver).ipAddresses;
    if (ip) out.push(`${indent}  addresses: ${[...ip.v4, ...ip.v6].join(", ")}`);
  }
  if (o.objectClassName === "ip network" && (o as IpNetwork).cidrs.length)
    out.push(`${indent}  cidr: ${(o as IpNetwork).cidrs.join(", ")}`);
  const entities = "entities" in o ? (o.entities as Entity[]) : [];
  if (indent.length < 8) for (const e of entities) out.push(...describe(e, `${indent}  `));
  return out;
}
