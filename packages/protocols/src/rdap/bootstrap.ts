/**
 * RFC 9224 bootstrap: parse IANA's dns/ipv4/ipv6/asn/object-tags registries and pick base URLs
 * for a query (longest match for names and networks, containing range for AS numbers, the
 * handle's tag for entities), with configured overrides taking precedence.
 */
import { type IpPrefix, parseIp, parsePrefix, prefixContains } from "./ip";
import type { RdapQuery } from "./query";
import { toAsciiName } from "./classify";

export type RegistryKind = "dns" | "ipv4" | "ipv6" | "asn" | "object-tags";

export interface BootstrapService {
  entries: string[];
  urls: string[];
}

export interface BootstrapRegistry {
  kind: RegistryKind;
  version?: string;
  publication?: string;
  description?: string;
  services: BootstrapService[];
}

export type RegistryParse =
  | { ok: true; registry: BootstrapRegistry; problems: string[] }
  | { ok: false; reason: string };

const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

function checkUrl(u: string): string | null {
  try {
    const url = new URL(u);
    if (url.protocol !== "https:" && url.protocol !== "http:") return `scheme ${url.protocol} is not http(s)`;
    // "%%" parses leniently in WHATWG URL; RFC 3986 forbids a "%" not followed by two hex digits.
    if (/%(?![0-9A-Fa-f]{2})/.test(u)) return "bad percent-encoding";
    return null;
  } catch {
    return "not a URL";
  }
}

/**
 * Parses one registry file's text. Services with bad structure or URLs are dropped and listed
 * in `problems`; a file with no usable service (empty, not JSON, no services) fails.
 */
export function parseBootstrapRegistry(kind: RegistryKind, text: string): RegistryParse {
  if (text.trim() === "") return { ok: false, reason: `${kind}: empty file` };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, reason: `${kind}: not JSON: ${(e as Error).message}` };
  }
  if (!isObj(json) || !Array.isArray(json.services))
    return { ok: false, reason: `${kind}: no "services" array` };
  const problems: string[] = [];
  const services: BootstrapService[] = [];
  // object-tags services have a leading registrant-contact array (RFC 8521 §4).
  const width = kind === "object-tags" ? 3 : 2;
  for (const [i, s] of json.services.entries()) {
    const arrays =
      Array.isArray(s) &&
      s.length === width &&
      s.every((a) => Array.isArray(a) && a.every((x) => typeof x === "string"));
    if (!arrays) {
      problems.push(`${kind}: services[${i}] is not ${width} arrays of strings`);
      continue;
    }
    const parts = s as string[][];
    const entries = parts[width - 2] ?? [];
    const urls: string[] = [];
    for (const u of parts[width - 1] ?? []) {
      const bad = checkUrl(u);
      if (bad) problems.push(`${kind}: services[${i}]: ${JSON.stringify(u)}: ${bad}`);
      else urls.push(u.endsWith("/") ? u : `${u}/`);
    }
    if (!entries.length || !urls.length) {
      problems.push(`${kind}: services[${i}] has no ${entries.length ? "usable URL" : "entries"}`);
      continue;
    }
    services.push({ entries, urls });
  }
  if (!services.length)
    return { ok: false, reason: `${kind}: no usable service (${problems.join("; ") || "empty"})` };
  const r: BootstrapRegistry = { kind, services };
  for (const k of ["version", "publication", "description"] as const)
    if (typeof json[k] === "string") r[k] = json[k] as string;
  return { ok: true, registry: r, problems };
}

/** Configured overrides: keys are TLDs/domain suffixes, prefixes, "from-to" AS ranges or tags. */
export interface BootstrapOverrides {
  dns?: Record<string, string[]>;
  ip?: Record<string, string[]>;
  asn?: Record<string, string[]>;
  tags?: Record<string, string[]>;
  /** Base URLs for queries with no bootstrap answer (entity searches, untagged handles). */
  default?: string[];
}

export type BaseUrlResult =
  | { ok: true; urls: string[]; source: "override" | "bootstrap" | "default" }
  | { ok: false; reason: string };

interface Range {
  from: number;
  to: number;
  urls: string[];
}

/** Orders https before http (RFC 9224 §3: prefer the secure transport). */
const httpsFirst = (urls: string[]): string[] =>
  [...urls].sort((a, b) => Number(b.startsWith("https:")) - Number(a.startsWith("https:")));

export class Bootstrap {
  private readonly dns = new Map<string, string[]>();
  private readonly nets: { prefix: IpPrefix; urls: string[] }[] = [];
  private readonly asns: Range[] = [];
  private readonly tags = new Map<string, string[]>();
  private readonly overrideDns = new Map<string, string[]>();
  private readonly overrideNets: { prefix: IpPrefix; urls: string[] }[] = [];
  private readonly overrideAsns: Range[] = [];
  private readonly overrideTags = new Map<string, string[]>();
  private readonly defaults: string[];

  constructor(registries: BootstrapRegistry[], overrides: BootstrapOverrides = {}) {
    for (const r of registries) {
      for (const s of r.services) {
        const urls = httpsFirst(s.urls);
        for (const e of s.entries) {
          if (r.kind === "dns") this.dns.set(e.toLowerCase().replace(/\.$/, ""), urls);
          else if (r.kind === "ipv4" || r.kind === "ipv6") {
            const p = parsePrefix(e);
            if (p) this.nets.push({ prefix: p, urls });
          } else if (r.kind === "asn") {
            const range = parseRange(e);
            if (range) this.asns.push({ ...range, urls });
          } else this.tags.set(e.toUpperCase(), urls);
        }
      }
    }
    for (const [k, urls] of Object.entries(overrides.dns ?? {}))
      this.overrideDns.set(k.toLowerCase().replace(/^\.|\.$/g, ""), urls);
    for (const [k, urls] of Object.entries(overrides.ip ?? {})) {
      const p = parsePrefix(k);
      if (!p) throw new Error(`bootstrap override: "${k}" is not an IP prefix`);
      this.overrideNets.push({ prefix: p, urls });
    }
    for (const [k, urls] of Object.entries(overrides.asn ?? {})) {
      const r = parseRange(k);
      if (!r) throw new Error(`bootstrap override: "${k}" is not an AS number or range`);
      this.overrideAsns.push({ ...r, urls });
    }
    for (const [k, urls] of Object.entries(overrides.tags ?? {}))
      this.overrideTags.set(k.toUpperCase(), urls);
    for (const urls of [
      ...Object.values(overrides.dns ?? {}),
      ...Object.values(overrides.ip ?? {}),
      ...Object.values(overrides.asn ?? {}),
      ...Object.values(overrides.tags ?? {}),
      overrides.default ?? [],
    ])
      for (const u of urls) {
        const bad = checkUrl(u);
        if (bad) throw new Error(`bootstrap override: ${JSON.stringify(u)}: ${bad}`);
      }
    this.defaults = overrides.default ?? [];
  }

  /** Every host named by the registries and overrides (the outbound allow-list starts here). */
  hosts(): Set<string> {
    const hosts = new Set<string>();
    for (const u of this.urls()) hosts.add(new URL(u).hostname.toLowerCase());
    return hosts;
  }

  /** Every base URL in the registries and overrides (an outbound policy allows their host AND port). */
  urls(): Set<string> {
    const all = [
      ...this.dns.values(),
      ...this.nets.map((n) => n.urls),
      ...this.asns.map((a) => a.urls),
      ...this.tags.values(),
      ...this.overrideDns.values(),
      ...this.overrideNets.map((n) => n.urls),
      ...this.overrideAsns.map((a) => a.urls),
      ...this.overrideTags.values(),
      this.defaults,
    ];
    return new Set(all.flat());
  }

  baseUrls(q: RdapQuery): BaseUrlResult {
    switch (q.kind) {
      case "domain":
      case "nameserver":
        return this.forName(q.name);
      case "domains":
      case "nameservers": {
        if (q.by !== "name") return this.fallback(`a ${q.kind} search by ${q.by} has no bootstrap registry`);
        // The literal labels at the end of a pattern such as "exa*.co.uk" pick the registry.
        const suffix = literalSuffix(q.value);
        if (!suffix) return this.fallback(`no registry for the pattern "${q.value}"`);
        return this.forName(suffix);
      }
      case "ip":
        return this.forIp(q.address);
      case "autnum":
        return this.forAsn(q.asn);
      case "entity":
        return this.forHandle(q.handle);
      case "entities":
      case "help":
        return this.fallback(`${q.kind} queries have no bootstrap registry`);
    }
  }

  private fallback(reason: string): BaseUrlResult {
    return this.defaults.length
      ? { ok: true, urls: httpsFirst(this.defaults), source: "default" }
      : { ok: false, reason: `${reason}; configure a default RDAP server` };
  }

  private forName(name: string): BaseUrlResult {
    const ascii = toAsciiName(name) ?? name.toLowerCase();
    const labels = ascii.replace(/\.$/, "").split(".");
    // Longest suffix first: "sub.example.com" before "example.com" before "com" before "" (root).
    for (const table of [this.overrideDns, this.dns]) {
      for (let i = 0; i <= labels.length; i++) {
        const urls = table.get(labels.slice(i).join("."));
        if (urls)
          return { ok: true, urls: httpsFirst(urls), source: table === this.dns ? "bootstrap" : "override" };
      }
    }
    return this.fallback(`no RDAP service for "${ascii}" in the bootstrap registry`);
  }

  private forIp(text: string): BaseUrlResult {
    const target = text.includes("/") ? parsePrefix(text) : parseIp(text);
    if (!target) return { ok: false, reason: `"${text}" is not an IP address or prefix` };
    for (const [table, source] of [
      [this.overrideNets, "override"],
      [this.nets, "bootstrap"],
    ] as const) {
      let best: { prefix: IpPrefix; urls: string[] } | undefined;
      for (const n of table)
        if (prefixContains(n.prefix, target) && (!best || n.prefix.length > best.prefix.length)) best = n;
      if (best) return { ok: true, urls: httpsFirst(best.urls), source };
    }
    return this.fallback(`no RDAP service for ${text} in the bootstrap registry`);
  }

  private forAsn(asn: number): BaseUrlResult {
    for (const [table, source] of [
      [this.overrideAsns, "override"],
      [this.asns, "bootstrap"],
    ] as const) {
      let best: Range | undefined;
      for (const r of table)
        if (asn >= r.from && asn <= r.to && (!best || r.to - r.from < best.to - best.from)) best = r;
      if (best) return { ok: true, urls: httpsFirst(best.urls), source };
    }
    return this.fallback(`no RDAP service for AS${asn} in the bootstrap registry`);
  }

  private forHandle(handle: string): BaseUrlResult {
    // RFC 8521 §2: a tagged handle ends with "-" and the service provider's tag.
    const dash = handle.lastIndexOf("-");
    const tag = dash > 0 ? handle.slice(dash + 1).toUpperCase() : "";
    if (tag) {
      for (const [table, source] of [
        [this.overrideTags, "override"],
        [this.tags, "bootstrap"],
      ] as const) {
        const urls = table.get(tag);
        if (urls) return { ok: true, urls: httpsFirst(urls), source };
      }
    }
    return this.fallback(`no object tag in the bootstrap registry for handle "${handle}"`);
  }
}

function parseRange(s: string): { from: number; to: number } | null {
  const m = /^([0-9]+)(?:-([0-9]+))?$/.exec(s.trim());
  if (!m?.[1]) return null;
  const from = Number(m[1]);
  const to = m[2] ? Number(m[2]) : from;
  return from <= to && to <= 4294967295 ? { from, to } : null;
}

function literalSuffix(pattern: string): string {
  const labels = pattern.replace(/\.$/, "").split(".");
  const out: string[] = [];
  for (let i = labels.length - 1; i >= 1; i--) {
    const l = labels[i] ?? "";
    if (l.includes("*") || !l) break;
    out.unshift(l);
  }
  return out.join(".");
}
