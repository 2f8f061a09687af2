import { z } from "zod";
import { adminProcedure, router } from "../trpc";

export const auditRouter = router({
  list: adminProcedure
    .input(
      z.object({
        action: z.string().max(100).optional(),
        actor: z.string().max(64).optional(),
        cursor: z.number().int().positive().optional(),
        limit: z.number().int().min(1).max(500).default(100),
      }),
    )
    .query(({ ctx, input }) => ctx.services.audit.list(input)),
});
