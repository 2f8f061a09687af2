/**
 * RDAP's outbound policy: https only (plain http only for hosts configured so, e.g. the lab
 * server), only to the host AND port of a bootstrap-listed base URL or of a configured host
 * (443, or 80 for an http host, when no port is given), and never to private, loopback or
 * otherwise special addresses unless the host is configured as private. Names are resolved and
 * every address checked; the connection then uses exactly the checked addresses (no rebinding).
 */
import { canonicalHost, parseDestination, specialAddress } from "../../services/outbound/address";
import { type OutboundFetch, outboundFetch, urlRefusal } from "../../services/outbound/http";
import { type AllowEntry, OutboundPolicy } from "../../services/outbound/policy";

export { specialAddress };

export interface GuardConfig {
  /** Base URLs from the bootstrap and its overrides: their host:port is allowed. */
  urls?: Iterable<string>;
  /** Configured hosts: `host` (443, and 80 for an http host), `host:port` or `[v6]:port`. */
  allowedHosts: Iterable<string>;
  /** Hosts allowed to resolve to private/loopback addresses (the lab server). */
  privateHosts?: Iterable<string>;
  /** Hosts allowed over plain http. */
  httpHosts?: Iterable<string>;
  /** Resolver, replaceable in tests; defaults to dns.lookup. */
  resolve?: (host: string) => Promise<string[]>;
  /** Extra trusted CA certificates (the lab server's, tests). */
  ca?: string | Buffer | undefined;
  /** Told the precise cause of failures the caller sees only as "connection failed". */
  onFailure?: (info: { service: string; url: string; detail: string }) => void;
}

const canon = (xs: Iterable<string> | undefined) =>
  new Set(
    [...(xs ?? [])].flatMap((h) => {
      const c = canonicalHost(h);
      return typeof c === "string" ? [] : [c.text];
    }),
  );

export class OutboundGuard {
  readonly policy: OutboundPolicy;
  readonly fetch: OutboundFetch;
  private readonly http: Set<string>;

  constructor(c: GuardConfig) {
    const priv = canon(c.privateHosts);
    this.http = canon(c.httpHosts);
    const entries: AllowEntry[] = [];
    const add = (destination: string, host: string) =>
      entries.push({ destination, mayBePrivate: priv.has(host) });
    for (const u of c.urls ?? []) {
      const url = new URL(u);
      const port = url.port || (url.protocol === "http:" ? "80" : "443");
      add(`${url.hostname}:${port}`, url.hostname.replace(/^\[|\]$/g, "").toLowerCase());
    }
    for (const h of c.allowedHosts) {
      const d = parseDestination(h, 0);
      if (typeof d === "string") throw new Error(`rdap.allowedHosts: ${d}`);
      const hostText = d.host.kind === "ip" && d.host.version === 6 ? `[${d.host.text}]` : d.host.text;
      if (d.port !== 0) add(`${hostText}:${d.port}`, d.host.text);
      else {
        add(`${hostText}:443`, d.host.text);
        if (this.http.has(d.host.text)) add(`${hostText}:80`, d.host.text);
      }
    }
    this.policy = new OutboundPolicy({
      service: "rdap",
      configKey: "neither in the bootstrap registry nor in rdap.allowedHosts",
      defaultPort: 443,
      allow: entries,
      ...(c.resolve ? { resolve: c.resolve } : {}),
    });
    const allowHttp = (h: { text: string }) => this.http.has(h.text);
    this.fetch = outboundFetch({
      policy: this.policy,
      allowHttp,
      ca: c.ca,
      ...(c.onFailure ? { onFailure: c.onFailure } : {}),
    });
  }

  /** Checks scheme, credentials, host and port (before any resolution); the refusal, or null. */
  checkUrl(url: URL): string | null {
    return urlRefusal(url, this.policy, (h) => this.http.has(h.text));
  }
}

/** Host of a URL without IPv6 brackets, lower-case. */
export const hostOf = (url: URL): string => url.hostname.replace(/^\[|\]$/g, "").toLowerCase();
