/**
 * The registry (EPP) in search, on entity pages and on the timeline: cached host objects by name
 * and by glue address, cached domains by name and by the hosts they delegate to, poll messages by
 * object and text, and transactions that changed an object. Names are ranges on the name
 * indexes; glue addresses and delegations are read on the index of their own rows (EppHostAddress,
 * EppDomainNameServer, written beside the JSON), each lookup with a LIMIT. Free text in poll
 * messages is read through their trigram index.
 */
import {
  containsProbe,
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
import { containsCondition, POLL_MESSAGE_TEXT } from "../../search/contains";
import { containsLiterally, distinctReadings, nameKey } from "../../search/recent";
import { type SearchSql, searchSql } from "../../search/sql";
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

const HOST_COLS = `h."id", h."connectionId", h."name", h."addrs", h."gone", h."refreshedAt"`;
const DOMAIN_COLS = `d."id", d."connectionId", d."name", d."nameServers", d."gone", d."refreshedAt"`;

function hostRow(sql: SearchSql, h: HostRow): HostRow {
  return {
    id: Number(h.id),
    connectionId: h.connectionId,
    name: h.name,
    addrs: h.addrs,
    gone: sql.bool(h.gone),
    refreshedAt: sql.date(h.refreshedAt),
  };
}
function domainRow(sql: SearchSql, d: DomainRow): DomainRow {
  return {
    id: Number(d.id),
    connectionId: d.connectionId,
    name: d.name,
    nameServers: d.nameServers,
    gone: sql.bool(d.gone),
    refreshedAt: sql.date(d.refreshedAt),
  };
}

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

/** Address rows read to find those inside a prefix wider than its text form says (`100.64.0.0/10` reads `100.`). */
const WITHIN_SCAN = 500;

/**
 * Hosts whose glue matches an address reading (exact address, prefix, start of an address): the
 * address rows' index, by the address text or its start, never the `addrs` JSON of every host.
 */
async function hostsByAddress(s: Services, r: Interpretation, take: number): Promise<HostRow[]> {
  const p = addressTextPrefix(r);
  if (!p) return [];
  const sql = await searchSql(s);
  const rows = await sql.all<HostRow & { address: string }>(
    `SELECT a."address", ${HOST_COLS} FROM "EppHostAddress" a JOIN "EppHost" h ON h."id" = a."hostId"
     WHERE ${p.exact ? `a."address" = ?` : `a."address" >= ? AND a."address" < ?`}
     ORDER BY a."address", a."id" LIMIT ?`,
    ...(p.exact ? [p.value] : [p.value, prefixEnd(p.value)]),
    r.kind === "prefix" ? WITHIN_SCAN : take * 2,
  );
  const seen = new Set<number>();
  return rows
    .filter((a) => r.kind !== "prefix" || prefixContains(r.value, a.address))
    .map((a) => hostRow(sql, a))
    .filter((h) => !seen.has(h.id) && seen.add(h.id))
    .slice(0, take);
}

/**
 * Hosts and domains named `v` or whose name starts with it: one range each on the name index (the
 * name itself sorts first in its range), ranked exact or prefix by the name found.
 */
async function byName(s: Services, v: string, take: number) {
  const sql = await searchSql(s);
  const range = `"name" >= ? AND "name" < ? ORDER BY "name", "id" LIMIT ?`;
  const hosts = await sql.all<HostRow>(
    `SELECT ${HOST_COLS} FROM "EppHost" h WHERE ${range}`,
    v,
    prefixEnd(v),
    take,
  );
  const domains = await sql.all<DomainRow>(
    `SELECT ${DOMAIN_COLS} FROM "EppDomain" d WHERE ${range}`,
    v,
    prefixEnd(v),
    take,
  );
  return { hosts: hosts.map((h) => hostRow(sql, h)), domains: domains.map((d) => domainRow(sql, d)) };
}

/** Domains delegated to any of the host names: the name-server rows' index, not the `nameServers` JSON. */
async function delegatedTo(s: Services, hostNames: string[], take: number): Promise<DomainRow[]> {
  const names = [...new Set(hostNames.map(nameKey))];
  if (!names.length) return [];
  const sql = await searchSql(s);
  const rows = await sql.all<DomainRow>(
    `SELECT ${DOMAIN_COLS} FROM "EppDomainNameServer" n JOIN "EppDomain" d ON d."id" = n."domainId"
     WHERE n."host" IN (${names.map(() => "?").join(", ")}) ORDER BY n."id" LIMIT ?`,
    ...names,
    take * 2,
  );
  const seen = new Set<number>();
  return rows
    .map((d) => domainRow(sql, d))
    .filter((d) => !seen.has(d.id) && seen.add(d.id))
    .slice(0, take);
}

interface PollRow {
  id: number;
  connectionId: string;
  msgId: string;
  text: string;
  object: string | null;
  receivedAt: Date;
}

/** Poll messages matching `where` (code's SQL, values as parameters), newest first. */
async function polls(
  s: Services,
  where: (like: string) => string,
  params: unknown[],
  take: number,
): Promise<PollRow[]> {
  const sql = await searchSql(s);
  const rows = await sql.all<PollRow>(
    `SELECT "id", "connectionId", "msgId", "text", "object", "receivedAt" FROM "EppPollMessage"
     WHERE ${where(sql.like)} ORDER BY "id" DESC LIMIT ?`,
    ...params,
    take,
  );
  return rows.map((m) => ({ ...m, id: Number(m.id), receivedAt: sql.date(m.receivedAt) }));
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
          const { hosts, domains } = await byName(s, v, limit);
          for (const h of hosts) hits.push(hostHit(h, h.name === v ? "exact" : "prefix"));
          for (const d of domains) hits.push(domainHit(d, d.name === v ? "exact" : "prefix"));
          if (r.kind === "name")
            for (const d of await delegatedTo(s, [v], limit)) hits.push({ ...domainHit(d, "contains") });
        }
      }
      // Poll messages: by object name, or by their text (every message, through the trigram index).
      const text = q.interpretations.find((r) => r.kind === "text")?.value ?? "";
      const probe = containsProbe(text);
      if (probe) {
        // Two reads, each on its index (an OR of them would scan the table).
        const byObject = await polls(s, () => `"object" = ?`, [nameKey(text)], limit);
        const want = probe === text ? limit : limit * 4;
        const c = containsCondition(await searchSql(s), POLL_MESSAGE_TEXT, probe, want);
        const byText = await polls(s, () => c.where, c.params, want);
        const seen = new Set<number>();
        const rows = [...byObject, ...byText].filter((m) => !seen.has(m.id) && seen.add(m.id));
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
        hosts = await hostsByAddress(s, reading, limit + 1);
        domains = await delegatedTo(
          s,
          hosts.map((h) => h.name),
          limit + 1,
        );
      } else if (entity.type === "name") {
        // The name's own range: the name itself sorts first in it.
        const named = await byName(s, entity.value, limit + 1);
        hosts = named.hosts.filter((h) => h.name === entity.value);
        domains = [
          ...named.domains.filter((d) => d.name === entity.value),
          ...(await delegatedTo(s, [entity.value], limit + 1)),
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
        const messages = await polls(s, () => `"object" = ?`, [entity.value], limit);
        if (messages.length)
          sections.push({
            subsystem: "registry",
            title: "Poll messages",
            refreshedAt: newest(messages.map((p) => p.receivedAt)),
            url: "/registry/poll",
            items: messages.map((m) => ({
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
