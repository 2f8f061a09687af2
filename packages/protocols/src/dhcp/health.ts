/** The DHCP overview tile from its sources' states and its pools' levels (server probe and mock API). */

export interface DhcpHealth {
  health: "ok" | "degraded" | "failing" | "not_configured";
  summary: string;
}

/** `sources`: the status of each enabled source; `pools`: each pool's utilisation level. */
export function dhcpHealth(sources: readonly string[], pools: readonly string[]): DhcpHealth {
  if (sources.length === 0) return { health: "not_configured", summary: "No DHCP sources configured" };
  const failing = sources.filter((s) => s === "failing").length;
  const stale = sources.filter((s) => s === "stale").length;
  const crit = pools.filter((p) => p === "critical").length;
  const warn = pools.filter((p) => p === "warning").length;
  const parts = [`${sources.length} source(s)`, `${pools.length} pool(s)`];
  if (failing) parts.push(`${failing} failing`);
  if (stale) parts.push(`${stale} stale`);
  if (crit) parts.push(`${crit} pool(s) critical`);
  if (warn) parts.push(`${warn} pool(s) warning`);
  return {
    health: failing || crit ? "failing" : stale || warn ? "degraded" : "ok",
    summary: parts.join(", "),
  };
}
