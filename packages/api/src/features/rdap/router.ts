/** tRPC `rdap`: read-only lookups and searches for viewers; outbound reach is the guard's to decide. */
import { z } from "zod";
import { operatorProcedure, router, viewerProcedure } from "../../trpc";
import { pickQuery, RDAP_QUERY_TYPES } from "@netops/protocols/rdap";

// Same shape rules as the protocol builders, checked before anything leaves the console.
const NAME = /^[A-Za-z0-9_.-]+$/;
const url = z
  .string()
  .max(2048)
  .refine((u) => /^https?:\/\//i.test(u), "an http(s) URL from a previous RDAP response");

export const rdapQueryInput = z
  .object({
    q: z.string().min(1, "type a domain, IP, prefix, AS number or handle").max(255),
    type: z.enum(RDAP_QUERY_TYPES).default("auto"),
    by: z.enum(["name", "nsLdhName", "nsIp", "ip", "fn", "handle"]).optional(),
    sort: z
      .string()
      .max(200)
      .regex(/^[A-Za-z0-9_.-]+(:[ad])?(,[A-Za-z0-9_.-]+(:[ad])?)*$/, "property[:a|d], comma-separated")
      .optional(),
    fieldSet: z.string().max(64).regex(NAME, "a field set name (id, brief, full …)").optional(),
    count: z.boolean().default(true),
    cursor: z.string().min(1).max(1024).optional(),
  })
  .strict();

export const rdapRouter = router({
  /** One search box input → lookup or search; errors come back in the result, per query. */
  query: viewerProcedure.input(rdapQueryInput).query(async ({ ctx, input }) => {
    // A name the console knows as an EPP host object is a nameserver, not a domain (which the
    // registry's RDAP server would answer 404): "recognise" picks the lookup from what it knows.
    if (input.type === "auto") {
      const c = pickQuery(input);
      if (
        c.ok &&
        c.query.kind === "domain" &&
        (await ctx.services.registry.knownAs(c.normalized)) === "host"
      ) {
        const r = await ctx.services.rdap.query({ ...input, type: "nameserver" });
        return { ...r, picked: r.picked && { ...r.picked, because: "a host object in the registry (EPP)" } };
      }
    }
    return ctx.services.rdap.query(input);
  }),

  /** Follows the server's paging link (RFC 8977 `next`). */
  next: viewerProcedure
    .input(z.object({ url }).strict())
    .query(({ ctx, input }) => ctx.services.rdap.follow(input.url)),

  /** The object at `url`, then its `related` RDAP links (the registrar). */
  related: viewerProcedure
    .input(z.object({ url }).strict())
    .query(({ ctx, input }) => ctx.services.rdap.related(input.url)),

  /** The last EPP ↔ RDAP consistency check (job `rdap-consistency`), or null before the first. */
  consistency: viewerProcedure.query(({ ctx }) => ctx.services.rdap.consistencyReport()),

  /** Runs the consistency check now (hosts and domains; outbound RDAP queries, so operators only). */
  checkConsistency: operatorProcedure.mutation(({ ctx }) => ctx.services.rdap.checkConsistencyNow()),

  /** What the page needs to know before the first query. */
  status: viewerProcedure.query(async ({ ctx }) => ({
    ...(await ctx.services.rdap.health()),
    enabled: ctx.services.rdap.enabled,
    lab: ctx.services.rdap.labUrl !== null,
    bootstrap: ctx.services.rdap.bootstrapStatus(),
  })),
});
