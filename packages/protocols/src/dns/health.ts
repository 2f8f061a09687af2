/** The DNS overview tile from the zones' statuses (server probe and mock API). */

export interface DnsHealth {
  health: "ok" | "degraded" | "failing" | "not_configured";
  summary: string;
}

/** Statuses where the copy contradicts its own ZONEMD (or could not be read as a zone). */
export const DNS_FAILED_STATUSES: ReadonlySet<string> = new Set([
  "serial_mismatch",
  "digest_mismatch",
  "malformed",
]);

/** `statuses`: each watched zone's current status. */
export function dnsHealth(statuses: readonly string[]): DnsHealth {
  if (statuses.length === 0) return { health: "not_configured", summary: "No zones watched" };
  const failed = statuses.filter((s) => DNS_FAILED_STATUSES.has(s)).length;
  const unfetchable = statuses.filter((s) => s === "fetch_failed").length;
  const verified = statuses.filter((s) => s === "verified").length;
  const parts = [`${verified}/${statuses.length} zones verified`];
  if (failed) parts.push(`${failed} failed`);
  if (unfetchable) parts.push(`${unfetchable} unfetchable`);
  return { health: failed ? "failing" : unfetchable ? "degraded" : "ok", summary: parts.join(", ") };
}
