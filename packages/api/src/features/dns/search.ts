/**
 * DNS in search, on entity pages and on the timeline: watched zones by name, and the records of
 * each zone's last accepted copy (DnsRecordTerm, record-index.ts) by owner, address (exact, in a
 * prefix, start of) and target name; zone verdict and serial changes on the timeline. Every
 * lookup is a range on one of DnsRecordTerm's indexes (owner, value, addrKey) with a LIMIT.
 */
import type {
  EntityRef,
  EntitySection,
  Interpretation,
  SearchHit,
  Severity,
  TimelineEvent,
} from "@netops/protocols";
import type { Prisma } from "@netops/db";
import { parseAddress } from "@netops/protocols/dhcp";
import type { EntityLinkProvider, SearchProvider, TimelineSource } from "../../modules/contract";
import { addressKeyRanges, prefixEnd } from "../../search/ranges";
import { distinctReadings, nameKey } from "../../search/recent";
import { searchSql } from "../../search/sql";
import type { Services } from "../../services";
import { FAILED_STATUSES } from "./schemas";

type TermWhere = Prisma.DnsRecordTermWhereInput;

interface Term {
  id: number;
  zoneId: string;
  owner: string;
  type: string;
  value: string;
}

/** `/dns/<zone name>` — the zone by its natural name (without the trailing dot). */
export function zoneUrl(zoneName: string): string {
  return `/dns/${nameKey(zoneName)}`;
}

function recordUrl(zoneName: string, owner: string): string {
  return `${zoneUrl(zoneName)}?record=${encodeURIComponent(owner)}`;
}

/** The stored form of a zone name: absolute, lower case. */
function absolute(name: string): string {
  const l = name.toLowerCase();
  return l.endsWith(".") ? l : `${l}.`;
}

interface ZoneRow {
  id: string;
  name: string;
  lastGoodCheckId: number | null;
}

async function zonesById(s: Services, ids: string[]): Promise<Map<string, ZoneRow>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const zones = await (await searchSql(s)).all<ZoneRow>(
    `SELECT "id", "name", "lastGoodCheckId" FROM "DnsZone" WHERE "id" IN (${unique.map(() => "?").join(", ")})`,
    ...unique,
  );
  return new Map(zones.map((z) => [z.id, z]));
}

const TERM_COLUMNS = new Set(["owner", "value", "addrKey", "type"]);

/**
 * A term filter as SQL, ordered like the index it reads (its column, then id), so the LIMIT stops
 * the index walk: any other order sorts every row in the range first (a million for `h` or
 * `10.0.0.0/8`). Filters are built by this file only: equality or a range per column.
 */
function termSql(where: TermWhere): { clause: string; params: unknown[]; order: string } {
  const parts: string[] = [];
  const params: unknown[] = [];
  for (const [column, v] of Object.entries(where)) {
    if (!TERM_COLUMNS.has(column)) throw new Error(`not a term filter column: ${column}`);
    if (typeof v === "string") {
      parts.push(`"${column}" = ?`);
      params.push(v);
      continue;
    }
    const r = v as { gte?: string; lt?: string; lte?: string };
    for (const [op, x] of [
      [">=", r.gte],
      ["<", r.lt],
      ["<=", r.lte],
    ] as const)
      if (x !== undefined) {
        parts.push(`"${column}" ${op} ?`);
        params.push(x);
      }
  }
  const order = "addrKey" in where ? "addrKey" : "value" in where ? "value" : "owner";
  return { clause: parts.join(" AND "), params, order: `"${order}", "id"` };
}

async function terms(s: Services, where: TermWhere, take: number): Promise<Term[]> {
  const q = termSql(where);
  const rows = await (await searchSql(s)).all<Term>(
    `SELECT "id", "zoneId", "owner", "type", "value" FROM "DnsRecordTerm" WHERE ${q.clause} ORDER BY ${q.order} LIMIT ?`,
    ...q.params,
    take,
  );
  return rows.map((t) => ({ ...t, id: Number(t.id) }));
}

/** Term filters for one reading, with the rank their matches get (by the match when a function). */
function termFilters(
  r: Interpretation,
): { where: TermWhere; rank: SearchHit["rank"] | ((t: Term) => SearchHit["rank"]) }[] {
  switch (r.kind) {
    case "ipv4":
    case "ipv6":
      return [{ where: { value: r.value }, rank: "exact" }];
    case "prefix":
    case "ip-partial":
      return addressKeyRanges(r).map((k) => ({
        where: { addrKey: { gte: k.low, lte: k.high } },
        rank: "prefix",
      }));
    case "name":
    case "handle":
    case "text": {
      const v = nameKey(r.value);
      if (!v || v.includes(" ")) return [];
      // The owner itself sorts first in its own range: one read gives the exact owner and the
      // owners starting with it.
      return [
        { where: { owner: { gte: v, lt: prefixEnd(v) } }, rank: (t) => (t.owner === v ? "exact" : "prefix") },
        { where: { value: v }, rank: "exact" },
      ];
    }
    default:
      return [];
  }
}

export function dnsSearch(s: Services): SearchProvider {
  return {
    async search(q, { limit }) {
      const hits: SearchHit[] = [];
      // Zones by name: the watched list is configuration (small), by its unique name index.
      for (const r of distinctReadings(q.interpretations)) {
        if (r.kind !== "name" && r.kind !== "handle" && r.kind !== "text") continue;
        const v = nameKey(r.value);
        if (!v || v.includes(" ")) continue;
        const zones = await (await searchSql(s)).all<{ id: string; name: string }>(
          `SELECT "id", "name" FROM "DnsZone" WHERE "name" >= ? AND "name" < ? ORDER BY "name" LIMIT ?`,
          v,
          prefixEnd(v),
          limit,
        );
        for (const z of zones)
          hits.push({
            subsystem: "dns",
            kind: "zone",
            key: z.id,
            label: z.name,
            detail: "watched zone",
            url: zoneUrl(z.name),
            rank: nameKey(z.name) === v ? "exact" : "prefix",
          });
      }
      const found: { t: Term; rank: SearchHit["rank"] }[] = [];
      for (const r of distinctReadings(q.interpretations))
        for (const f of termFilters(r))
          for (const t of await terms(s, f.where, limit))
            found.push({ t, rank: typeof f.rank === "function" ? f.rank(t) : f.rank });
      const zones = await zonesById(
        s,
        found.map((f) => f.t.zoneId),
      );
      for (const { t, rank } of found) {
        const z = zones.get(t.zoneId);
        if (!z) continue;
        hits.push({
          subsystem: "dns",
          kind: "record",
          key: String(t.id),
          label: `${t.owner} ${t.type} ${t.value}`,
          detail: `in zone ${z.name}`,
          url: recordUrl(z.name, t.owner),
          rank,
        });
      }
      return hits;
    },
  };
}

/** in-addr.arpa / ip6.arpa name of an address (the PTR owner). */
export function reverseName(address: string): string | null {
  const a = parseAddress(address);
  if (!a) return null;
  if (a.family === 4) return `${a.text.split(".").reverse().join(".")}.in-addr.arpa`;
  return `${a.key.slice(3).split("").reverse().join(".")}.ip6.arpa`;
}

function entityFilters(e: EntityRef): TermWhere[] {
  if (e.type === "ip") {
    const rev = reverseName(e.value);
    return [{ value: e.value }, ...(rev ? [{ owner: rev, type: "PTR" }] : [])];
  }
  if (e.type === "prefix") {
    const r = addressKeyRanges({ kind: "prefix", value: e.value })[0];
    return r ? [{ addrKey: { gte: r.low, lte: r.high } }] : [];
  }
  if (e.type === "name") return [{ owner: e.value }, { value: e.value }];
  return [];
}

export function dnsEntity(s: Services): EntityLinkProvider {
  return {
    async sections(entity, { limit }) {
      const sections: EntitySection[] = [];
      if (entity.type === "name") {
        const sql = await searchSql(s);
        // The zone and its last check in one read (its unique name, then the check's id).
        const [z] = await sql.all<{
          id: string;
          name: string;
          startedAt: unknown;
          status: string | null;
          serial: number | bigint | null;
        }>(
          `SELECT z."id", z."name", c."startedAt", c."status", c."serial"
           FROM "DnsZone" z LEFT JOIN "DnsZoneCheck" c ON c."id" = z."lastCheckId" WHERE z."name" = ?`,
          absolute(entity.value),
        );
        if (z) {
          const check =
            z.status !== null && z.startedAt !== null
              ? { startedAt: sql.date(z.startedAt), status: z.status, serial: z.serial }
              : null;
          sections.push({
            subsystem: "dns",
            title: "Watched zone",
            refreshedAt: check?.startedAt.toISOString() ?? null,
            url: zoneUrl(z.name),
            items: [
              {
                kind: "zone",
                key: z.id,
                label: z.name,
                detail: check
                  ? `${check.status}${check.serial !== null ? ` · serial ${check.serial}` : ""}`
                  : "not checked yet",
                url: zoneUrl(z.name),
                ...(check && { at: check.startedAt.toISOString() }),
                ...(check && FAILED_STATUSES.has(check.status as never) && { severity: "warning" as const }),
              },
            ],
          });
        }
      }
      const found: Term[] = [];
      for (const w of entityFilters(entity)) found.push(...(await terms(s, w, limit + 1)));
      if (!found.length) return sections;
      const zones = await zonesById(
        s,
        found.map((t) => t.zoneId),
      );
      const checkIds = [...zones.values()].flatMap((z) => (z.lastGoodCheckId ? [z.lastGoodCheckId] : []));
      const sql = await searchSql(s);
      const checks = checkIds.length
        ? await sql.all<{ startedAt: unknown }>(
            `SELECT "startedAt" FROM "DnsZoneCheck" WHERE "id" IN (${checkIds.map(() => "?").join(", ")})`,
            ...checkIds,
          )
        : [];
      const refreshed = checks
        .map((c) => sql.date(c.startedAt))
        .reduce<Date | null>((m, d) => (!m || d > m ? d : m), null);
      const seen = new Set<number>();
      const items = found
        .filter((t) => zones.has(t.zoneId) && !seen.has(t.id) && seen.add(t.id))
        .map((t) => {
          const z = zones.get(t.zoneId)!;
          return {
            kind: "record",
            key: String(t.id),
            label: `${t.owner} ${t.type} ${t.value}`,
            detail: `in zone ${z.name}`,
            url: recordUrl(z.name, t.owner),
          };
        });
      sections.push({
        subsystem: "dns",
        title: "Zone records (last accepted copy)",
        refreshedAt: refreshed?.toISOString() ?? null,
        url: "/dns",
        items: items.slice(0, limit),
        ...(items.length > limit && { more: true }),
      });
      return sections;
    },
  };
}

/** Checks read per page to find the changes among them (most checks change nothing). */
const CHECKS_SCANNED = 5000;

function checkSeverity(status: string): Severity {
  if (status === "digest_mismatch" || status === "fetch_failed" || status === "malformed") return "critical";
  return FAILED_STATUSES.has(status as never) ? "warning" : "info";
}

/**
 * Verdict and serial changes: a check is an event when its status or serial differs from the
 * zone's previous check in the window read (the oldest check of a zone in the window is an event
 * when it failed). Bounded: at most CHECKS_SCANNED checks per page.
 */
export function dnsTimeline(s: Services): TimelineSource {
  return {
    async events(q) {
      let zoneIds: string[] | undefined;
      if (q.entity) {
        if (q.entity.type !== "name") return [];
        const z = await s.db.dnsZone.findUnique({
          where: { name: absolute(q.entity.value) },
          select: { id: true },
        });
        if (!z) return [];
        zoneIds = [z.id];
      }
      const rows = await s.db.dnsZoneCheck.findMany({
        where: { startedAt: { gte: q.from, lte: q.to }, ...(zoneIds && { zoneId: { in: zoneIds } }) },
        orderBy: [{ startedAt: "desc" }, { id: "desc" }],
        take: CHECKS_SCANNED,
        select: { id: true, zoneId: true, startedAt: true, status: true, serial: true, reason: true },
      });
      const zones = await s.db.dnsZone.findMany({
        where: { id: { in: [...new Set(rows.map((r) => r.zoneId))] } },
        select: { id: true, name: true },
      });
      const names = new Map(zones.map((z) => [z.id, z.name]));
      // Oldest first per zone, to compare each check with the one before it.
      const older = new Map<string, (typeof rows)[number]>();
      const events: TimelineEvent[] = [];
      for (const c of [...rows].reverse()) {
        const prev = older.get(c.zoneId);
        older.set(c.zoneId, c);
        const statusChanged = prev ? prev.status !== c.status : FAILED_STATUSES.has(c.status as never);
        const serialChanged =
          prev !== undefined && prev.serial !== null && c.serial !== null && prev.serial !== c.serial;
        if (!statusChanged && !serialChanged) continue;
        const name = names.get(c.zoneId) ?? c.zoneId;
        const severity = checkSeverity(c.status);
        if (q.severities && !q.severities.includes(severity)) continue;
        events.push({
          id: `dns:check:${c.id}`,
          at: c.startedAt.toISOString(),
          subsystem: "dns",
          kind: statusChanged ? "zone-verdict" : "zone-serial",
          severity,
          title: statusChanged
            ? `${name}: ${prev ? `${prev.status} → ` : ""}${c.status}`
            : `${name}: serial ${prev?.serial} → ${c.serial}`,
          detail: c.reason.slice(0, 300),
          url: zoneUrl(name),
          entity: { type: "name", value: nameKey(name) },
        });
      }
      return events.reverse().slice(0, q.limit);
    },
  };
}
