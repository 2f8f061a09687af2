/**
 * DHCP in search, on entity pages and on the timeline: leases by address (exact, prefix, the start
 * of an address), MAC (exact or its start in any notation) and hostname (exact or start), the
 * pools holding an address, and an address's or a client's lease history. Every lookup is a
 * range on one of DhcpLease's indexes (addressKey, hwAddress, hostnameKey) with a LIMIT.
 */
import {
  type EntityItem,
  type EntityRef,
  type EntitySection,
  type Interpretation,
  macHexToText,
  type SearchHit,
  type TimelineEvent,
} from "@netops/protocols";
import { entityKeyRange, parseAddress, parseCidr } from "@netops/protocols/dhcp";
import type {
  EntityLinkProvider,
  SearchProvider,
  TimelineQuery,
  TimelineSource,
} from "../../modules/contract";
import { addressKeyRanges, type KeyRange, prefixEnd } from "../../search/ranges";
import { distinctReadings } from "../../search/recent";
import { searchSql } from "../../search/sql";
import type { Services } from "../../services";
import { poolLevelEvents } from "./pool-history";
import type { SqlRunner } from "./sql";

interface Lease {
  id: number;
  sourceId: number;
  address: string;
  prefixLength: number;
  family: number;
  hwAddress: string | null;
  hostname: string | null;
  state: string;
  ends: number | null;
}

interface LeaseEvent {
  id: number;
  sourceId: number;
  address: string;
  hwAddress: string | null;
  hostname: string | null;
  state: string;
  kind: string;
  at: number;
}

const COLS = "id, sourceId, address, prefixLength, family, hwAddress, hostname, state, ends";
const EV_COLS = "id, sourceId, address, hwAddress, hostname, state, kind, at";

/** `/dhcp/leases/<address>` (the natural name; a delegated prefix keeps its length). */
export function leaseUrl(l: { address: string; prefixLength: number; family: number }): string {
  const full = l.family === 4 ? 32 : 128;
  return `/dhcp/leases/${l.address}${l.prefixLength !== full ? `?prefixLength=${l.prefixLength}` : ""}`;
}

type Names = Map<number, string>;

async function sourceNames(s: Services): Promise<Names> {
  const rows = await (await searchSql(s)).all<{ id: number; name: string }>(
    `SELECT "id", "name" FROM "DhcpSource"`,
  );
  return new Map(rows.map((r) => [Number(r.id), r.name]));
}

function leaseDetail(l: Lease, names: Names): string {
  return [l.hostname, l.hwAddress, l.state, names.get(l.sourceId) ?? `#${l.sourceId}`]
    .filter(Boolean)
    .join(" · ");
}

function byKeyRange(sql: SqlRunner, r: KeyRange, take: number): Promise<Lease[]> {
  return sql.all<Lease>(
    `SELECT ${COLS} FROM DhcpLease INDEXED BY DhcpLease_addressKey_id_idx WHERE addressKey BETWEEN ? AND ? ORDER BY addressKey, id LIMIT ?`,
    r.low,
    r.high,
    take,
  );
}

/** Rows whose column equals `low` (high null), or lies in (low, high): exact and prefix ranges on the column's index. */
function byColumnRange(
  sql: SqlRunner,
  column: "hwAddress" | "hostnameKey",
  low: string,
  high: string | null,
  take: number,
): Promise<Lease[]> {
  // Few matches are sorted; the index returns them in column order, which is a fine order too.
  const where = high === null ? `${column} = ?` : `${column} > ? AND ${column} < ?`;
  return sql.all<Lease>(
    `SELECT ${COLS} FROM DhcpLease WHERE ${where} ORDER BY ${column} LIMIT ?`,
    ...(high === null ? [low] : [low, high]),
    take,
  );
}

async function leasesFor(
  sql: SqlRunner,
  r: Interpretation,
  take: number,
): Promise<{ rows: Lease[]; rank: SearchHit["rank"] }[]> {
  switch (r.kind) {
    case "ipv4":
    case "ipv6":
    case "prefix":
    case "ip-partial": {
      const rank = r.kind === "ipv4" || r.kind === "ipv6" ? "exact" : "prefix";
      const out: { rows: Lease[]; rank: SearchHit["rank"] }[] = [];
      for (const k of addressKeyRanges(r)) out.push({ rows: await byKeyRange(sql, k, take), rank });
      return out;
    }
    case "mac":
      return [{ rows: await byColumnRange(sql, "hwAddress", r.value, null, take), rank: "exact" }];
    case "mac-partial": {
      const p = macHexToText(r.value);
      return [{ rows: await byColumnRange(sql, "hwAddress", p, prefixEnd(p), take), rank: "prefix" }];
    }
    case "name":
    case "handle":
    case "text": {
      // Hostnames are stored lower-cased in hostnameKey; an A-label name matches as written.
      const v = r.value.toLowerCase();
      if (!v || v.includes(" ")) return [];
      return [
        { rows: await byColumnRange(sql, "hostnameKey", v, null, take), rank: "exact" },
        { rows: await byColumnRange(sql, "hostnameKey", v, prefixEnd(v), take), rank: "prefix" },
      ];
    }
    default:
      return [];
  }
}

export function dhcpSearch(s: Services): SearchProvider {
  return {
    async search(q, { limit }) {
      const sql = await s.dhcp.sql();
      const found: { rows: Lease[]; rank: SearchHit["rank"] }[] = [];
      for (const r of distinctReadings(q.interpretations)) found.push(...(await leasesFor(sql, r, limit)));
      // Source names only when there is a lease to name (each statement counts).
      const names = found.some((f) => f.rows.length) ? await sourceNames(s) : new Map<number, string>();
      const hits: SearchHit[] = found.flatMap(({ rows, rank }) =>
        rows.map(
          (l): SearchHit => ({
            subsystem: "dhcp",
            kind: "lease",
            key: String(l.id),
            label: l.family === 6 && l.prefixLength < 128 ? `${l.address}/${l.prefixLength}` : l.address,
            detail: leaseDetail(l, names),
            url: leaseUrl(l),
            rank,
          }),
        ),
      );
      // Pools and subnets: an address inside, or a prefix that is the subnet.
      const pools = await poolsFor(s, q.interpretations);
      for (const p of pools) hits.push(p.hit);
      return hits;
    },
  };
}

interface PoolRow {
  id: number;
  firstAddr: string;
  lastAddr: string;
  lowKey: string;
  highKey: string;
  subnet: { cidr: string; source: { name: string; lastOkAt: Date | null } };
}

async function poolsFor(
  s: Services,
  readings: Interpretation[],
): Promise<{ pool: PoolRow; hit: SearchHit }[]> {
  const out: { pool: PoolRow; hit: SearchHit }[] = [];
  for (const r of readings) {
    const ranges = r.kind === "ipv4" || r.kind === "ipv6" || r.kind === "prefix" ? addressKeyRanges(r) : [];
    for (const k of ranges) {
      // Pools are few (configuration, not data): overlapping ranges straight from the table, with
      // their subnet and source in the same read.
      const sql = await searchSql(s);
      const rows = await sql.all<{
        id: number;
        firstAddr: string;
        lastAddr: string;
        lowKey: string;
        highKey: string;
        cidr: string;
        sourceName: string;
        lastOkAt: unknown;
      }>(
        `SELECT p."id", p."firstAddr", p."lastAddr", p."lowKey", p."highKey", n."cidr", o."name" AS "sourceName", o."lastOkAt"
         FROM "DhcpPool" p JOIN "DhcpSubnet" n ON n."id" = p."subnetId" JOIN "DhcpSource" o ON o."id" = n."sourceId"
         WHERE p."lowKey" <= ? AND p."highKey" >= ? ORDER BY p."id" LIMIT 20`,
        k.high,
        k.low,
      );
      const pools: PoolRow[] = rows.map((p) => ({
        id: Number(p.id),
        firstAddr: p.firstAddr,
        lastAddr: p.lastAddr,
        lowKey: p.lowKey,
        highKey: p.highKey,
        subnet: {
          cidr: p.cidr,
          source: { name: p.sourceName, lastOkAt: p.lastOkAt === null ? null : sql.date(p.lastOkAt) },
        },
      }));
      for (const p of pools)
        out.push({
          pool: p,
          hit: {
            subsystem: "dhcp",
            kind: "pool",
            key: String(p.id),
            label: `${p.firstAddr}–${p.lastAddr}`,
            detail: `pool of ${p.subnet.cidr} · ${p.subnet.source.name}`,
            url: `/dhcp?pool=${p.id}`,
            rank: r.kind === "prefix" && p.subnet.cidr === r.value ? "exact" : "contains",
          },
        });
    }
  }
  return out;
}

function eventItem(e: LeaseEvent, names: Names): EntityItem {
  return {
    kind: "lease-event",
    key: String(e.id),
    label: `${e.kind}: ${e.address}`,
    detail: [e.hostname, e.hwAddress, e.state, names.get(e.sourceId)].filter(Boolean).join(" · "),
    url: `/dhcp/leases/${e.address}`,
    at: new Date(e.at * 1000).toISOString(),
  };
}

/** Events of a range counted before choosing how to read the newest of them. */
const DENSE_RANGE = 2_000;

/**
 * The newest lease events of an address-key range. A narrow range (an address, a /24) has few
 * events: read them by the address index and sort. A wide one (a /8) may hold the whole table:
 * walk the time index newest first until `take` of them are found instead of sorting them all.
 * Which one is known by counting at most DENSE_RANGE index entries.
 */
async function eventsInRange(sql: SqlRunner, low: string, high: string, take: number): Promise<LeaseEvent[]> {
  const probe = await sql.get<{ n: number }>(
    "SELECT COUNT(*) AS n FROM (SELECT 1 FROM DhcpLeaseEvent WHERE addressKey BETWEEN ? AND ? LIMIT ?) AS probe",
    low,
    high,
    DENSE_RANGE,
  );
  const index =
    Number(probe?.n ?? 0) < DENSE_RANGE ? "DhcpLeaseEvent_addressKey_at_idx" : "DhcpLeaseEvent_at_idx";
  return sql.all<LeaseEvent>(
    `SELECT ${EV_COLS} FROM DhcpLeaseEvent INDEXED BY ${index} WHERE addressKey BETWEEN ? AND ? ORDER BY at DESC, id DESC LIMIT ?`,
    low,
    high,
    take,
  );
}

/** Current leases and history of one entity: by address key range or by MAC. */
async function entityRows(
  sql: SqlRunner,
  entity: EntityRef,
  take: number,
): Promise<{ leases: Lease[]; events: LeaseEvent[] } | null> {
  if (entity.type === "ip" || entity.type === "prefix") {
    const c = entity.type === "ip" ? parseAddress(entity.value) : parseCidr(entity.value);
    if (!c) return null;
    const [low, high] = "key" in c ? [c.key, c.key] : [c.lowKey, c.highKey];
    return {
      leases: await byKeyRange(sql, { low, high }, take),
      events: await eventsInRange(sql, low, high, take),
    };
  }
  if (entity.type === "mac") {
    return {
      leases: await byColumnRange(sql, "hwAddress", entity.value, null, take),
      events: await sql.all<LeaseEvent>(
        `SELECT ${EV_COLS} FROM DhcpLeaseEvent WHERE hwAddress = ? ORDER BY at DESC, id DESC LIMIT ?`,
        entity.value,
        take,
      ),
    };
  }
  if (entity.type === "name") {
    const keys = hostnameKeys(entity.value);
    const leases: Lease[] = [];
    for (const v of keys) leases.push(...(await byColumnRange(sql, "hostnameKey", v, null, take)));
    return {
      leases: leases.slice(0, take),
      events: await sql.all<LeaseEvent>(
        `SELECT ${EV_COLS} FROM DhcpLeaseEvent WHERE hostnameKey IN (${keys.map(() => "?").join(", ")}) ORDER BY at DESC, id DESC LIMIT ?`,
        ...keys,
        take,
      ),
    };
  }
  return null;
}

/** The hostnameKeys a name's leases and lease events carry: a client names itself by its first label or by the whole name. */
function hostnameKeys(name: string): string[] {
  const v = name.toLowerCase();
  return [...new Set([v, v.split(".")[0] || v])];
}

export function dhcpEntity(s: Services): EntityLinkProvider {
  return {
    async sections(entity, { limit }) {
      const found = await entityRows(await s.dhcp.sql(), entity, limit + 1);
      if (!found) return [];
      const names = await sourceNames(s);
      const sql = await searchSql(s);
      const [newest] = await sql.all<{ at: unknown }>(`SELECT MAX("lastOkAt") AS "at" FROM "DhcpSource"`);
      const refreshedAt =
        newest?.at === null || newest?.at === undefined ? null : sql.date(newest.at).toISOString();
      const sections: EntitySection[] = [];
      if (found.leases.length)
        sections.push({
          subsystem: "dhcp",
          title: "Leases",
          refreshedAt,
          url: "/dhcp",
          items: found.leases.slice(0, limit).map((l) => ({
            kind: "lease",
            key: String(l.id),
            label: l.address,
            detail: leaseDetail(l, names),
            url: leaseUrl(l),
            ...(l.ends !== null && { at: new Date(l.ends * 1000).toISOString() }),
          })),
          ...(found.leases.length > limit && { more: true }),
        });
      if (found.events.length)
        sections.push({
          subsystem: "dhcp",
          title: "Lease history",
          refreshedAt,
          url: "/dhcp",
          items: found.events.slice(0, limit).map((e) => eventItem(e, names)),
          ...(found.events.length > limit && { more: true }),
        });
      if (entity.type === "ip" || entity.type === "prefix") {
        const pools = await poolsFor(s, [
          {
            kind: entity.type === "ip" ? (entity.value.includes(":") ? "ipv6" : "ipv4") : "prefix",
            value: entity.value,
          },
        ]);
        if (pools.length)
          sections.push({
            subsystem: "dhcp",
            title: "Pools",
            refreshedAt,
            url: "/dhcp",
            items: pools.map(({ hit }) => ({
              kind: "pool",
              key: hit.key,
              label: hit.label,
              ...(hit.detail && { detail: hit.detail }),
              url: hit.url,
            })),
          });
      }
      return sections;
    },
  };
}

/**
 * Pool threshold crossings (pool-history.ts), and lease changes for one entity only (an address,
 * a prefix, a MAC or a host name): the whole network's lease churn would drown every other event.
 */
export function dhcpTimeline(s: Services): TimelineSource {
  return {
    async events(q) {
      const [leases, pools] = await Promise.all([leaseEvents(s, q), poolLevelEvents(s.db, q)]);
      return [...leases, ...pools];
    },
  };
}

/** An entity's lease changes (info); none without an entity. */
async function leaseEvents(s: Services, q: TimelineQuery): Promise<TimelineEvent[]> {
  if (!q.entity || (q.severities && !q.severities.includes("info"))) return [];
  const sql = await s.dhcp.sql();
  const from = Math.floor(q.from.getTime() / 1000);
  const to = Math.floor(q.to.getTime() / 1000);
  let rows: LeaseEvent[] = [];
  const e = q.entity;
  const range = entityKeyRange(e);
  if (range) {
    rows = await sql.all<LeaseEvent>(
      `SELECT ${EV_COLS} FROM DhcpLeaseEvent WHERE addressKey BETWEEN ? AND ? AND at BETWEEN ? AND ? ORDER BY at DESC, id DESC LIMIT ?`,
      range.low,
      range.high,
      from,
      to,
      q.limit,
    );
  } else if (e.type === "mac") {
    rows = await sql.all<LeaseEvent>(
      `SELECT ${EV_COLS} FROM DhcpLeaseEvent WHERE hwAddress = ? AND at BETWEEN ? AND ? ORDER BY at DESC, id DESC LIMIT ?`,
      e.value,
      from,
      to,
      q.limit,
    );
  } else if (e.type === "name") {
    const keys = hostnameKeys(e.value);
    rows = await sql.all<LeaseEvent>(
      `SELECT ${EV_COLS} FROM DhcpLeaseEvent WHERE hostnameKey IN (${keys.map(() => "?").join(", ")}) AND at BETWEEN ? AND ? ORDER BY at DESC, id DESC LIMIT ?`,
      ...keys,
      from,
      to,
      q.limit,
    );
  }
  const names = await sourceNames(s);
  return rows.map(
    (r): TimelineEvent => ({
      id: `dhcp:lease:${r.id}`,
      at: new Date(r.at * 1000).toISOString(),
      subsystem: "dhcp",
      kind: `lease-${r.kind}`,
      severity: "info",
      title: `Lease ${r.kind}: ${r.address}`,
      detail: [r.hostname, r.hwAddress, r.state, names.get(r.sourceId)].filter(Boolean).join(" · "),
      url: `/dhcp/leases/${r.address}`,
      entity: { type: "ip", value: r.address },
    }),
  );
}

/**
 * The leases of one address (every source's, bound ones first), for `/dhcp/leases/<address>`;
 * null when the text is not an address.
 */
export async function leasesOfAddress(
  s: Services,
  address: string,
  prefixLength?: number,
): Promise<{ id: number; sourceName: string; state: string }[] | null> {
  const a = parseAddress(address.trim());
  if (!a) return null;
  const sql = await s.dhcp.sql();
  const rows = (
    await sql.all<Lease>(
      `SELECT ${COLS} FROM DhcpLease WHERE addressKey = ? ORDER BY CASE WHEN state = 'bound' THEN 0 ELSE 1 END, id DESC LIMIT 20`,
      a.key,
    )
  ).filter((l) => prefixLength === undefined || l.prefixLength === prefixLength);
  const names = await sourceNames(s);
  return rows.map((l) => ({
    id: l.id,
    sourceName: names.get(l.sourceId) ?? `#${l.sourceId}`,
    state: l.state,
  }));
}
