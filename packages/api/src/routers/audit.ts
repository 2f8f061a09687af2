import { auditFilterSchema } from "@netops/protocols";
import { adminProcedure, router } from "../trpc";

export const auditRouter = router({
  list: adminProcedure
    // The filter is shared with the mock API (@netops/protocols audit-filter.ts).
    .input(auditFilterSchema)
    .query(({ ctx, input }) => ctx.services.audit.list(input)),
});
