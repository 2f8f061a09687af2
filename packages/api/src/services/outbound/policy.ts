/**
 * One outbound policy per service (RDAP, DNS, EPP, Kea, webhooks): where the console may connect,
 * as host AND port. A destination is allowed when it is listed (configuration, or an entry the
 * server adds for its own lab servers), or when the service allows public addresses on its
 * standard ports (DNS on 53, EPP on 700) and every address the host has is public. Names are
 * resolved once and the connection is pinned to the checked addresses (no DNS rebinding).
 */
import dns from "node:dns";
import type { LookupFunction } from "node:net";
import {
  type CanonicalHost,
  type Destination,
  canonicalHost,
  destinationText,
  parseDestination,
  specialAddress,
} from "./address";
import { OutboundError, causeOf } from "./errors";

export interface AllowEntry {
  /** `host`, `host:port`, `[v6]:port` (the service's default port when none is given). */
  destination: string;
  /** The host may resolve to private, loopback or special addresses (a listed internal server). */
  mayBePrivate: boolean;
}

export interface OutboundPolicyOptions {
  /** What connects, for messages ("dns", "epp", "kea", "rdap", "webhook"). */
  service: string;
  /** The configuration key that lists destinations, named in refusals ("dns.allowedServers"). */
  configKey: string;
  defaultPort: number;
  /** Listed destinations; a plain string may resolve to private addresses (it was configured). */
  allow?: Iterable<string | AllowEntry>;
  /** Ports any public address may be reached on without being listed (none by default). */
  publicPorts?: readonly number[];
  /** Resolver, replaceable in tests; defaults to the system's (dns.lookup). */
  resolve?: (host: string) => Promise<string[]>;
}

/** A checked destination and the addresses to connect to (and nothing else). */
export interface Pinned {
  /** host:port as canonicalised, for messages. */
  label: string;
  host: CanonicalHost;
  port: number;
  addresses: string[];
  /** For net/tls/http `lookup`: answers with the checked addresses, whatever DNS says now. */
  lookup: LookupFunction;
}

const defaultResolve = async (host: string): Promise<string[]> =>
  (await dns.promises.lookup(host, { all: true, verbatim: true })).map((r) => r.address);

const key = (d: Destination) => `${d.host.text}|${d.port}`;

export class OutboundPolicy {
  readonly service: string;
  readonly configKey: string;
  readonly defaultPort: number;
  private readonly entries = new Map<string, boolean>();
  private readonly publicPorts: ReadonlySet<number>;
  private readonly resolver: (host: string) => Promise<string[]>;

  constructor(o: OutboundPolicyOptions) {
    this.service = o.service;
    this.configKey = o.configKey;
    this.defaultPort = o.defaultPort;
    this.publicPorts = new Set(o.publicPorts ?? []);
    this.resolver = o.resolve ?? defaultResolve;
    for (const e of o.allow ?? []) this.allow(e);
  }

  /** Adds a destination (the server's own lab servers, on ports known only once they listen). */
  allow(entry: string | AllowEntry): void {
    const e = typeof entry === "string" ? { destination: entry, mayBePrivate: true } : entry;
    const d = parseDestination(e.destination, this.defaultPort);
    if (typeof d === "string") throw new Error(`${this.configKey}: ${d}`);
    // Listed twice, once as private: the more permissive listing stands.
    this.entries.set(key(d), (this.entries.get(key(d)) ?? false) || e.mayBePrivate);
  }

  /** Listed destinations, as host:port. */
  listed(): string[] {
    return [...this.entries.keys()].map((k) => {
      const [h, p] = k.split("|");
      return destinationText(h!, Number(p));
    });
  }

  /**
   * Whether host:port may be contacted at all, before any resolution: null when it may (names on
   * a public port are still checked by {@link pin}), else the refusal.
   */
  check(host: string, port: number = this.defaultPort): string | null {
    const r = this.decide(host, port);
    return typeof r === "string" ? r : null;
  }

  private decide(host: string, port: number): { h: CanonicalHost; listed: boolean; priv: boolean } | string {
    const h = canonicalHost(host);
    if (typeof h === "string") return h;
    if (!Number.isInteger(port) || port < 1 || port > 65535) return `${port} is not a port number`;
    const listed = this.entries.get(key({ host: h, port }));
    if (listed !== undefined) return { h, listed: true, priv: listed };
    const label = destinationText(h, port);
    if (!this.publicPorts.has(port)) return `${label} is not an allowed destination (${this.configKey})`;
    if (h.kind === "ip") {
      const why = specialAddress(h.text);
      if (why) return `${label} is not an allowed destination: ${why} (list it in ${this.configKey})`;
    }
    return { h, listed: false, priv: false };
  }

  /**
   * Checks host:port, resolves the host and checks every address; the connection must then use
   * `lookup` (or `addresses`). Throws OutboundError "refused" (nothing was sent anywhere).
   */
  async pin(host: string, port: number = this.defaultPort): Promise<Pinned> {
    const r = this.decide(host, port);
    if (typeof r === "string") throw new OutboundError("refused", r);
    const label = destinationText(r.h, port);
    let raw: string[];
    if (r.h.kind === "ip") raw = [r.h.text];
    else {
      try {
        raw = await this.resolver(r.h.text);
      } catch (e) {
        throw new OutboundError("unreachable", `cannot resolve ${r.h.text}`, causeOf(e));
      }
    }
    const addresses: string[] = [];
    for (const a of raw) {
      const c = canonicalHost(a);
      if (typeof c === "string" || c.kind !== "ip")
        throw new OutboundError("refused", `${r.h.text} resolves to ${JSON.stringify(a)}, not an address`);
      if (!r.priv) {
        const why = specialAddress(c.text);
        if (why)
          throw new OutboundError(
            "refused",
            `${r.h.text} resolves to ${why.replace(`${c.text} is`, `${c.text}, which is`)}`,
          );
      }
      addresses.push(c.text);
    }
    if (!addresses.length) throw new OutboundError("unreachable", `cannot resolve ${r.h.text}`, "no address");
    return { label, host: r.h, port, addresses, lookup: pinnedLookup(addresses) };
  }
}

/** A `lookup` for net/tls/http that only ever answers with the given (checked) addresses. */
export function pinnedLookup(addresses: readonly string[]): LookupFunction {
  const list = addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
  return (_host, opts, cb) => {
    if ((opts as { all?: boolean }).all) (cb as (e: null, a: typeof list) => void)(null, list);
    else cb(null, list[0]?.address ?? "", list[0]?.family ?? 4);
  };
}
