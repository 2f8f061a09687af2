// tRPC procedures of the BGP page. Read-only: events arrive through the collectors, not the API.
import { z } from "zod";
import { DomainError } from "../../errors";
import { router, viewerProcedure } from "../../trpc";
import { bgpEventFilterSchema, bgpSessionSchema, bgpUnparsedFilterSchema } from "./schema";

export const bgpRouter = router({
  // Events are only ever added (by collectors, on any replica): a cached page shows them within
  // server.listCacheMs.
  events: viewerProcedure
    .meta({ listCache: { droppedBy: [] } })
    .input(bgpEventFilterSchema)
    .query(({ ctx, input }) => ctx.services.bgp.search(input)),
  event: viewerProcedure
    .input(z.object({ id: z.number().int().positive() }))
    .query(async ({ ctx, input }) => {
      const e = await ctx.services.bgp.get(input.id);
      if (!e) throw new DomainError("not-found", `no BGP event ${input.id}`);
      return e;
    }),
  session: viewerProcedure
    .input(bgpSessionSchema)
    .query(({ ctx, input }) => ctx.services.bgp.session(input.router, input.peer, input.limit)),
  routers: viewerProcedure.query(({ ctx }) => ctx.services.bgp.routers()),
  /** Log lines that looked like BGP events but no parser understood (kept in the database). */
  unparsed: viewerProcedure
    .input(bgpUnparsedFilterSchema)
    .query(({ ctx, input }) => ctx.services.bgp.listUnparsed(input)),
  status: viewerProcedure.query(async ({ ctx }) => {
    const bgp = ctx.services.bgp;
    const since = new Date(Date.now() - 86_400_000);
    return {
      collectors: [...bgp.collectors].map(([name, detail]) => ({ name, detail })),
      counters: { ...bgp.counters },
      unparsed: bgp.unparsed.slice(-50).reverse(),
      last24h: await bgp.stats(since),
    };
  }),
});
