/**
 * RFC 9224 bootstrap refresh: fetches the five registry files (dns, ipv4, ipv6, asn, object-tags)
 * from one configured base URL (IANA's https://data.iana.org/rdap/ by default), validates each
 * with the same parser as the shipped snapshot, and reports per file whether it can be used. Only
 * that one host is contacted, over https, through the same outbound guard as queries.
 */
import { type BootstrapRegistry, parseBootstrapRegistry, type RegistryKind } from "@netops/protocols/rdap";
import { RdapFetchError } from "./errors";
import { hostOf, OutboundGuard } from "./guard";
import { httpGet } from "./http";

export const BOOTSTRAP_KINDS: readonly RegistryKind[] = ["dns", "ipv4", "ipv6", "asn", "object-tags"];
export const IANA_BOOTSTRAP_URL = "https://data.iana.org/rdap/";

export interface BootstrapRefreshOptions {
  /** Base URL the files are under (`<url>dns.json` …); https only. */
  url: string;
  /** Set when the host may resolve to a private or loopback address (a local mirror, tests). */
  allowPrivate?: boolean;
  /** Extra trusted CA (a local mirror, tests). */
  ca?: string | Buffer;
  timeoutMs?: number;
  /** Per file; IANA's dns.json is about 100 kB. */
  maxBodyBytes?: number;
  resolve?: (host: string) => Promise<string[]>;
}

export type FileOutcome =
  | { kind: RegistryKind; ok: true; registry: BootstrapRegistry; problems: string[] }
  | { kind: RegistryKind; ok: false; reason: string };

/** Checks the configured URL; returns why it cannot be used, or null. */
export function bootstrapUrlProblem(url: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return `"${url}" is not a URL`;
  }
  if (u.protocol !== "https:") return `${url}: the bootstrap is fetched over https only`;
  if (u.username || u.password) return `${url}: no credentials in the URL`;
  return null;
}

export class BootstrapRefresher {
  readonly base: URL;
  private readonly guard: OutboundGuard;

  constructor(private readonly o: BootstrapRefreshOptions) {
    const bad = bootstrapUrlProblem(o.url);
    if (bad) throw new Error(bad);
    this.base = new URL(o.url.endsWith("/") ? o.url : `${o.url}/`);
    const host = hostOf(this.base);
    this.guard = new OutboundGuard({
      urls: [this.base.href],
      allowedHosts: [],
      privateHosts: o.allowPrivate ? [host] : [],
      httpHosts: [],
      ca: o.ca,
      ...(o.resolve ? { resolve: o.resolve } : {}),
    });
  }

  /** Fetches and validates every file; never throws (a failure is that file's outcome). */
  async fetchAll(): Promise<FileOutcome[]> {
    const out: FileOutcome[] = [];
    // One after the other: five small files, and one connection at a time to someone else's server.
    for (const kind of BOOTSTRAP_KINDS) {
      const r = await this.fetchOne(kind);
      out.push(r);
      // Unreachable (offline, refused, timed out): the other files would fail the same way, slowly.
      if (!r.ok && r.unreachable) {
        for (const rest of BOOTSTRAP_KINDS.slice(out.length))
          out.push({
            kind: rest,
            ok: false,
            reason: `${rest}.json not tried: ${this.base.host} unreachable`,
          });
        break;
      }
    }
    return out;
  }

  private async fetchOne(kind: RegistryKind): Promise<FileOutcome & { unreachable?: boolean }> {
    const url = new URL(`${kind}.json`, this.base);
    try {
      const r = await httpGet(url, {
        guard: this.guard,
        timeoutMs: this.o.timeoutMs ?? 30_000,
        maxBodyBytes: this.o.maxBodyBytes ?? 4 * 1024 * 1024,
      });
      if (r.status !== 200) return { kind, ok: false, reason: `${url.href}: HTTP ${r.status}` };
      const parsed = parseBootstrapRegistry(kind, r.body);
      if (!parsed.ok) return { kind, ok: false, reason: `${url.href}: ${parsed.reason}` };
      return { kind, ok: true, registry: parsed.registry, problems: parsed.problems };
    } catch (e) {
      const why = e instanceof RdapFetchError ? e.message : (e as Error).message;
      const unreachable = e instanceof RdapFetchError && ["network", "timeout", "guard"].includes(e.code);
      return { kind, ok: false, reason: `${url.href}: ${why}`, unreachable };
    }
  }
}
