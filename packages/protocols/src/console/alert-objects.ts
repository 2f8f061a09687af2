/**
 * What an alert is about, and silences derived from alerts: pure rules shared by the alert service,
 * the mock API and the web app.
 */
import { z } from "zod";
import type { AlertLink, Labels, Matcher } from "./alerts";

/** Bulk actions: up to 200 distinct alert ids. */
export const alertIdsSchema = z
  .array(z.number().int().positive())
  .min(1, "select at least one alert")
  .max(200, "at most 200 alerts at once")
  .refine((ids) => new Set(ids).size === ids.length, "each alert once");

export const bulkAlertActionSchema = z.object({ ids: alertIdsSchema, note: z.string().max(1024).optional() });

/** Silence each of these alerts (one silence per alert, matching exactly its condition). */
export const silenceAlertsInputSchema = z
  .object({
    ids: alertIdsSchema,
    startsAt: z.iso.datetime().optional(),
    endsAt: z.iso.datetime(),
    comment: z.string().min(1, "say why").max(1024),
  })
  .refine((s) => !s.startsAt || s.startsAt < s.endsAt, {
    path: ["endsAt"],
    message: "endsAt must be after startsAt",
  });

/** A bulk action's answer for one alert: refusals (resolved, unknown) are per alert, not the batch's. */
export interface BulkAlertResult {
  id: number;
  ok: boolean;
  state: string | null;
  error: string | null;
}

/**
 * The object an alert is about: its first link, which modules point at the object's page (a zone,
 * a host, a BGP session). Alerts with the same first link are about the same object.
 */
export function alertObjectHref(a: { links: readonly AlertLink[] }): string | null {
  return a.links[0]?.href ?? null;
}

/**
 * An object page's own alerts (`alerts.forObject`): those with a link to one of the object's pages.
 * An object has several pages (by name and by old id: `/dns/corrupt.example`, `/dns/<id>`), so
 * several hrefs; any of an alert's links counts (an RDAP finding links the host page second).
 */
export const alertsForObjectSchema = z.object({
  hrefs: z
    .array(
      z
        .string()
        .min(2)
        .max(2048)
        .refine((h) => h.startsWith("/") && !h.startsWith("//"), "a console path starting with '/'"),
    )
    .min(1, "name at least one page of the object")
    .max(8, "at most 8 pages of one object"),
  limit: z.number().int().min(1).max(100).default(20),
});
export type AlertsForObjectInput = z.input<typeof alertsForObjectSchema>;

/** The alert links to one of these pages (alertsForObjectSchema). */
export function alertLinksTo(a: { links: readonly AlertLink[] }, hrefs: readonly string[]): boolean {
  return a.links.some((l) => hrefs.includes(l.href));
}

/** Matchers that select exactly this alert's condition: its source and every label. */
export function matchersForAlert(a: { source: string; labels: Labels }): Matcher[] {
  return [
    { name: "source", op: "=", value: a.source },
    ...Object.keys(a.labels)
      .sort()
      .map((k) => ({ name: k, op: "=" as const, value: a.labels[k] ?? "" })),
  ];
}

const sameMatchers = (x: readonly Matcher[], y: readonly Matcher[]) =>
  x.length === y.length &&
  x.every((m, i) => m.name === y[i]?.name && m.op === y[i]?.op && m.value === y[i]?.value);

/**
 * How an edit applies to a silence (Alertmanager's rules): a pending silence changes in place; an
 * active one changes in place when it keeps its matchers and start (a new end or comment), and is
 * otherwise expired and replaced by a new silence, so what it muted stays on record; an expired
 * silence is not edited (create a new one).
 */
export function silenceEditPlan(
  current: { state: "pending" | "active" | "expired"; matchers: readonly Matcher[]; startsAt: string },
  next: { matchers: readonly Matcher[]; startsAt?: string | undefined },
): { kind: "in-place" } | { kind: "replace" } | { kind: "refused"; message: string } {
  if (current.state === "expired") return { kind: "refused", message: "an expired silence cannot be edited" };
  if (current.state === "pending") return { kind: "in-place" };
  const startKept = next.startsAt === undefined || Date.parse(next.startsAt) === Date.parse(current.startsAt);
  return sameMatchers(current.matchers, next.matchers) && startKept
    ? { kind: "in-place" }
    : { kind: "replace" };
}
