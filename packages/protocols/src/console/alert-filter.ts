/**
 * The alert list's filter, shared by the alert service (which turns it into SQL) and the mock API
 * (which applies it to fixtures).
 */
import { z } from "zod";
import { ALERT_SORTS, decodeAlertCursor, SORT_ORDERS } from "./alert-sort";
import { ALERT_SOURCES, ALERT_STATES, severitySchema } from "./alerts";

export const alertFilterSchema = z
  .object({
    state: z.array(z.enum(ALERT_STATES)).max(3).optional(),
    severity: z.array(severitySchema).max(3).optional(),
    source: z.array(z.enum(ALERT_SOURCES)).max(6).optional(),
    q: z.string().max(200).optional(),
    silenced: z.enum(["include", "exclude", "only"]).default("include"),
    limit: z.number().int().min(1).max(500).default(100),
    /** Order of the list (alert-sort.ts): worst severity first, then newest, unless asked otherwise. */
    sort: z.enum(ALERT_SORTS).default("severity"),
    order: z.enum(SORT_ORDERS).default("desc"),
    /** Keyset cursor (alert-sort.ts): the last alert of the previous page, in this sort. */
    cursor: z.string().min(1).max(700).optional(),
  })
  .superRefine((f, ctx) => {
    if (f.cursor === undefined) return;
    const c = decodeAlertCursor(f.cursor);
    if ("error" in c) ctx.addIssue({ code: "custom", path: ["cursor"], message: c.error });
    else if (c.sort !== f.sort || c.order !== f.order)
      ctx.addIssue({
        code: "custom",
        path: ["cursor"],
        message: `a cursor of the ${c.sort} ${c.order} order, not of ${f.sort} ${f.order}`,
      });
  });
export type AlertFilter = z.input<typeof alertFilterSchema>;

/** ASCII-only lower case: SQLite's LIKE folds A-Z and nothing else. */
const foldAscii = (s: string) => s.replace(/[A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 32));

/**
 * A text filter as the server's Prisma `contains` runs it on SQLite (LIKE '%needle%'): a
 * substring, case folded for ASCII letters only. For in-memory lists that must find what the
 * server finds (the mock API).
 */
export function likeContains(haystack: string | null | undefined, needle: string): boolean {
  return haystack != null && foldAscii(haystack).includes(foldAscii(needle));
}

/**
 * The text search `q` as the server's `contains` runs it on SQLite (LIKE '%q%'): a substring of the
 * summary, the details or the stored labels JSON, case folded for ASCII letters only.
 */
export function alertTextMatches(
  a: { summary: string; details: string; labels: Record<string, string> },
  q: string,
): boolean {
  return [a.summary, a.details, JSON.stringify(a.labels)].some((h) => likeContains(h, q));
}
