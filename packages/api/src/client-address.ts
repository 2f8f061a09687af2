import { type Cidr, cidrContains, parseAddress, parseCidr } from "@netops/protocols/dhcp";

/**
 * The address a request came from, for login throttles, audit and sessions. Behind a load
 * balancer every socket is the balancer's, so one guesser would lock everyone out: when the socket
 * belongs to a configured trusted proxy (server.trustedProxies), X-Forwarded-For is read from the
 * right, skipping trusted proxies, and the first other address is the client (nginx's
 * real_ip_recursive). Entries left of it were written by the client and are never believed.
 */
export function clientAddress(
  remote: string | undefined,
  forwardedFor: string | string[] | undefined,
  trusted: readonly Cidr[],
): string {
  let addr = unmapped(remote ?? "");
  if (addr === "" || trusted.length === 0 || !isTrusted(addr, trusted)) return addr || "unknown";
  const header = Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? "");
  // Bounded: a header is at most Node's 16 KB, and only the last 32 hops are looked at.
  const hops = header.split(",").slice(-32);
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = parseAddress(unmapped(withoutPort((hops[i] ?? "").trim())));
    // A malformed hop was not written by a trusted proxy (they append the peer's address): stop at the last good one.
    if (hop === null) return addr;
    addr = hop.text; // canonical, so one client is one throttle key however a proxy spells it
    if (!isTrusted(addr, trusted)) return addr;
  }
  return addr;
}

/** server.trustedProxies → prefixes; throws on the first that is not an address or prefix. */
export function trustedProxyPrefixes(list: readonly string[]): Cidr[] {
  return list.map((text) => {
    const c = parseCidr(text.trim());
    if (!c)
      throw new RangeError(`server.trustedProxies: ${JSON.stringify(text)} is not an address or prefix`);
    return c;
  });
}

const isTrusted = (addr: string, trusted: readonly Cidr[]) => trusted.some((c) => cidrContains(c, addr));

/** "::ffff:192.0.2.1" (an IPv4 peer on a dual-stack socket) → "192.0.2.1". */
function unmapped(a: string): string {
  return /^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(a) ? a.slice(7) : a;
}

/** "192.0.2.1:4711" and "[2001:db8::1]:4711" (some proxies add the port) → the address. */
function withoutPort(a: string): string {
  const v6 = /^\[([^\]]+)\](?::\d+)?$/.exec(a);
  if (v6) return v6[1] as string;
  const v4 = /^(\d+\.\d+\.\d+\.\d+):\d+$/.exec(a);
  return v4 ? (v4[1] as string) : a;
}
