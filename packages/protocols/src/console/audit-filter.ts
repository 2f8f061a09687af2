/** The audit trail's list filter, shared by the API (validation, then SQL) and the mock API. */
import { z } from "zod";

const instant = z.string().datetime({ offset: true, message: "not an ISO 8601 time with its zone" });

export const auditFilterSchema = z
  .object({
    /** Prefix of the action ("alerts." finds every alert change). */
    action: z.string().max(100).optional(),
    /** Exact actor name. */
    actor: z.string().max(64).optional(),
    /** Exact target (an object's change log: a zone's name, a host's name, `alert 12`). */
    target: z.string().min(1).max(300).optional(),
    /** Entries at or after this instant. */
    from: instant.optional(),
    /** Entries before this instant. */
    to: instant.optional(),
    /** Keyset cursor: the id of the last entry of the previous page (newest first). */
    cursor: z.number().int().positive().optional(),
    limit: z.number().int().min(1).max(500).default(100),
  })
  .refine((f) => !f.from || !f.to || Date.parse(f.from) < Date.parse(f.to), {
    message: "from is not before to",
    path: ["to"],
  });
export type AuditFilter = z.input<typeof auditFilterSchema>;

/** Whether an entry passes the filter (the mock API's rule; the API says the same in SQL). */
export function auditEntryMatches(
  e: { action: string; actorName: string; target: string | null; at: string },
  f: Pick<z.output<typeof auditFilterSchema>, "action" | "actor" | "target" | "from" | "to">,
): boolean {
  const at = Date.parse(e.at);
  return (
    (!f.action || e.action.startsWith(f.action)) &&
    (!f.actor || e.actorName === f.actor) &&
    (!f.target || e.target === f.target) &&
    (!f.from || at >= Date.parse(f.from)) &&
    (!f.to || at < Date.parse(f.to))
  );
}
