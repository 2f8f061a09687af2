/**
 * The RFC 5732 rules a host object must keep, for clients (explain before sending) and the lab
 * server (enforce). Each issue carries the result code a registry would answer with.
 */
import { formatIPv6, parseIPv4, parseIPv6 } from "./ip";
import type { HostAddr, HostCommand } from "./model";

export interface HostRuleIssue {
  field: "name" | "addr" | "sponsor" | "status";
  severity: "error" | "warning";
  /** RFC 5730 result code the registry returns for this problem. */
  code: 2005 | 2201 | 2303 | 2304 | 2306;
  reason: string;
}

/** RFC 1123 §2.1 host name syntax (as EPP uses it: no trailing dot, at least two labels). Null when valid. */
export function hostNameProblem(name: string): string | null {
  if (name.length === 0) return "host name is empty";
  if (name.length > 253) return `host name is ${name.length} characters; at most 253`;
  if (name.endsWith(".")) return "host name must not end with a dot";
  const labels = name.split(".");
  if (labels.length < 2) return "host name needs at least two labels";
  for (const l of labels) {
    if (l.length === 0) return "host name has an empty label";
    if (l.length > 63) return `label "${l.slice(0, 20)}…" is longer than 63 characters`;
    if (!/^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/.test(l))
      return `label "${l}" may hold only letters, digits and inner hyphens`;
  }
  if (/^[0-9]+$/.test(labels[labels.length - 1] as string)) return "the top-level label cannot be all digits";
  return null;
}

export function normalizeHostName(name: string): string {
  return name.toLowerCase();
}

/**
 * The domain in this registry a host name is subordinate to (RFC 5732 §3.2.1 "internal" host),
 * or null for an external host. `zones` are the suffixes the registry is authoritative for.
 */
export function superordinateDomain(host: string, zones: readonly string[]): string | null {
  const h = normalizeHostName(host);
  let best: string | null = null;
  for (const z of zones) {
    const zone = normalizeHostName(z);
    if (!h.endsWith(`.${zone}`)) continue;
    const rest = h.slice(0, -zone.length - 1).split(".");
    const candidate = `${rest[rest.length - 1]}.${zone}`;
    // The most specific zone wins (e.g. "co.uk" over "uk").
    if (best === null || candidate.length > best.length) best = candidate;
  }
  return best;
}

/** Canonical text of an address (RFC 5952 for v6) or null if it is not valid for its `ip` type. */
export function canonicalAddress(a: HostAddr): string | null {
  if (a.ip === "v4") return parseIPv4(a.address) ? a.address : null;
  const g = parseIPv6(a.address);
  return g ? formatIPv6(g) : null;
}

function unusableAddress(a: HostAddr): string | null {
  if (a.ip === "v4") {
    const o = parseIPv4(a.address) as number[];
    const first = o[0] as number;
    if (first === 0) return "is in 0.0.0.0/8 (this network)";
    if (first === 127) return "is a loopback address";
    if (first >= 224) return "is a multicast or reserved address";
    return null;
  }
  const g = parseIPv6(a.address) as number[];
  if (g.every((n) => n === 0)) return "is the unspecified address";
  if (g.slice(0, 7).every((n) => n === 0) && g[7] === 1) return "is the loopback address";
  if (((g[0] as number) & 0xff00) === 0xff00) return "is a multicast address";
  if (((g[0] as number) & 0xffc0) === 0xfe80) return "is link-local";
  return null;
}

export interface HostRuleContext {
  /** Suffixes this registry is authoritative for ("example", "co.uk"). */
  zones: readonly string[];
  /** Whether a superordinate domain exists in the registry (the lab server passes its lookup). */
  domainExists?: (name: string) => boolean;
  /** RFC 5732 lets a server refuse or accept-and-ignore addresses of external hosts. Default: refuse. */
  externalAddresses?: "refuse" | "warn";
}

/** Addresses checked for syntax, duplicates, usability and the glue rule, given the host's name. */
export function checkHostAddresses(
  name: string,
  addrs: readonly HostAddr[],
  ctx: HostRuleContext,
): HostRuleIssue[] {
  const issues: HostRuleIssue[] = [];
  const seen = new Set<string>();
  for (const a of addrs) {
    const canon = canonicalAddress(a);
    if (canon === null) {
      issues.push({
        field: "addr",
        severity: "error",
        code: 2005,
        reason: `"${a.address}" is not a valid IP${a.ip} address`,
      });
      continue;
    }
    const key = `${a.ip}/${canon}`;
    if (seen.has(key))
      issues.push({ field: "addr", severity: "error", code: 2306, reason: `${canon} is listed twice` });
    seen.add(key);
    const bad = unusableAddress(a);
    if (bad)
      issues.push({
        field: "addr",
        severity: "error",
        code: 2306,
        reason: `${canon} ${bad}; it cannot be glue`,
      });
  }
  if (addrs.length > 0 && superordinateDomain(name, ctx.zones) === null) {
    const refuse = (ctx.externalAddresses ?? "refuse") === "refuse";
    issues.push({
      field: "addr",
      severity: refuse ? "error" : "warning",
      code: 2306,
      reason: `${name} is outside this registry (${ctx.zones.join(", ")}); addresses are only for hosts under a domain here (glue, RFC 5732 §3.2.1)${refuse ? "" : " and will be ignored"}`,
    });
  }
  return issues;
}

export function checkHostName(name: string, ctx: HostRuleContext): HostRuleIssue[] {
  const p = hostNameProblem(name);
  if (p) return [{ field: "name", severity: "error", code: 2005, reason: p }];
  const sup = superordinateDomain(name, ctx.zones);
  if (sup !== null && ctx.domainExists && !ctx.domainExists(sup)) {
    return [
      {
        field: "name",
        severity: "error",
        code: 2303,
        reason: `${name} is under ${sup}, which does not exist in this registry; create the domain first`,
      },
    ];
  }
  return [];
}

export function checkHostCreate(
  c: { name: string; addrs: HostAddr[] },
  ctx: HostRuleContext,
): HostRuleIssue[] {
  const nameIssues = checkHostName(c.name, ctx);
  if (nameIssues.some((i) => i.code === 2005)) return nameIssues;
  return [...nameIssues, ...checkHostAddresses(c.name, c.addrs, ctx)];
}

/**
 * An update checked against the host as it is: sponsorship, update-prohibited statuses, the new
 * name, and the address set that would result.
 */
export function checkHostUpdate(
  current: { name: string; addrs: HostAddr[]; statuses: { s: string }[]; clID: string },
  c: Extract<HostCommand, { cmd: "host:update" }>,
  client: string,
  ctx: HostRuleContext,
): HostRuleIssue[] {
  if (current.clID !== client) {
    return [
      {
        field: "sponsor",
        severity: "error",
        code: 2201,
        reason: `${current.name} is sponsored by ${current.clID}; only the sponsoring client may change it`,
      },
    ];
  }
  const statuses = new Set(current.statuses.map((s) => s.s));
  const removingCUP = c.rem.statuses.some((s) => s.s === "clientUpdateProhibited");
  if (statuses.has("serverUpdateProhibited") || (statuses.has("clientUpdateProhibited") && !removingCUP)) {
    return [
      {
        field: "status",
        severity: "error",
        code: 2304,
        reason: `${current.name} has an update-prohibited status`,
      },
    ];
  }
  for (const s of c.add.statuses) {
    if (!s.s.startsWith("client"))
      return [
        {
          field: "status",
          severity: "error",
          code: 2306,
          reason: `clients may only set client* statuses, not ${s.s}`,
        },
      ];
  }
  const newName = c.newName ?? current.name;
  const issues = c.newName !== undefined ? checkHostName(c.newName, ctx) : [];
  const key = (a: HostAddr) => `${a.ip}/${canonicalAddress(a) ?? a.address}`;
  const removed = new Set(c.rem.addrs.map(key));
  const kept = current.addrs.filter((a) => !removed.has(key(a)));
  return [...issues, ...checkHostAddresses(newName, [...kept, ...c.add.addrs], ctx)];
}
