import type { AlertInput } from "@netops/protocols";
import { dialect, type Sql } from "./sql";
import type { PoolUtilization } from "./utilization";

type SourceRow = {
  id: number;
  name: string;
  kind: string;
  lab: boolean;
  enabled: boolean;
  staleAfterSeconds: number;
  lastOkAt: Date | null;
  lastChangeAt: Date | null;
  lastError: string | null;
  lastErrorAt: Date | null;
  parseErrorCount: number;
  createdAt: Date;
};

export type SourceStatus = "ok" | "stale" | "failing" | "pending";

/** failing: the latest read failed; stale: no answer / no file change for longer than allowed. */
export function sourceStatus(s: SourceRow, now: Date): { status: SourceStatus; staleSeconds: number | null } {
  const failing = s.lastError !== null && (s.lastOkAt === null || (s.lastErrorAt ?? now) >= s.lastOkAt);
  const ref = s.kind === "kea-api" ? s.lastOkAt : (s.lastChangeAt ?? s.lastOkAt);
  const age = ref ? Math.floor((now.getTime() - ref.getTime()) / 1000) : null;
  if (failing) return { status: "failing", staleSeconds: age };
  if (ref === null) return { status: "pending", staleSeconds: null };
  return { status: age !== null && age > s.staleAfterSeconds ? "stale" : "ok", staleSeconds: age };
}

const link = (label: string, href: string) => ({ label, href });

export function sourceAlerts(sources: SourceRow[], now: Date): AlertInput[] {
  const out: AlertInput[] = [];
  for (const s of sources) {
    if (!s.enabled) continue;
    const { status, staleSeconds } = sourceStatus(s, now);
    const what = s.kind === "kea-api" ? "Kea server" : "lease file";
    const labels = { check: "source", source: s.name };
    const links = [link("DHCP sources", `/dhcp?source=${s.id}`)];
    if (status === "failing") {
      const age =
        staleSeconds === null ? "no data yet" : `last good data ${Math.round(staleSeconds / 60)} min old`;
      out.push({
        source: "dhcp",
        severity: "critical",
        labels,
        summary: `DHCP ${what} ${s.name}${s.lab ? " (lab)" : ""} ${s.kind === "kea-api" ? "is not answering" : "cannot be read"}`,
        details: `${s.lastError ?? ""}\n${age}; the leases shown are the last good read.`,
        links,
      });
    } else if (status === "stale") {
      out.push({
        source: "dhcp",
        severity: "warning",
        labels,
        summary:
          s.kind === "kea-api"
            ? `DHCP Kea server ${s.name} has not answered for ${Math.round((staleSeconds ?? 0) / 60)} min`
            : `DHCP lease file ${s.name}${s.lab ? " (lab)" : ""} has not changed for ${Math.round((staleSeconds ?? 0) / 60)} min`,
        details: `Threshold: ${s.staleAfterSeconds} s. A server that stops writing its lease file may have stopped serving.`,
        links,
      });
    }
    if (s.parseErrorCount > 0) {
      out.push({
        source: "dhcp",
        severity: "warning",
        labels: { check: "parse", source: s.name },
        summary: `DHCP source ${s.name}: ${s.parseErrorCount} record(s) could not be read`,
        // Alerts reach every role (and webhooks): they carry the count, never a rejected record.
        details:
          "Admins see the line numbers, fields and reasons on the DHCP page; the records' text is not kept.",
        links,
      });
    }
  }
  return out;
}

export function utilizationAlerts(pools: PoolUtilization[]): AlertInput[] {
  return pools
    .filter((p) => p.level !== "ok")
    .map((p) => ({
      source: "dhcp" as const,
      severity: p.level === "critical" ? ("critical" as const) : ("warning" as const),
      labels: { check: "utilization", pool: `${p.sourceName}:${p.firstAddr}-${p.lastAddr}` },
      summary: `DHCP pool ${p.firstAddr}–${p.lastAddr} (${p.sourceName}${p.lab ? ", lab" : ""}) is ${p.pct.toFixed(0)}% used`,
      details: `${p.assigned} of ${p.size} addresses assigned, ${p.declined} declined; thresholds warning ${p.warnPct}%, critical ${p.critPct}%.`,
      links: [link("Pool", `/dhcp?pool=${p.poolId}`)],
    }));
}

const MAX_CONFLICT_ALERTS = 20;

/**
 * Conflicts across servers: one address bound (and not expired) to different clients on two
 * sources, and one client holding addresses of the same family from several sources.
 */
export async function conflictAlerts(raw: Sql, nowSec: number): Promise<AlertInput[]> {
  const out: AlertInput[] = [];
  const list = dialect(raw.engine).distinctList;
  // min(address): one address per key (PostgreSQL wants every selected column grouped or aggregated).
  const addr = await raw.all<{ address: string; sources: string; clients: string }>(
    `SELECT min(address) AS address, ${list("sourceId")} AS sources, ${list("coalesce(hwAddress, clientId)")} AS clients
       FROM DhcpLease WHERE state = 'bound' AND (ends IS NULL OR ends > ?)
      GROUP BY addressKey
     HAVING count(DISTINCT sourceId) > 1 AND count(DISTINCT coalesce(hwAddress, clientId)) > 1
      LIMIT ?`,
    nowSec,
    MAX_CONFLICT_ALERTS,
  );
  for (const a of addr) {
    out.push({
      source: "dhcp",
      severity: "critical",
      labels: { check: "conflict", address: a.address },
      summary: `DHCP conflict: ${a.address} is bound to different clients on several servers`,
      details: `Clients: ${a.clients}. Sources (ids): ${a.sources}.`,
      // The lease page by address lists every server's lease of it; its alerts section lists this one.
      links: [
        link(`Lease ${a.address}`, `/dhcp/leases/${encodeURIComponent(a.address)}`),
        link("Everything about the address", `/ip/${encodeURIComponent(a.address)}`),
      ],
    });
  }
  const clients = await raw.all<{ hwAddress: string; family: number; servers: number; addresses: string }>(
    `SELECT hwAddress, family, count(DISTINCT sourceId) AS servers, ${list("address")} AS addresses
       FROM DhcpLease WHERE hwAddress IS NOT NULL AND state = 'bound' AND (ends IS NULL OR ends > ?)
      GROUP BY hwAddress, family
     HAVING count(DISTINCT sourceId) > 1 AND count(DISTINCT addressKey) > 1
      LIMIT ?`,
    nowSec,
    MAX_CONFLICT_ALERTS,
  );
  for (const c of clients) {
    out.push({
      source: "dhcp",
      severity: "warning",
      labels: { check: "multi-server", client: c.hwAddress },
      summary: `DHCP client ${c.hwAddress} holds IPv${c.family} addresses from ${c.servers} servers`,
      details: `Addresses: ${c.addresses}.`,
      links: [
        link("Leases of the client", `/dhcp?mac=${encodeURIComponent(c.hwAddress)}`),
        link("Everything about the MAC", `/mac/${encodeURIComponent(c.hwAddress)}`),
      ],
    });
  }
  return out;
}
