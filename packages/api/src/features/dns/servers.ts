/**
 * The servers of a zone (configured, or its own NS set): each asked for the SOA, lagging
 * secondaries tracked against the primary's serial (tolerance: SOA refresh + retry), and the
 * `zonemd` server alerts raised or cleared.
 */
import { isIP } from "node:net";
import { type AlertInput, alertSourceOf } from "@netops/protocols";
import {
  decodeSoaRdata,
  nameFromText,
  nameToText,
  RRType,
  serialLessThan,
  type ZoneRecord,
} from "@netops/protocols/dns";
import { jsonColumn } from "../../json-column";
import { type ServerConfig, type ServerStateView, serverSchema } from "./schemas";
import { parseServer, querySoa, resolveAddresses, TransportError } from "./transport";
import { type DnsDeps, zoneRow } from "./views";

// Stored as `zonemd` (webhooks and silence matchers carry it); the subsystem list maps dns to it.
const SOURCE = alertSourceOf("dns");

/** What is stored per watched server (the view the API returns, as is). */
type ServerState = ServerStateView;

/**
 * The zone's own NS set as servers to watch: one entry per address for apex NS targets that
 * have A/AAAA records in the copy (in-zone glue), and one entry whose host is the NS name for
 * targets without (resolved, or flagged, when the servers are polled); port 53; the SOA MNAME
 * is the primary.
 */
export function nsServersOf(records: readonly ZoneRecord[], zoneName: string): ServerConfig[] {
  const apex = nameToText(nameFromText(zoneName.endsWith(".") ? zoneName : `${zoneName}.`));
  const soa = records.find((r) => r.type === RRType.SOA && nameToText(r.owner) === apex);
  let mname: string | null = null;
  try {
    mname = soa ? decodeSoaRdata(soa.rdata).mname.toLowerCase() : null;
  } catch {
    mname = null;
  }
  const targets = records
    .filter((r) => r.type === RRType.NS && nameToText(r.owner) === apex)
    .map((r) => nameToText(r.rdata).toLowerCase());
  const out: ServerConfig[] = [];
  for (const t of [...new Set(targets)]) {
    const before = out.length;
    for (const r of records) {
      if (nameToText(r.owner) !== t || (r.type !== RRType.A && r.type !== RRType.AAAA)) continue;
      const host =
        r.type === RRType.A
          ? [...r.rdata].join(".")
          : Array.from({ length: 8 }, (_, i) =>
              ((r.rdata[2 * i]! << 8) | r.rdata[2 * i + 1]!).toString(16),
            ).join(":");
      out.push({ label: t.replace(/\.$/, ""), host, port: 53, role: t === mname ? "primary" : "secondary" });
      if (out.length >= 20) return out;
    }
    if (out.length === before && t !== ".") {
      out.push({
        label: t.replace(/\.$/, ""),
        host: t.replace(/\.$/, ""),
        port: 53,
        role: t === mname ? "primary" : "secondary",
      });
      if (out.length >= 20) return out;
    }
  }
  return out;
}

export class ZoneServers {
  constructor(private readonly d: DnsDeps) {}

  /** Asks every configured server for the zone's SOA; tracks and alerts on lagging secondaries. */
  async pollServers(id: string): Promise<ServerStateView[]> {
    const z = await zoneRow(this.d.db, id);
    const configured = [
      ...jsonColumn<unknown[]>(z.servers, []),
      ...(z.serversFromNs ? await this.nsSet(jsonColumn<unknown[]>(z.nsServers, [])) : []),
    ];
    const seen = new Set<string>();
    const servers = configured.flatMap((s) => {
      const note = (s as { note?: string }).note;
      const r = serverSchema.safeParse(s);
      if (!r.success || seen.has(`${r.data.host}:${r.data.port}`)) return [];
      seen.add(`${r.data.host}:${r.data.port}`);
      return [{ ...r.data, note }];
    });
    const prev = new Map(jsonColumn<ServerState[]>(z.serverState, []).map((s) => [`${s.host}:${s.port}`, s]));
    const now = this.d.now();
    const answers = await Promise.all(
      servers.map(async (s) => {
        // An NS name that could not be turned into addresses: say why, do not query anything.
        if (s.note !== undefined) return { s, soa: null, error: s.note };
        try {
          const pinned = await this.d.policy.pin(s.host, s.port);
          const a = await querySoa({
            host: s.host,
            port: s.port,
            connectTo: pinned.addresses[0]!,
            zone: z.name,
            timeoutMs: 3000,
          });
          return { s, soa: a.soa, error: a.authoritative ? null : "answer is not authoritative" };
        } catch (e) {
          if (e instanceof TransportError && e.detail)
            this.d.logger.debug(
              { zone: z.name, server: `${s.host}:${s.port}`, detail: e.detail },
              "SOA query failed",
            );
          return { s, soa: null, error: (e as Error).message };
        }
      }),
    );
    // The reference: the newest serial among primaries; with no primary listed, the last copy's.
    let ref: { serial: number; refresh: number; retry: number } | null = null;
    for (const a of answers) {
      if (a.s.role !== "primary" || !a.soa) continue;
      if (!ref || serialLessThan(ref.serial, a.soa.serial)) ref = a.soa;
    }
    if (!ref && z.lastCheckId !== null) {
      const last = await this.d.db.dnsZoneCheck.findUnique({ where: { id: z.lastCheckId } });
      const any = answers.find((a) => a.soa)?.soa;
      if (last?.serial != null && any)
        ref = { serial: Number(last.serial), refresh: any.refresh, retry: any.retry };
    }
    const states: ServerState[] = answers.map(({ s, soa, error }) => {
      const p = prev.get(`${s.host}:${s.port}`);
      const behind = soa !== null && ref !== null && serialLessThan(soa.serial, ref.serial);
      const behindSince = behind ? (p?.behindSince ?? now.toISOString()) : null;
      const tolerance = ref ? ref.refresh + ref.retry : null;
      const lagging =
        behindSince !== null &&
        tolerance !== null &&
        now.getTime() - Date.parse(behindSince) > tolerance * 1000;
      return {
        label: s.label,
        host: s.host,
        port: s.port,
        role: s.role,
        serial: soa?.serial ?? null,
        error,
        checkedAt: now.toISOString(),
        behindSince,
        toleranceSeconds: tolerance,
        lagging,
      };
    });
    await this.d.db.dnsZone.update({
      where: { id: z.id },
      data: { serverState: JSON.stringify(states), serversCheckedAt: now },
    });
    const links = [{ label: `Zone ${z.name}`, href: `/dns/${z.id}` }];
    const current: AlertInput[] = [];
    const unresolved = new Set(servers.filter((s) => s.note !== undefined).map((s) => `${s.host}:${s.port}`));
    for (const st of states) {
      const where = `${st.label} (${st.host}:${st.port})`;
      // Unresolved NS names are shown with their reason, not alerted as servers that do not answer.
      if (unresolved.has(`${st.host}:${st.port}`)) continue;
      if (st.serial === null) {
        current.push({
          source: SOURCE,
          severity: "warning",
          labels: { zone: z.name, aspect: "servers", condition: "unreachable", server: st.label },
          summary: `${where} does not answer for ${z.name}`,
          details: st.error ?? "",
          links,
        });
      } else if (st.lagging && ref) {
        current.push({
          source: SOURCE,
          severity: "warning",
          labels: { zone: z.name, aspect: "servers", condition: "lagging", server: st.label },
          summary: `${st.role} ${where} lags for ${z.name}: serial ${st.serial}, primary ${ref.serial}`,
          details: `Behind since ${st.behindSince}, longer than SOA refresh + retry (${st.toleranceSeconds} s).`,
          links,
        });
      }
    }
    await this.d.alerts.reconcile(SOURCE, { zone: z.name, aspect: "servers" }, current);
    // A new serial on a primary means a new copy to verify: check it now rather than at the next interval.
    if (ref && z.lastCheckId !== null && z.sourceKind === "axfr") {
      const last = await this.d.db.dnsZoneCheck.findUnique({ where: { id: z.lastCheckId } });
      if (last?.serial != null && serialLessThan(Number(last.serial), ref.serial))
        await this.d.db.dnsZone.update({ where: { id: z.id }, data: { nextCheckAt: now } });
    }
    return states;
  }

  /**
   * The NS set to poll. With `dns.resolver` configured every NS name is resolved through it
   * (how the rest of the world finds the servers); without, the zone's own glue is used and
   * names with no glue get a note instead of a guess (the system resolver is never used).
   */
  private async nsSet(stored: unknown[]): Promise<(ServerConfig & { note?: string })[]> {
    const entries = stored.flatMap((s) => {
      const r = serverSchema.safeParse(s);
      return r.success ? [r.data] : [];
    });
    const resolverText = this.d.limits.resolver ?? null;
    if (resolverText === null) {
      return entries.map((e) =>
        isIP(e.host) !== 0
          ? e
          : {
              ...e,
              note: `NS set needs a resolver: ${e.host} has no address in the zone (set dns.resolver)`,
            },
      );
    }
    let resolver: { host: string; port: number };
    try {
      resolver = parseServer(resolverText);
    } catch (err) {
      const note = `dns.resolver: ${(err as Error).message}`;
      return entries.map((e) => ({ ...e, note }));
    }
    const names = new Map<string, ServerConfig>();
    for (const e of entries) if (!names.has(e.label)) names.set(e.label, e);
    const out: (ServerConfig & { note?: string })[] = [];
    await Promise.all(
      [...names.values()].map(async (e) => {
        try {
          const pinned = await this.d.policy.pin(resolver.host, resolver.port);
          const addrs = await resolveAddresses({
            resolver: { ...resolver, connectTo: pinned.addresses[0]! },
            name: e.label,
            timeoutMs: 3000,
          });
          for (const host of addrs.slice(0, 8)) out.push({ ...e, host });
        } catch (err) {
          out.push({ ...e, host: e.label, note: `cannot resolve ${e.label}: ${(err as Error).message}` });
        }
      }),
    );
    // Stable order whatever order the answers came in.
    return out.sort((a, b) => a.label.localeCompare(b.label) || a.host.localeCompare(b.host));
  }
}
