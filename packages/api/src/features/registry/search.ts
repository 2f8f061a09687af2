/**
 * The registry (EPP) in search, on entity pages and on the timeline: cached host objects by name
 * and by glue address, cached domains by name and by the hosts they delegate to, poll messages by
 * object and text, and transactions that changed an object. Names are ranges on the name
 * indexes; glue addresses and delegations are JSON columns matched with LIKE — the host and
 * domain caches hold the registry's objects of this console's connections (thousands, not
 * millions), and each lookup has a LIMIT. Free text in poll messages reads the recent window only.
 */
import {
  type EntityItem,
  type EntityRef,
  type EntitySection,
  type Interpretation,
  prefixContains,
  rankMatch,
  type SearchHit,
  type TimelineEvent,
} from "@netops/protocols";
import { jsonColumn } from "../../json-column";
import type { EntityLinkProvider, SearchProvider, TimelineSource } from "../../modules/contract";
import { addressTextPrefix, prefixEnd } from "../../search/ranges";
import {
  cachedFloor,
  containsLiterally,
  distinctReadings,
  likeSafeNeedle,
  MIN_CONTAINS,
  nameKey,
} from "../../search/recent";
import type { Services } from "../../services";

interface HostRow {
  id: number;
  connectionId: string;
  name: string;
  addrs: string;
  gone: boolean;
  refreshedAt: Date;
}
interface DomainRow {
  id: number;
  connectionId: string;
  name: string;
  nameServers: string;
  gone: boolean;
  refreshedAt: Date;
}

const HOST = {
  id: true,
  connectionId: true,
  name: true,
  addrs: true,
  gone: true,
  refreshedAt: true,
} as const;
const DOMAIN = {
  id: true,
  connectionId: true,
  name: true,
  nameServers: true,
  gone: true,
  refreshedAt: true,
} as const;

export function hostUrl(h: { connectionId: string; name: string }): string {
  return `/registry/hosts/${encodeURIComponent(h.connectionId)}/${encodeURIComponent(h.name)}`;
}
export function domainUrl(d: { connectionId: string; name: string }): string {
  return `/registry/domains?conn=${encodeURIComponent(d.connectionId)}&name=${encodeURIComponent(d.name)}`;
}

function addresses(h: HostRow): string[] {
  return jsonColumn<{ address: string }[]>(h.addrs, []).map((a) => a.address.toLowerCase());
}
function nameServers(d: DomainRow): string[] {
  return jsonColumn<string[]>(d.nameServers, []).map(nameKey);
}

function hostHit(h: HostRow, rank: SearchHit["rank"]): SearchHit {
  return {
    subsystem: "registry",
    kind: "host",
    key: String(h.id),
    label: h.name,
    detail: `host · ${addresses(h).join(", ") || "no addresses"}${h.gone ? " · gone" : ""}`,
    url: hostUrl(h),
    rank,
  };
}
function domainHit(d: DomainRow, rank: SearchHit["rank"]): SearchHit {
  return {
    subsystem: "registry",
    kind: "domain",
    key: String(d.id),
    label: d.name,
    detail: `domain · NS ${nameServers(d).join(", ") || "none"}${d.gone ? " · gone" : ""}`,
    url: domainUrl(d),
    rank,
  };
}

/** Hosts whose glue matches an address reading (exact address, prefix, start of an address). */
async function hostsByAddress(s: Services, r: Interpretation, take: number) {
  const p = addressTextPrefix(r);
  if (!p) return [];
  // The address as a JSON string value: `"192.0.2.53"` exactly, or `"192.0.2` as its start.
  const needle = p.exact ? `"${p.value}"` : `"${p.value}`;
  const rows = await s.db.eppHost.findMany({
    where: { addrs: { contains: needle } },
    take: take * 4,
    select: HOST,
  });
  return rows.filter((h) =>
    addresses(h).some((a) =>
      r.kind === "prefix" ? prefixContains(r.value, a) : p.exact ? a === p.value : a.startsWith(p.value),
    ),
  );
}

async function byName(s: Services, v: string, take: number) {
  const exact = { name: v };
  const prefix = { name: { gt: v, lt: prefixEnd(v) } };
  const [he, hp, de, dp] = await Promise.all([
    s.db.eppHost.findMany({ where: exact, take, select: HOST }),
    s.db.eppHost.findMany({ where: prefix, take, select: HOST }),
    s.db.eppDomain.findMany({ where: exact, take, select: DOMAIN }),
    s.db.eppDomain.findMany({ where: prefix, take, select: DOMAIN }),
  ]);
  return { he, hp, de, dp };
}

/** Domains delegated to a host name (their nameServers JSON array holds it). */
async function delegatedTo(s: Services, hostName: string, take: number): Promise<DomainRow[]> {
  const rows = await s.db.eppDomain.findMany({
    where: { nameServers: { contains: `"${hostName}` } },
    take: take * 2,
    select: DOMAIN,
  });
  return rows.filter((d) => nameServers(d).includes(nameKey(hostName))).slice(0, take);
}

export function registrySearch(s: Services): SearchProvider {
  return {
    async search(q, { limit }) {
      const hits: SearchHit[] = [];
      for (const r of distinctReadings(q.interpretations)) {
        if (r.kind === "ipv4" || r.kind === "ipv6" || r.kind === "prefix" || r.kind === "ip-partial") {
          const exact = r.kind === "ipv4" || r.kind === "ipv6";
          for (const h of (await hostsByAddress(s, r, limit)).slice(0, limit))
            hits.push({
              ...hostHit(h, exact ? "exact" : "prefix"),
              detail: `glue of host ${h.name} · ${addresses(h).join(", ")}`,
            });
        }
        if (r.kind === "name" || r.kind === "handle" || (r.kind === "text" && !r.value.includes(" "))) {
          const v = nameKey(r.value);
          const { he, hp, de, dp } = await byName(s, v, limit);
          for (const h of he) hits.push(hostHit(h, "exact"));
          for (const h of hp) hits.push(hostHit(h, "prefix"));
          for (const d of de) hits.push(domainHit(d, "exact"));
          for (const d of dp) hits.push(domainHit(d, "prefix"));
          if (r.kind === "name")
            for (const d of await delegatedTo(s, v, limit)) hits.push({ ...domainHit(d, "contains") });
        }
      }
      // Poll messages: by object name, or by their text in the recent window.
      const text = q.interpretations.find((r) => r.kind === "text")?.value ?? "";
      const needle = likeSafeNeedle(text);
      if (text.length >= MIN_CONTAINS && needle) {
        const floor = await cachedFloor(
          s.db,
          "EppPollMessage",
          async () =>
            (await s.db.eppPollMessage.findFirst({ orderBy: { id: "desc" }, select: { id: true } }))?.id,
        );
        const rows = await s.db.eppPollMessage.findMany({
          where: {
            OR: [{ object: nameKey(text) }, { id: { gt: floor }, text: { contains: needle } }],
          },
          orderBy: { id: "desc" },
          take: limit * 4,
          select: { id: true, connectionId: true, msgId: true, text: true, object: true, receivedAt: true },
        });
        for (const m of rows
          .filter((r) => r.object === nameKey(text) || containsLiterally(r.text, text))
          .slice(0, limit))
          hits.push({
            subsystem: "registry",
            kind: "poll-message",
            key: String(m.id),
            label: m.text,
            detail: `poll message ${m.msgId}${m.object ? ` · ${m.object}` : ""} · ${m.receivedAt.toISOString()}`,
            url: `/registry/poll?conn=${encodeURIComponent(m.connectionId)}&message=${m.id}`,
            rank:
              m.object && nameKey(m.object) === nameKey(text)
                ? "exact"
                : (rankMatch(m.text, text) ?? "contains"),
          });
      }
      return hits;
    },
  };
}

function hostItem(h: HostRow): EntityItem {
  return {
    kind: "host",
    key: String(h.id),
    label: h.name,
    detail: `glue ${addresses(h).join(", ") || "none"}${h.gone ? " · gone from the registry" : ""}`,
    url: hostUrl(h),
    at: h.refreshedAt.toISOString(),
  };
}
function domainItem(d: DomainRow): EntityItem {
  return {
    kind: "domain",
    key: String(d.id),
    label: d.name,
    detail: `NS ${nameServers(d).join(", ") || "none"}${d.gone ? " · gone from the registry" : ""}`,
    url: domainUrl(d),
    at: d.refreshedAt.toISOString(),
  };
}

function newest(dates: Date[]): string | null {
  const t = Math.max(...dates.map((d) => d.getTime()));
  return Number.isFinite(t) ? new Date(t).toISOString() : null;
}

export function registryEntity(s: Services): EntityLinkProvider {
  return {
    async sections(entity: EntityRef, { limit }) {
      let hosts: HostRow[] = [];
      let domains: DomainRow[] = [];
      if (entity.type === "ip" || entity.type === "prefix") {
        const reading: Interpretation =
          entity.type === "prefix"
            ? { kind: "prefix", value: entity.value }
            : { kind: entity.value.includes(":") ? "ipv6" : "ipv4", value: entity.value };
        hosts = (await hostsByAddress(s, reading, limit + 1)).slice(0, limit + 1);
        for (const h of hosts.slice(0, 10)) domains.push(...(await delegatedTo(s, h.name, limit + 1)));
      } else if (entity.type === "name") {
        hosts = await s.db.eppHost.findMany({ where: { name: entity.value }, take: limit + 1, select: HOST });
        domains = [
          ...(await s.db.eppDomain.findMany({
            where: { name: entity.value },
            take: limit + 1,
            select: DOMAIN,
          })),
          ...(await delegatedTo(s, entity.value, limit + 1)),
        ];
      } else return [];
      const seen = new Set<number>();
      domains = domains.filter((d) => !seen.has(d.id) && seen.add(d.id));
      const sections: EntitySection[] = [];
      if (hosts.length)
        sections.push({
          subsystem: "registry",
          title: entity.type === "name" ? "EPP host objects" : "EPP hosts with this glue",
          refreshedAt: newest(hosts.map((h) => h.refreshedAt)),
          url: "/registry",
          items: hosts.slice(0, limit).map(hostItem),
          ...(hosts.length > limit && { more: true }),
        });
      if (domains.length)
        sections.push({
          subsystem: "registry",
          title:
            entity.type === "name"
              ? "EPP domains (named so, or delegated to it)"
              : "Domains delegated to these hosts",
          refreshedAt: newest(domains.map((d) => d.refreshedAt)),
          url: "/registry/domains",
          items: domains.slice(0, limit).map(domainItem),
          ...(domains.length > limit && { more: true }),
        });
      if (entity.type === "name") {
        const polls = await s.db.eppPollMessage.findMany({
          where: { object: entity.value },
          orderBy: { id: "desc" },
          take: limit,
          select: { id: true, connectionId: true, msgId: true, text: true, receivedAt: true },
        });
        if (polls.length)
          sections.push({
            subsystem: "registry",
            title: "Poll messages",
            refreshedAt: newest(polls.map((p) => p.receivedAt)),
            url: "/registry/poll",
            items: polls.map((m) => ({
              kind: "poll-message",
              key: String(m.id),
              label: m.text,
              detail: `message ${m.msgId}`,
              url: `/registry/poll?conn=${encodeURIComponent(m.connectionId)}&message=${m.id}`,
              at: m.receivedAt.toISOString(),
            })),
          });
      }
      return sections;
    },
  };
}

/** EPP commands that only read; the timeline shows the ones that change something, and failures. */
const READ_COMMANDS = [
  "hello",
  "login",
  "logout",
  "poll",
  "poll:req",
  "domain:info",
  "domain:check",
  "host:info",
  "host:check",
  "contact:info",
  "contact:check",
];

export function registryTimeline(s: Services): TimelineSource {
  return {
    async events(q) {
      if (q.entity && q.entity.type !== "name") return [];
      const object = q.entity?.value;
      const [polls, txs] = await Promise.all([
        s.db.eppPollMessage.findMany({
          where: { receivedAt: { gte: q.from, lte: q.to }, ...(object && { object }) },
          orderBy: [{ receivedAt: "desc" }, { id: "desc" }],
          take: q.limit,
          select: {
            id: true,
            connectionId: true,
            msgId: true,
            text: true,
            object: true,
            receivedAt: true,
            transferAway: true,
          },
        }),
        s.db.eppTransactionLog.findMany({
          where: {
            startedAt: { gte: q.from, lte: q.to },
            ...(object && { object }),
            OR: [{ command: { notIn: READ_COMMANDS } }, { code: { gte: 2000 } }, { error: { not: null } }],
          },
          orderBy: [{ startedAt: "desc" }, { id: "desc" }],
          take: q.limit,
          select: {
            id: true,
            connectionId: true,
            command: true,
            object: true,
            startedAt: true,
            code: true,
            message: true,
            error: true,
          },
        }),
      ]);
      const events: TimelineEvent[] = [];
      for (const m of polls)
        events.push({
          id: `registry:poll:${m.id}`,
          at: m.receivedAt.toISOString(),
          subsystem: "registry",
          kind: "epp-poll",
          severity: m.transferAway ? "warning" : "info",
          title: `Poll message: ${m.text}`,
          ...(m.object && { detail: m.object }),
          url: `/registry/poll?conn=${encodeURIComponent(m.connectionId)}&message=${m.id}`,
          ...(m.object && { entity: { type: "name" as const, value: nameKey(m.object) } }),
        });
      for (const t of txs) {
        const failed = t.error !== null || (t.code !== null && t.code >= 2000);
        events.push({
          id: `registry:transaction:${t.id}`,
          at: t.startedAt.toISOString(),
          subsystem: "registry",
          kind: "epp-transaction",
          severity: failed ? "warning" : "info",
          title: `${t.command}${t.object ? ` ${t.object}` : ""}${t.code !== null ? ` → ${t.code}` : ""}`,
          ...((t.message ?? t.error) && { detail: (t.message ?? t.error ?? "").slice(0, 300) }),
          url: `/registry/transcript?conn=${encodeURIComponent(t.connectionId)}&object=${encodeURIComponent(t.object ?? "")}`,
          ...(t.object && { entity: { type: "name" as const, value: nameKey(t.object) } }),
        });
      }
      return events.filter((e) => !q.severities || q.severities.includes(e.severity));
    },
  };
}
