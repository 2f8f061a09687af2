/**
 * Host and destination text in one canonical form, whatever spelling it arrived in. The WHATWG
 * host parser (the one browsers and `new URL` use) reads the inet_aton forms a resolver would
 * also accept (`127.1`, `2130706433`, `0x7f000001`, `0177.0.0.1`), upper case, trailing dots and
 * IPv6 spellings; IPv4-mapped IPv6 (`::ffff:127.0.0.1`) is unwrapped to the IPv4 address it
 * reaches. Policy decisions are then made on that one form, never on the text as typed.
 */
import { formatIPv6, ipv4ToText, parseIPv4, parseIPv6 } from "@netops/protocols/net";
import { type IpPrefix, parseIp, parsePrefix, prefixContains } from "@netops/protocols/rdap";

export type CanonicalHost = { kind: "ip"; version: 4 | 6; text: string } | { kind: "name"; text: string };

export interface Destination {
  host: CanonicalHost;
  port: number;
}

// Letters, digits, dot, dash, underscore; colons and brackets only for IPv6. Anything else
// ('@', '/', '%', spaces) could change what the URL parser below takes as the host.
const HOST_CHARS = /^[A-Za-z0-9._-]+$/;
const V6_CHARS = /^[0-9A-Fa-f:.]+$/;

/** The canonical form of a host name or IP address text, or why it is not one. */
export function canonicalHost(text: string): CanonicalHost | string {
  let t = text.trim();
  if (t.startsWith("[") && t.endsWith("]")) t = t.slice(1, -1);
  if (!t || t.length > 253) return `${JSON.stringify(text)} is not a host name or IP address`;
  if (t.includes(":")) {
    if (!V6_CHARS.test(t)) return `${JSON.stringify(text)} is not a host name or IP address`;
    return ipFromV6(t) ?? `${JSON.stringify(text)} is not an IPv6 address`;
  }
  if (!HOST_CHARS.test(t)) return `${JSON.stringify(text)} is not a host name or IP address`;
  let h: string;
  try {
    h = new URL(`http://${t}/`).hostname;
  } catch {
    return `${JSON.stringify(text)} is not a host name or IP address`;
  }
  const v4 = parseIPv4(h);
  if (v4 >= 0) return { kind: "ip", version: 4, text: ipv4ToText(v4) };
  const name = h.replace(/\.$/, "");
  if (!name || name.includes("..")) return `${JSON.stringify(text)} is not a host name or IP address`;
  return { kind: "name", text: name };
}

function ipFromV6(t: string): CanonicalHost | null {
  let h: string;
  try {
    h = new URL(`http://[${t}]/`).hostname.slice(1, -1);
  } catch {
    return null;
  }
  const g = parseIPv6(h);
  if (!g) return null;
  // ::ffff:a.b.c.d reaches a.b.c.d: decide on (and connect to) the IPv4 address.
  if (g[0] === 0 && g[1] === 0 && g[2] === 0 && g[3] === 0 && g[4] === 0 && g[5] === 0xffff)
    return { kind: "ip", version: 4, text: ipv4ToText((g[6]! * 65536 + g[7]!) >>> 0) };
  return { kind: "ip", version: 6, text: formatIPv6(g) };
}

/** host:port text of a destination (IPv6 in brackets), for messages and logs. */
export function destinationText(host: CanonicalHost | string, port: number): string {
  const h = typeof host === "string" ? host : host.text;
  return h.includes(":") ? `[${h}]:${port}` : `${h}:${port}`;
}

/**
 * Parses `host`, `host:port`, `[v6]`, `[v6]:port` or a bare IPv6 address; a missing port is
 * `defaultPort`. Returns the destination or why the text is not one.
 */
export function parseDestination(text: string, defaultPort: number): Destination | string {
  const t = text.trim();
  let hostText = t;
  let portText: string | null = null;
  const bracket = /^\[([^\]]*)\](?::(.*))?$/.exec(t);
  if (bracket) {
    hostText = bracket[1]!;
    portText = bracket[2] ?? null;
  } else if ((t.match(/:/g) ?? []).length === 1) {
    const i = t.indexOf(":");
    hostText = t.slice(0, i);
    portText = t.slice(i + 1);
  }
  const host = canonicalHost(hostText);
  if (typeof host === "string") return host;
  let port = defaultPort;
  if (portText !== null) {
    if (!/^[0-9]{1,5}$/.test(portText) || Number(portText) < 1 || Number(portText) > 65535)
      return `${JSON.stringify(text)}: the port must be a number from 1 to 65535`;
    port = Number(portText);
  }
  return { host, port };
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
  // ::/96 also holds the deprecated IPv4-compatible form (::127.0.0.1).
  "::/96",
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

/** Why an address is not public, or null when it is. Any spelling is canonicalised first. */
export function specialAddress(address: string): string | null {
  const c = canonicalHost(address);
  if (typeof c === "string" || c.kind !== "ip") return `${address} is not an IP address`;
  const a = parseIp(c.text);
  if (!a) return `${address} is not an IP address`;
  const hit = SPECIAL.find((p) => prefixContains(p, a));
  return hit ? `${address} is a private, loopback or special-purpose address` : null;
}
