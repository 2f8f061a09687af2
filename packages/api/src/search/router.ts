/** search.query, entity.get, timeline.list: read-only, for every role (providers drop what a role may not read). */
import { entityGetInputSchema, searchInputSchema, timelineInputSchema } from "@netops/protocols";
import { router, viewerProcedure } from "../trpc";
import { searchService } from "./service";

export const searchRouter = router({
  query: viewerProcedure
    .input(searchInputSchema)
    .query(({ ctx, input }) => searchService(ctx.services).search(input, ctx.user.role)),
});

export const entityRouter = router({
  get: viewerProcedure
    .input(entityGetInputSchema)
    .query(({ ctx, input }) => searchService(ctx.services).entity(input, ctx.user.role)),
});

export const timelineRouter = router({
  list: viewerProcedure
    .input(timelineInputSchema)
    .query(({ ctx, input }) => searchService(ctx.services).timeline(input, ctx.user.role)),
});
