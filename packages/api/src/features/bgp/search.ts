/**
 * BGP in search, on entity pages and on the timeline: sessions by peer address (exact, prefix,
 * start), peer AS and peer name, shutdown messages by their text (recent window), and the events
 * of a peer. Lookups use the (peerAddress|peerAs|peerName, at) and (at, id) indexes.
 */
import {
  type EntityItem,
  type EntityRef,
  type Interpretation,
  prefixContains,
  rankMatch,
  type SearchHit,
  type Severity,
  type TimelineEvent,
} from "@netops/protocols";
import type { Prisma } from "@netops/db";
import type { EntityLinkProvider, SearchProvider, TimelineSource } from "../../modules/contract";
import { addressTextPrefix, prefixEnd } from "../../search/ranges";
import { distinctInRange } from "../../search/sql";
import {
  cachedFloor,
  containsLiterally,
  distinctReadings,
  likeSafeNeedle,
  MIN_CONTAINS,
} from "../../search/recent";
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

/** Sessions matching `where`, most recently active first. */
async function sessions(s: Services, where: Where, take: number): Promise<SessionRow[]> {
  const groups = await s.db.bgpEvent.groupBy({
    by: ["session", "router", "peerAddress", "peerAs", "peerName"],
    where,
    _max: { at: true },
    _count: { _all: true },
    orderBy: { _max: { at: "desc" } },
    take,
  });
  return groups.map((g) => ({
    session: g.session,
    router: g.router,
    peerAddress: g.peerAddress,
    peerAs: g.peerAs,
    peerName: g.peerName,
    last: g._max.at,
    count: g._count._all,
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
 * Peers whose address or name lies in [low, high) (the start of an address or name, a prefix's
 * fixed octets as text): found by a loose index scan, never by reading every event of the range.
 * `within` (a prefix) keeps only the addresses inside it.
 */
interface PeerRange {
  column: "peerAddress" | "peerName";
  low: string;
  high: string;
  within?: string;
}

/** Distinct peers read to find those inside a prefix whose text form is wider than the prefix. */
const WITHIN_SCAN = 500;

/** The first `max` peers of a range (index order) as an `in` filter; null when there are none. */
async function peersIn(s: Services, r: PeerRange, max: number): Promise<Where | null> {
  let peers = await distinctInRange(s.db, "BgpEvent", r.column, r.low, r.high, r.within ? WITHIN_SCAN : max);
  const within = r.within;
  if (within) peers = peers.filter((p) => prefixContains(within, p)).slice(0, max);
  if (!peers.length) return null;
  return r.column === "peerAddress" ? { peerAddress: { in: peers } } : { peerName: { in: peers } };
}

/** A filter, the rank of its matches, and the peer name ranked exact among them. */
type SessionFilter = { rank: SearchHit["rank"]; exactName?: string } & (
  | { where: Where }
  | { range: PeerRange }
);

/** The query readings → session filters with the rank their matches get. */
function sessionFilters(r: Interpretation): SessionFilter[] {
  const addr = addressTextPrefix(r);
  if (addr) {
    if (addr.exact) return [{ where: { peerAddress: addr.value }, rank: "exact" }];
    return [
      {
        range: {
          column: "peerAddress",
          low: addr.value,
          high: prefixEnd(addr.value),
          ...(r.kind === "prefix" && { within: r.value }),
        },
        rank: "prefix",
      },
    ];
  }
  if (r.kind === "as") return [{ where: { peerAs: Number(r.value) }, rank: "exact" }];
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
          const where = "where" in f ? f.where : await peersIn(s, f.range, limit);
          if (!where) continue;
          for (const row of await sessions(s, where, limit)) {
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
      // Shutdown messages (RFC 9003) by their text: recent events only, LIKE cannot use an index.
      const text = q.interpretations.find((r) => r.kind === "text")?.value ?? "";
      const needle = likeSafeNeedle(text);
      if (text.length >= MIN_CONTAINS && needle) {
        const floor = await cachedFloor(
          s.db,
          "BgpEvent",
          async () => (await s.db.bgpEvent.findFirst({ orderBy: { id: "desc" }, select: { id: true } }))?.id,
        );
        const rows = await s.db.bgpEvent.findMany({
          where: { id: { gt: floor }, text: { contains: needle } },
          orderBy: { id: "desc" },
          take: limit * 4,
          select: { id: true, at: true, router: true, peerAddress: true, peerName: true, text: true },
        });
        for (const e of rows.filter((r) => containsLiterally(r.text, text)).slice(0, limit))
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
function entityWhere(e: EntityRef): { where: Where; within?: string } | null {
  if (e.type === "ip") return { where: { peerAddress: e.value } };
  if (e.type === "as") return { where: { peerAs: Number(e.value) } };
  if (e.type === "name") return { where: { peerName: e.value } };
  if (e.type === "prefix") {
    const p = addressTextPrefix({ kind: "prefix", value: e.value });
    return p ? { where: { peerAddress: { gte: p.value, lt: prefixEnd(p.value) } }, within: e.value } : null;
  }
  return null;
}

/**
 * The entity page's filter: a peer address, AS or name as is; a prefix becomes the peers inside
 * it (a loose index scan of the addresses, at most `max` peers), so neither the sessions nor the
 * events query walks every event of the prefix's text range.
 */
async function entitySectionWhere(s: Services, e: EntityRef, max: number): Promise<Where | null> {
  if (e.type !== "prefix") return entityWhere(e)?.where ?? null;
  const p = addressTextPrefix({ kind: "prefix", value: e.value });
  if (!p) return null;
  return peersIn(s, { column: "peerAddress", low: p.value, high: prefixEnd(p.value), within: e.value }, max);
}

function severityOf(kind: string): Severity {
  return kind === "up" ? "info" : "warning";
}

function eventTitle(e: {
  kind: string;
  text: string | null;
  subcodeName: string | null;
  peerName: string | null;
  peerAddress: string | null;
}) {
  const peer = e.peerName ?? e.peerAddress ?? "peer";
  if (e.kind === "notification")
    return `${peer}: ${e.subcodeName ?? "NOTIFICATION"}${e.text ? ` — “${e.text}”` : ""}`;
  return `${peer} ${e.kind}`;
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
      const where = await entitySectionWhere(s, entity, limit + 1);
      if (!where) return [];
      // Sessions and their events are two indexed reads of the same peers: side by side.
      const [rows, events] = await Promise.all([
        sessions(s, where, limit + 1),
        s.db.bgpEvent.findMany({
          where: { ...where, kind: { in: ["down", "notification"] } },
          orderBy: [{ at: "desc" }, { id: "desc" }],
          take: limit + 1,
          select: EVENT_SELECT,
        }),
      ]);
      if (!rows.length) return [];
      const refreshedAt = rows.reduce<Date | null>(
        (m, r) => (r.last && (!m || r.last > m) ? r.last : m),
        null,
      );
      const eventItems = events.slice(0, limit).map(
        (e): EntityItem => ({
          kind: "event",
          key: String(e.id),
          label: eventTitle(e),
          detail: `on ${e.router}`,
          url: `/bgp/events/${e.id}`,
          at: e.at.toISOString(),
          severity: severityOf(e.kind),
        }),
      );
      return [
        {
          subsystem: "bgp",
          title: "BGP sessions",
          refreshedAt: refreshedAt?.toISOString() ?? null,
          url: "/bgp",
          items: rows.slice(0, limit).map((r) => ({
            kind: "session",
            key: r.session,
            label: sessionLabel(r),
            detail: sessionDetail(r),
            url: sessionUrl(r.session, r.router),
            ...(r.last && { at: r.last.toISOString() }),
          })),
          ...(rows.length > limit && { more: true }),
        },
        ...(eventItems.length
          ? [
              {
                subsystem: "bgp" as const,
                title: "Session downs and shutdown messages",
                refreshedAt: refreshedAt?.toISOString() ?? null,
                url: "/bgp",
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
        ? (["down", "up", "notification"] as const).filter((k) => q.severities?.includes(severityOf(k)))
        : null;
      if (kinds && !kinds.length) return [];
      const rows = await s.db.bgpEvent.findMany({
        where: { ...w.where, at: { gte: q.from, lte: q.to }, ...(kinds && { kind: { in: [...kinds] } }) },
        orderBy: [{ at: "desc" }, { id: "desc" }],
        take: q.limit,
        select: EVENT_SELECT,
      });
      return rows
        .filter((e) => !w.within || (e.peerAddress !== null && prefixContains(w.within, e.peerAddress)))
        .map(
          (e): TimelineEvent => ({
            id: `bgp:event:${e.id}`,
            at: e.at.toISOString(),
            subsystem: "bgp",
            kind: `bgp-${e.kind}`,
            severity: severityOf(e.kind),
            title: eventTitle(e),
            detail: `on ${e.router}${e.peerAs !== null ? ` · AS${e.peerAs}` : ""}`,
            url: `/bgp/events/${e.id}`,
            ...(e.peerAddress && { entity: { type: "ip" as const, value: e.peerAddress } }),
          }),
        );
    },
  };
}
