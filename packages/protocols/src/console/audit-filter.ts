/** The audit trail's list filter, shared by the API (validation, then SQL) and the mock API. */
import { z } from "zod";

export const auditFilterSchema = z.object({
  /** Prefix of the action ("alerts." finds every alert change). */
  action: z.string().max(100).optional(),
  /** Exact actor name. */
  actor: z.string().max(64).optional(),
  /** Keyset cursor: the id of the last entry of the previous page (newest first). */
  cursor: z.number().int().positive().optional(),
  limit: z.number().int().min(1).max(500).default(100),
});
export type AuditFilter = z.input<typeof auditFilterSchema>;
