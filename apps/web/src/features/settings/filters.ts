/** The settings pages' state in the URL (read and written by lib/urlState). */
import { z } from "zod";

/** The audit log's filters, at the API's limits. */
export const auditFiltersSchema = z.object({
  action: z.string().trim().max(100).default(""),
  actor: z.string().trim().max(64).default(""),
});

/** The webhook delivery log's receiver (empty: every receiver). */
export const webhookParamsSchema = z.object({ receiver: z.string().default("") });
