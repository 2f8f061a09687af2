/**
 * The console's alerts in search, on entity pages (alerts labelled with the entity, firing and
 * past) and on the timeline (fired, acknowledged, resolved). Every role may read alerts.
 */
import {
  containsProbe,
  type EntityItem,
  type EntityRef,
  type Labels,
  rankMatch,
  type SearchHit,
  type Severity,
  type TimelineEvent,
} from "@netops/protocols";
import { jsonColumn } from "../json-column";
import type { EntityLinkProvider, SearchProvider, TimelineSource } from "../modules/contract";
import { alertIdsReferring } from "../services/alert-refs";
import type { Services } from "../services";
import { entityOfLabels, withEntity } from "./event-entity";
import { ALERT_TEXT, containsCondition } from "./contains";
import { containsLiterally, nameKey } from "./recent";
import { searchSql } from "./sql";

interface AlertRow {
  id: number;
  source: string;
  severity: string;
  state: string;
  summary: string;
  labels: string;
  firstSeenAt: Date;
  lastSeenAt: Date;
}

const ALERT_COLS = `"id", "source", "severity", "state", "summary", "labels", "firstSeenAt", "lastSeenAt"`;

/** The newest alerts whose summary or labels contain `text` (at most `take`), through the trigram index. */
async function matching(s: Services, text: string, take: number): Promise<AlertRow[]> {
  const probe = containsProbe(text);
  if (!probe) return [];
  const sql = await searchSql(s);
  // A probe shorter than the text matches more rows than the text: read more, keep the literal ones.
  const want = probe === text ? take : take * 4;
  const c = containsCondition(sql, ALERT_TEXT, probe, want);
  const rows = await sql.all<AlertRow>(
    `SELECT ${ALERT_COLS} FROM "Alert" WHERE ${c.where} ORDER BY "id" DESC LIMIT ?`,
    ...c.params,
    want,
  );
  return rows
    .map((a) => ({
      ...a,
      id: Number(a.id),
      firstSeenAt: sql.date(a.firstSeenAt),
      lastSeenAt: sql.date(a.lastSeenAt),
    }))
    .filter((a) => containsLiterally(a.summary, text) || containsLiterally(a.labels, text))
    .slice(0, take);
}

/** The label values an alert names things by, compared as names are (lower case, no trailing dot). */
function labelValues(a: AlertRow): string[] {
  return Object.values(jsonColumn<Labels>(a.labels, {})).map((v) => nameKey(String(v)));
}

function detail(a: Pick<AlertRow, "severity" | "state" | "source">): string {
  return `${a.severity} · ${a.state} · ${a.source}`;
}

export function alertsSearch(s: Services): SearchProvider {
  return {
    async search(q, { limit }) {
      const text = q.interpretations.find((r) => r.kind === "text")?.value ?? "";
      // Too short for the trigram index: no partial matches (the result's hint says so).
      if (!containsProbe(text)) return [];
      const wanted = new Set(q.interpretations.map((r) => nameKey(r.value)));
      const rows = await matching(s, text, limit);
      return rows.map((a): SearchHit => {
        const exact = labelValues(a).some((v) => wanted.has(v));
        return {
          subsystem: "alerts",
          kind: "alert",
          key: String(a.id),
          label: a.summary,
          detail: detail(a),
          url: `/alerts/${a.id}`,
          rank: exact ? "exact" : (rankMatch(a.summary, text) ?? "contains"),
        };
      });
    },
  };
}

export function alertsEntity(s: Services): EntityLinkProvider {
  return {
    async sections(entity: EntityRef, { limit }) {
      if (entity.type === "prefix") return [];
      const value = nameKey(entity.value);
      // A label naming the entity exactly, by the AlertRef index (label values as nameKey has them).
      const keys = entity.type === "as" ? [value, `as${value}`] : [value];
      const ids = await alertIdsReferring(s.db, "label", keys, limit + 1);
      const rows = ids.length
        ? await s.db.alert.findMany({
            where: { id: { in: ids } },
            orderBy: { id: "desc" },
            take: ids.length,
            select: { id: true, summary: true, severity: true, source: true, state: true, lastSeenAt: true },
          })
        : [];
      const items = rows.map(
        (a): EntityItem => ({
          kind: "alert",
          key: String(a.id),
          label: a.summary,
          detail: detail(a),
          url: `/alerts/${a.id}`,
          at: a.lastSeenAt.toISOString(),
          severity: a.severity as Severity,
        }),
      );
      if (!items.length) return [];
      return [
        {
          subsystem: "alerts",
          title: "Alerts",
          refreshedAt: null,
          url: "/alerts",
          items: items.slice(0, limit),
          ...(items.length > limit && { more: true }),
        },
      ];
    },
  };
}

const EVENT_KINDS = ["fired", "acknowledged", "resolved"] as const;

export function alertsTimeline(s: Services): TimelineSource {
  return {
    async events(q) {
      let alertIds: number[] | undefined;
      if (q.entity) {
        const page = await alertsEntity(s).sections(q.entity, { role: q.role, limit: 200 });
        alertIds = page.flatMap((sec) => sec.items.map((i) => Number(i.key)));
        if (!alertIds.length) return [];
      }
      const rows = await s.db.alertEvent.findMany({
        where: {
          at: { gte: q.from, lte: q.to },
          kind: { in: [...EVENT_KINDS] },
          ...(alertIds && { alertId: { in: alertIds } }),
          ...(q.severities && { alert: { severity: { in: q.severities } } }),
        },
        orderBy: [{ at: "desc" }, { id: "desc" }],
        take: q.limit,
        select: {
          id: true,
          at: true,
          kind: true,
          actor: true,
          alert: { select: { id: true, summary: true, severity: true, source: true, labels: true } },
        },
      });
      return rows.map(
        (e): TimelineEvent => ({
          id: `alerts:${e.kind}:${e.id}`,
          at: e.at.toISOString(),
          subsystem: "alerts",
          kind: `alert-${e.kind}`,
          severity: (e.kind === "fired" ? e.alert.severity : "info") as Severity,
          title: `${e.kind === "fired" ? "Fired" : e.kind === "acknowledged" ? "Acknowledged" : "Resolved"}: ${e.alert.summary}`,
          detail: `${e.alert.source}${e.actor ? ` · by ${e.actor}` : ""}`,
          url: `/alerts/${e.alert.id}`,
          ...withEntity(entityOfLabels(jsonColumn<Labels>(e.alert.labels, {}))),
        }),
      );
    },
  };
}
