/**
 * The audit trail in search, on entity pages and on the timeline — for admins only, as the audit
 * list itself is (audit.list is an admin procedure): other roles get nothing from here.
 */
import {
  containsProbe,
  type EntityRef,
  rankMatch,
  roleAtLeast,
  type SearchHit,
  type TimelineEvent,
} from "@netops/protocols";
import type { EntityLinkProvider, SearchProvider, TimelineSource } from "../modules/contract";
import type { Services } from "../services";
import { entityOfText, withEntity } from "./event-entity";
import { AUDIT_TEXT, containsCondition } from "./contains";
import { containsLiterally, nameKey } from "./recent";
import { searchSql } from "./sql";

const SELECT = { id: true, at: true, actorName: true, action: true, target: true, ok: true } as const;

interface Entry {
  id: number;
  at: Date;
  actorName: string;
  action: string;
  target: string | null;
  ok: boolean;
}

/** Audit entries matching `where` (code's SQL, values as parameters), newest first, at most `take`. */
async function entries(
  s: Services,
  where: (like: string) => string,
  params: unknown[],
  take: number,
): Promise<Entry[]> {
  const sql = await searchSql(s);
  const rows = await sql.all<Entry>(
    `SELECT "id", "at", "actorName", "action", "target", "ok" FROM "AuditEntry" WHERE ${where(sql.like)} ORDER BY "id" DESC LIMIT ?`,
    ...params,
    take,
  );
  return rows.map((e) => ({ ...e, id: Number(e.id), at: sql.date(e.at), ok: sql.bool(e.ok) }));
}

function label(e: { action: string; target: string | null }): string {
  return e.target ? `${e.action} ${e.target}` : e.action;
}

export function auditSearch(s: Services): SearchProvider {
  return {
    async search(q, { role, limit }) {
      if (!roleAtLeast(role, "admin")) return [];
      const text = q.interpretations.find((r) => r.kind === "text")?.value ?? "";
      // Too short for the trigram index: no partial matches (the result's hint says so).
      const probe = containsProbe(text);
      if (!probe) return [];
      const want = probe === text ? limit : limit * 4;
      const c = containsCondition(await searchSql(s), AUDIT_TEXT, probe, want);
      const rows = (await entries(s, () => c.where, c.params, want))
        .filter(
          (e) =>
            containsLiterally(e.target, text) ||
            containsLiterally(e.action, text) ||
            containsLiterally(e.actorName, text),
        )
        .slice(0, limit);
      return rows.map(
        (e): SearchHit => ({
          subsystem: "audit",
          kind: "audit",
          key: String(e.id),
          label: label(e),
          detail: `${e.at.toISOString()} · ${e.actorName}${e.ok ? "" : " · failed"}`,
          url: `/settings/audit?entry=${e.id}`,
          rank: (e.target && rankMatch(nameKey(e.target), nameKey(text))) || "contains",
        }),
      );
    },
  };
}

/** Targets that name the entity: the value itself or as a zone is written (trailing dot). */
function targets(entity: EntityRef): string[] {
  return entity.type === "name"
    ? [entity.value, `${entity.value}.`]
    : entity.type === "as"
      ? [entity.value, `AS${entity.value}`]
      : [entity.value];
}

export function auditEntity(s: Services): EntityLinkProvider {
  return {
    async sections(entity, { role, limit }) {
      if (!roleAtLeast(role, "admin")) return [];
      const names = targets(entity);
      // Read by the target index over the whole log (not only its newest rows), newest first.
      const rows = await entries(
        s,
        () => `"target" IN (${names.map(() => "?").join(", ")})`,
        names,
        limit + 1,
      );
      if (!rows.length) return [];
      return [
        {
          subsystem: "audit",
          title: "Audit log",
          refreshedAt: null,
          url: "/settings/audit",
          items: rows.slice(0, limit).map((e) => ({
            kind: "audit",
            key: String(e.id),
            label: label(e),
            detail: `${e.actorName}${e.ok ? "" : " · failed"}`,
            url: `/settings/audit?entry=${e.id}`,
            at: e.at.toISOString(),
          })),
          ...(rows.length > limit && { more: true }),
        },
      ];
    },
  };
}

export function auditTimeline(s: Services): TimelineSource {
  return {
    async events(q) {
      if (!roleAtLeast(q.role, "admin")) return [];
      if (q.severities && !q.severities.includes("info")) return [];
      const rows = await s.db.auditEntry.findMany({
        where: { at: { gte: q.from, lte: q.to }, ...(q.entity && { target: { in: targets(q.entity) } }) },
        orderBy: [{ at: "desc" }, { id: "desc" }],
        take: q.limit,
        select: SELECT,
      });
      return rows.map(
        (e): TimelineEvent => ({
          id: `audit:entry:${e.id}`,
          at: e.at.toISOString(),
          subsystem: "audit",
          kind: "audit",
          severity: "info",
          title: label(e),
          detail: `by ${e.actorName}${e.ok ? "" : " · failed"}`,
          url: `/settings/audit?entry=${e.id}`,
          ...withEntity(e.target ? entityOfText(e.target) : null),
        }),
      );
    },
  };
}
