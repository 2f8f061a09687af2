/**
 * BGP in search, on entity pages and on the timeline: sessions by peer address (exact, prefix,
 * start), peer AS and peer name, shutdown messages by their text (trigram index), and the events
 * of a peer. Lookups use the (peerAddress|peerAddressKey|peerAs|peerName, at) and (at, id)
 * indexes; a prefix is one range of peerAddressKey (the address as a sort key).
 */
import {
  bgpEventSeverity,
  bgpEventTitle,
  bgpTimelineEvent,
  containsProbe,
  type EntityItem,
  type EntityRef,
  type Interpretation,
  rankMatch,
  type SearchHit,
} from "@netops/protocols";
import type { Prisma } from "@netops/db";
import { parseCidr } from "@netops/protocols/dhcp";
import type { EntityLinkProvider, SearchProvider, TimelineSource } from "../../modules/contract";
import { addressTextPrefix, prefixEnd } from "../../search/ranges";
import { distinctInRange, searchSql } from "../../search/sql";
import { BGP_EVENT_TEXT, containsCondition } from "../../search/contains";
import { containsLiterally, distinctReadings } from "../../search/recent";
import type { Services } from "../../services";

type Where = Prisma.BgpEventWhereInput;

interface SessionRow {
  session: string;
  router: string;
  peerAddress: string | null;
  peerAs: number | null;
  peerName: string | null;
  last: Date | null;
  count: number;
}

export function sessionUrl(session: string, router: string): string {
  const peer = session.slice(router.length + 1);
  return `/bgp/session?router=${encodeURIComponent(router)}&peer=${encodeURIComponent(peer)}`;
}

/** Events of some peers: one column and its values (an index lookup each, never a range). */
interface PeerFilter {
  column: "peerAddress" | "peerAddressKey" | "peerAs" | "peerName";
  values: (string | number)[];
}

function filterSql(f: PeerFilter): string {
  return `"${f.column}" IN (${f.values.map(() => "?").join(", ")})`;
}

/** Sessions of the peers, most recently active first. */
async function sessions(s: Services, f: PeerFilter, take: number): Promise<SessionRow[]> {
  const sql = await searchSql(s);
  const rows = await sql.all<SessionRow>(
    `SELECT "session", "router", "peerAddress", "peerAs", "peerName", MAX("at") AS "last", COUNT(*) AS "count"
     FROM "BgpEvent" WHERE ${filterSql(f)}
     GROUP BY "session", "router", "peerAddress", "peerAs", "peerName" ORDER BY "last" DESC LIMIT ?`,
    ...f.values,
    take,
  );
  return rows.map((r) => ({
    ...r,
    peerAs: r.peerAs === null ? null : Number(r.peerAs),
    last: r.last === null ? null : sql.date(r.last),
    count: Number(r.count),
  }));
}

function sessionLabel(r: SessionRow): string {
  return `${r.peerName ?? r.peerAddress ?? r.session.slice(r.router.length + 1)} on ${r.router}`;
}

function sessionDetail(r: SessionRow): string {
  return [
    r.peerAddress,
    r.peerAs !== null ? `AS${r.peerAs}` : null,
    `${r.count} event${r.count === 1 ? "" : "s"}`,
    r.last ? `last ${r.last.toISOString()}` : null,
  ]
    .filter(Boolean)
    .join(" · ");
}

/**
 * Peers whose address key, address or name lies in [low, high) (a prefix's key range, the start
 * of an address or name as text): found by a loose index scan, never by reading every event of
 * the range.
 */
interface PeerRange {
  column: "peerAddressKey" | "peerAddress" | "peerName";
  low: string;
  high: string;
}

/** The first `max` peers of a range (index order: address order for keys); null when there are none. */
async function peersIn(s: Services, r: PeerRange, max: number): Promise<PeerFilter | null> {
  const peers = await distinctInRange(s, "BgpEvent", r.column, r.low, r.high, max);
  return peers.length ? { column: r.column, values: peers } : null;
}

/** A prefix's peer address keys: [low, high) for peersIn (keys are fixed-width, so high + U+FFFF bounds them). */
function prefixKeyRange(prefix: string): PeerRange | null {
  const c = parseCidr(prefix);
  return c ? { column: "peerAddressKey", low: c.lowKey, high: prefixEnd(c.highKey) } : null;
}

/**
 * Peers counted on an entity page, at most: one index seek each (the loose scan), so a prefix
 * holding the whole table still costs a bounded time; beyond it the page says "more than".
 */
const PEER_COUNT_CAP = 10_000;

/** A filter, the rank of its matches, and the peer name ranked exact among them. */
type SessionFilter = { rank: SearchHit["rank"]; exactName?: string } & (
  | { peers: PeerFilter }
  | { range: PeerRange }
);

/** The query readings → session filters with the rank their matches get. */
function sessionFilters(r: Interpretation): SessionFilter[] {
  if (r.kind === "prefix") {
    const range = prefixKeyRange(r.value);
    return range ? [{ range, rank: "prefix" }] : [];
  }
  const addr = addressTextPrefix(r);
  if (addr) {
    if (addr.exact) return [{ peers: { column: "peerAddress", values: [addr.value] }, rank: "exact" }];
    return [
      { range: { column: "peerAddress", low: addr.value, high: prefixEnd(addr.value) }, rank: "prefix" },
    ];
  }
  if (r.kind === "as") return [{ peers: { column: "peerAs", values: [Number(r.value)] }, rank: "exact" }];
  if (r.kind === "name" || r.kind === "handle" || (r.kind === "text" && !r.value.includes(" "))) {
    // One range: the name itself sorts first in it (ranked exact below), then the names starting so.
    const v = r.value;
    return [{ range: { column: "peerName", low: v, high: prefixEnd(v) }, rank: "prefix", exactName: v }];
  }
  return [];
}

export function bgpSearch(s: Services): SearchProvider {
  return {
    async search(q, { limit }) {
      const hits: SearchHit[] = [];
      for (const r of distinctReadings(q.interpretations)) {
        for (const f of sessionFilters(r)) {
          const peers = "peers" in f ? f.peers : await peersIn(s, f.range, limit);
          if (!peers) continue;
          for (const row of await sessions(s, peers, limit)) {
            hits.push({
              subsystem: "bgp",
              kind: "session",
              key: row.session,
              label: sessionLabel(row),
              detail: sessionDetail(row),
              url: sessionUrl(row.session, row.router),
              rank: f.exactName !== undefined && row.peerName === f.exactName ? "exact" : f.rank,
            });
          }
        }
      }
      // Shutdown messages (RFC 9003) by their text, over every event through the trigram index.
      const text = q.interpretations.find((r) => r.kind === "text")?.value ?? "";
      const probe = containsProbe(text);
      if (probe) {
        const sql = await searchSql(s);
        const want = probe === text ? limit : limit * 4;
        const c = containsCondition(sql, BGP_EVENT_TEXT, probe, want);
        const rows = await sql.all<{
          id: number;
          at: unknown;
          router: string;
          peerAddress: string | null;
          peerName: string | null;
          text: string | null;
        }>(
          `SELECT "id", "at", "router", "peerAddress", "peerName", "text" FROM "BgpEvent"
           WHERE ${c.where} ORDER BY "id" DESC LIMIT ?`,
          ...c.params,
          want,
        );
        for (const e of rows
          .filter((r) => containsLiterally(r.text, text))
          .slice(0, limit)
          .map((r) => ({ ...r, at: sql.date(r.at) })))
          hits.push({
            subsystem: "bgp",
            kind: "event",
            key: String(e.id),
            label: e.text ?? "",
            detail: `${e.peerName ?? e.peerAddress ?? ""} on ${e.router} · ${e.at.toISOString()}`,
            url: `/bgp/events/${e.id}`,
            rank: rankMatch(e.text, text) ?? "contains",
          });
      }
      return hits;
    },
  };
}

/** The events of an entity (a peer address, a prefix of them, an AS or a peer name). */
function entityWhere(e: EntityRef): { where: Where } | null {
  if (e.type === "ip") return { where: { peerAddress: e.value } };
  if (e.type === "as") return { where: { peerAs: Number(e.value) } };
  if (e.type === "name") return { where: { peerName: e.value } };
  if (e.type === "prefix") {
    const c = parseCidr(e.value);
    return c ? { where: { peerAddressKey: { gte: c.lowKey, lte: c.highKey } } } : null;
  }
  return null;
}

/**
 * The entity page's peers: a peer address, AS or name as is; a prefix becomes the first `max`
 * peers inside it in address order (a loose index scan of its key range) and how many it holds
 * in all, so neither the sessions nor the events query walks every event of the prefix.
 */
async function entityPeers(
  s: Services,
  e: EntityRef,
  max: number,
): Promise<{ peers: PeerFilter; total?: number } | null> {
  if (e.type === "ip") return { peers: { column: "peerAddress", values: [e.value] } };
  if (e.type === "as") return { peers: { column: "peerAs", values: [Number(e.value)] } };
  if (e.type === "name") return { peers: { column: "peerName", values: [e.value] } };
  if (e.type !== "prefix") return null;
  const range = prefixKeyRange(e.value);
  if (!range) return null;
  // One loose scan both lists the first peers and counts them all (up to the cap).
  const keys = await distinctInRange(s, "BgpEvent", range.column, range.low, range.high, PEER_COUNT_CAP + 1);
  if (!keys.length) return null;
  return { peers: { column: range.column, values: keys.slice(0, max) }, total: keys.length };
}

/** The newest downs and shutdown messages of the peers. */
async function peerEvents(s: Services, f: PeerFilter, take: number) {
  const sql = await searchSql(s);
  const rows = await sql.all<{
    id: number;
    at: unknown;
    router: string;
    kind: string;
    peerAddress: string | null;
    peerName: string | null;
    subcodeName: string | null;
    text: string | null;
  }>(
    `SELECT "id", "at", "router", "kind", "peerAddress", "peerName", "subcodeName", "text" FROM "BgpEvent"
     WHERE ${filterSql(f)} AND "kind" IN ('down', 'notification') ORDER BY "at" DESC, "id" DESC LIMIT ?`,
    ...f.values,
    take,
  );
  return rows.map((r) => ({ ...r, id: Number(r.id), at: sql.date(r.at) }));
}

const EVENT_SELECT = {
  id: true,
  at: true,
  router: true,
  session: true,
  kind: true,
  peerAddress: true,
  peerAs: true,
  peerName: true,
  subcodeName: true,
  text: true,
  receivedAt: true,
} as const;

export function bgpEntity(s: Services): EntityLinkProvider {
  return {
    async sections(entity, { limit }) {
      const found = await entityPeers(s, entity, limit + 1);
      if (!found) return [];
      const { peers, total } = found;
      // A prefix's section leads to all of its peers' events on the BGP page, filtered by it.
      const url = entity.type === "prefix" ? `/bgp?prefix=${encodeURIComponent(entity.value)}` : "/bgp";
      const allPeers =
        total !== undefined && total > Math.min(limit, peers.values.length)
          ? {
              more: true,
              moreLabel:
                total > PEER_COUNT_CAP
                  ? `More than ${PEER_COUNT_CAP} peers in ${entity.value}: all on the BGP page`
                  : `All ${total} peers in ${entity.value} on the BGP page`,
            }
          : {};
      // Sessions and their events are two indexed reads of the same peers.
      const rows = await sessions(s, peers, limit + 1);
      const events = rows.length ? await peerEvents(s, peers, limit + 1) : [];
      if (!rows.length) return [];
      const refreshedAt = rows.reduce<Date | null>(
        (m, r) => (r.last && (!m || r.last > m) ? r.last : m),
        null,
      );
      const eventItems = events.slice(0, limit).map(
        (e): EntityItem => ({
          kind: "event",
          key: String(e.id),
          label: bgpEventTitle(e),
          detail: `on ${e.router}`,
          url: `/bgp/events/${e.id}`,
          at: e.at.toISOString(),
          severity: bgpEventSeverity(e.kind),
        }),
      );
      return [
        {
          subsystem: "bgp",
          title: "BGP sessions",
          refreshedAt: refreshedAt?.toISOString() ?? null,
          url,
          items: rows.slice(0, limit).map((r) => ({
            kind: "session",
            key: r.session,
            label: sessionLabel(r),
            detail: sessionDetail(r),
            url: sessionUrl(r.session, r.router),
            ...(r.last && { at: r.last.toISOString() }),
          })),
          ...(rows.length > limit && { more: true }),
          ...allPeers,
        },
        ...(eventItems.length
          ? [
              {
                subsystem: "bgp" as const,
                title: "Session downs and shutdown messages",
                refreshedAt: refreshedAt?.toISOString() ?? null,
                url,
                items: eventItems,
                ...(events.length > limit && { more: true }),
              },
            ]
          : []),
      ];
    },
  };
}

export function bgpTimeline(s: Services): TimelineSource {
  return {
    async events(q) {
      const w = q.entity ? entityWhere(q.entity) : { where: {} };
      if (!w) return [];
      const kinds = q.severities
        ? (["down", "up", "notification"] as const).filter((k) => q.severities?.includes(bgpEventSeverity(k)))
        : null;
      if (kinds && !kinds.length) return [];
      const rows = await s.db.bgpEvent.findMany({
        where: { ...w.where, at: { gte: q.from, lte: q.to }, ...(kinds && { kind: { in: [...kinds] } }) },
        orderBy: [{ at: "desc" }, { id: "desc" }],
        take: q.limit,
        select: EVENT_SELECT,
      });
      return rows.map(bgpTimelineEvent);
    },
  };
}
