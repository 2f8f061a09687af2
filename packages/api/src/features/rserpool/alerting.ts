// RSerPool alerts, re-checked as a whole each run (reconcile): silent registrars, checksums that
// disagree past the grace period, recent takeovers and unreachable reports, empty or short pools.
import { type AlertInput, alertSourceOf } from "@netops/protocols";
import { rserpoolHref } from "@netops/protocols/rserpool";
import type { AlertService } from "../../services/alerts";
import type { Db } from "@netops/db";
import { expectedChecksum, type RserpoolService } from "./service";

// Each alert links to its object first (the page highlights it and lists its alerts), then to the page.
const PAGE = { label: "RSerPool", href: "/rserpool" };
const registrarLinks = (registrar: string) => [
  { label: `Registrar ${registrar}`, href: rserpoolHref({ registrar }) },
  PAGE,
];
const poolLinks = (pool: string, pe?: string) => [
  pe === undefined
    ? { label: `Pool ${pool}`, href: rserpoolHref({ pool }) }
    : { label: `PE ${pe} in ${pool}`, href: rserpoolHref({ pool, pe }) },
  PAGE,
];

export async function evaluateAlerts(
  db: Db,
  alerts: AlertService,
  svc: RserpoolService,
): Promise<AlertInput[]> {
  const now = svc.now();
  const o = svc.opts;
  const source = alertSourceOf("rserpool");
  const current: AlertInput[] = [];
  const [registrars, pes] = await Promise.all([
    db.rserpoolRegistrar.findMany(),
    db.rserpoolPoolElement.findMany({ take: 100_000 }),
  ]);
  const knowHandlespace = pes.length > 0;
  for (const r of registrars) {
    if (
      r.source === "udp" &&
      r.status !== "taken-over" &&
      r.lastPresence &&
      now.getTime() - r.lastPresence.getTime() > o.registrarSilenceMs
    )
      current.push({
        source,
        severity: "warning",
        labels: { condition: "registrar-silent", registrar: r.serverId },
        summary: `Registrar ${r.serverId} silent: no ENRP Presence since ${r.lastPresence.toISOString()}`,
        details: `Heartbeat limit ${o.registrarSilenceMs / 1000} s; last heard at ${(JSON.parse(r.addresses) as string[]).join(", ")}`,
        links: registrarLinks(r.serverId),
      });
    // Checksum agreement needs a known handlespace (an imported capture); the listeners alone see none.
    let disagreeSince = r.disagreeSince;
    const expected = expectedChecksum(pes, r.serverId);
    const disagrees =
      knowHandlespace && r.checksum !== null && r.status === "active" && r.checksum !== expected;
    if (disagrees && !disagreeSince) disagreeSince = now;
    if (!disagrees) disagreeSince = null;
    if ((disagreeSince?.getTime() ?? null) !== (r.disagreeSince?.getTime() ?? null))
      await db.rserpoolRegistrar.update({ where: { serverId: r.serverId }, data: { disagreeSince } });
    if (disagreeSince && now.getTime() - disagreeSince.getTime() >= o.checksumGraceMs)
      current.push({
        source,
        severity: "warning",
        labels: { condition: "checksum-disagrees", registrar: r.serverId },
        summary: `Registrar ${r.serverId} announces PE checksum 0x${(r.checksum ?? 0).toString(16).padStart(4, "0")}, the handlespace gives 0x${expected.toString(16).padStart(4, "0")}`,
        details: `Disagreeing since ${disagreeSince.toISOString()} (grace ${o.checksumGraceMs / 1000} s): the registrars' handlespaces are inconsistent (RFC 5353 §3.6.2).`,
        links: registrarLinks(r.serverId),
      });
  }
  const since = new Date(now.getTime() - o.eventAlertMs);
  const recent = await db.rserpoolEvent.findMany({
    where: { kind: { in: ["taken-over", "unreachable"] }, receivedAt: { gte: since } },
    orderBy: { id: "desc" },
    take: 500,
  });
  for (const e of recent) {
    if (e.kind === "taken-over")
      current.push({
        source,
        severity: "warning",
        labels: { condition: "takeover", registrar: e.registrar ?? "?", by: e.by ?? "?" },
        summary: `Registrar ${e.registrar} taken over by ${e.by}`,
        details: `${e.detail}; at ${e.at.toISOString()} (${e.source}${e.frame ? `, frame ${e.frame}` : ""})`,
        links: e.registrar ? registrarLinks(e.registrar) : [PAGE],
      });
    else
      current.push({
        source,
        severity: "warning",
        labels: { condition: "pe-unreachable", pool: e.pool ?? "?", pe: e.peId ?? "?" },
        summary: `PE ${e.peId} in ${e.pool} reported unreachable`,
        details: `${e.detail}; at ${e.at.toISOString()}`,
        links: e.pool ? poolLinks(e.pool, e.peId ?? undefined) : [PAGE],
      });
  }
  const counts = new Map<string, number>();
  for (const p of pes) counts.set(p.pool, (counts.get(p.pool) ?? 0) + (p.state === "registered" ? 1 : 0));
  for (const [pool, n] of counts)
    if (n === 0 && o.poolMinimum[pool] === undefined)
      current.push({
        source,
        severity: "warning",
        labels: { condition: "pool-empty", pool },
        summary: `Pool ${pool} has no registered PE`,
        links: poolLinks(pool),
      });
  for (const [pool, min] of Object.entries(o.poolMinimum)) {
    const n = counts.get(pool) ?? 0;
    if (n < min)
      current.push({
        source,
        severity: n === 0 ? "critical" : "warning",
        labels: { condition: "pool-below-minimum", pool },
        summary: `Pool ${pool} has ${n} registered PE${n === 1 ? "" : "s"}, below its minimum of ${min}`,
        links: poolLinks(pool),
      });
  }
  // Duplicate conditions (the same takeover seen twice) raise once.
  const seen = new Set<string>();
  const unique = current.filter((c) => {
    const k = JSON.stringify(c.labels);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  await alerts.reconcile(source, {}, unique);
  return unique;
}
