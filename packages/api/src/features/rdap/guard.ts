/**
 * Outbound guard: https only (plain http only for hosts configured so, e.g. the lab server),
 * only to bootstrap-listed or configured hosts, and never to private, loopback or otherwise
 * special addresses unless the host is configured as private. Names are resolved and every
 * address checked; the connection then uses exactly the checked address (no rebinding).
 */
import dns from "node:dns";
import { isIP } from "node:net";
import { type IpPrefix, parseIp, parsePrefix, prefixContains } from "@netops/protocols/rdap";

export interface GuardConfig {
  /** Hosts that may be contacted (bootstrap hosts plus configured ones), lower-case. */
  allowedHosts: Iterable<string>;
  /** Hosts allowed to resolve to private/loopback addresses (the lab server). */
  privateHosts?: Iterable<string>;
  /** Hosts allowed over plain http. */
  httpHosts?: Iterable<string>;
  /** Resolver, replaceable in tests; defaults to dns.lookup. */
  resolve?: (host: string) => Promise<string[]>;
}

// Special-purpose ranges (RFC 6890 and the IANA special-purpose registries).
const SPECIAL = [
  "0.0.0.0/8",
  "10.0.0.0/8",
  "100.64.0.0/10",
  "127.0.0.0/8",
  "169.254.0.0/16",
  "172.16.0.0/12",
  "192.0.0.0/24",
  "192.0.2.0/24",
  "192.88.99.0/24",
  "192.168.0.0/16",
  "198.18.0.0/15",
  "198.51.100.0/24",
  "203.0.113.0/24",
  "224.0.0.0/4",
  "240.0.0.0/4",
  "::/127",
  "::ffff:0:0/96",
  "64:ff9b::/96",
  "64:ff9b:1::/48",
  "100::/64",
  "2001::/23",
  "2001:db8::/32",
  "2002::/16",
  "fc00::/7",
  "fe80::/10",
  "ff00::/8",
].map((p) => parsePrefix(p) as IpPrefix);

/** Why an address is not public, or null when it is. */
export function specialAddress(address: string): string | null {
  const a = parseIp(address);
  if (!a) return `${address} is not an IP address`;
  const hit = SPECIAL.find((p) => prefixContains(p, a));
  return hit ? `${address} is a private, loopback or special-purpose address` : null;
}

const lower = (xs: Iterable<string> | undefined) => new Set([...(xs ?? [])].map((h) => h.toLowerCase()));

const defaultResolve = async (host: string): Promise<string[]> =>
  (await dns.promises.lookup(host, { all: true, verbatim: true })).map((r) => r.address);

export class OutboundGuard {
  private readonly allowed: Set<string>;
  private readonly priv: Set<string>;
  private readonly http: Set<string>;
  private readonly resolve: (host: string) => Promise<string[]>;

  constructor(c: GuardConfig) {
    this.allowed = lower(c.allowedHosts);
    this.priv = lower(c.privateHosts);
    this.http = lower(c.httpHosts);
    this.resolve = c.resolve ?? defaultResolve;
  }

  /** Checks scheme and host; returns the reason it is refused, or null. */
  checkUrl(url: URL): string | null {
    const host = hostOf(url);
    if (url.protocol !== "https:" && !(url.protocol === "http:" && this.http.has(host)))
      return `${url.protocol.replace(":", "")} is not allowed (https only) for ${host}`;
    if (url.username || url.password) return "URLs with credentials are not followed";
    if (!this.allowed.has(host)) return `${host} is neither in the bootstrap registry nor configured`;
    if (isIP(host) && !this.priv.has(host)) return specialAddress(host);
    return null;
  }

  /** Resolves a host and checks every address; returns the addresses to connect to. */
  async addresses(host: string): Promise<string[]> {
    const h = host.toLowerCase();
    const list = isIP(h) ? [h] : await this.resolve(h);
    if (!list.length) throw new Error(`${h} has no address`);
    if (!this.priv.has(h))
      for (const a of list) {
        const why = specialAddress(a);
        if (why) throw new GuardError(`${h} resolves to ${why.replace(`${a} is`, `${a}, which is`)}`);
      }
    return list;
  }
}

export class GuardError extends Error {}

/** Host of a URL without IPv6 brackets, lower-case. */
export const hostOf = (url: URL): string => url.hostname.replace(/^\[|\]$/g, "").toLowerCase();
