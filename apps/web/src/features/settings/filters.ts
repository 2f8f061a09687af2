/** The settings pages' state in the URL (read and written by lib/urlState). */
import { z } from "zod";
import { resolveTimeRange, timeRangeShape } from "../../lib/timeRange";

/** The audit log's filters, at the API's limits; the time range as lib/timeRange writes it. */
export const auditFiltersSchema = z.object({
  action: z.string().trim().max(100).default(""),
  actor: z.string().trim().max(64).default(""),
  target: z.string().trim().max(300).default(""),
  ...timeRangeShape(),
});

export type AuditFilters = z.output<typeof auditFiltersSchema>;

/** The `audit.list` input for these filters at `now` (relative ranges resolve against it). */
export function toAuditInput(f: AuditFilters, now: number) {
  return {
    ...(f.action && { action: f.action }),
    ...(f.actor && { actor: f.actor }),
    ...(f.target && { target: f.target }),
    ...resolveTimeRange(f, now),
  };
}

/** The webhook delivery log's receiver (empty: every receiver). */
export const webhookParamsSchema = z.object({ receiver: z.string().default("") });
