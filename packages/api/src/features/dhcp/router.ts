import { z } from "zod";
import { DomainError } from "../../errors";
import { adminProcedure, audit, operatorProcedure, router, viewerProcedure } from "../../trpc";
import { isKeaSocketPath } from "./kea-socket";
import { SOURCE_KINDS } from "./parsers";
import { leaseFilterSchema, leasePageSchema } from "./query";
import { leasesOfAddress } from "./search";
import { checkSubnetInput } from "@netops/protocols/dhcp";

const sourceInput = z
  .object({
    name: z
      .string()
      .min(1)
      .max(64)
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "letters, digits, '.', '_' and '-'"),
    kind: z.enum(SOURCE_KINDS),
    /**
     * Control Agent URL (http/https) or Kea control socket path (kea-api), or the absolute path of a
     * lease file inside dhcp.leaseDirs (checked against the file system in createSource).
     */
    location: z.string().min(1).max(1024),
    service: z.enum(["dhcp4", "dhcp6"]).optional(),
    staleAfterSeconds: z
      .number()
      .int()
      .min(30)
      .max(30 * 86_400)
      .default(900),
  })
  .superRefine((s, ctx) => {
    if (s.kind === "kea-api") {
      let ok = isKeaSocketPath(s.location) && !s.location.includes("\0");
      try {
        const u = new URL(s.location);
        ok = u.protocol === "http:" || u.protocol === "https:";
      } catch {}
      if (!ok)
        ctx.addIssue({
          code: "custom",
          path: ["location"],
          message:
            "a Kea Control Agent URL (http:// or https://) or the absolute path of a Kea control socket",
        });
    } else if (!s.location.startsWith("/")) {
      ctx.addIssue({ code: "custom", path: ["location"], message: "an absolute path to the lease file" });
    }
  });

/** A pool as "first-last" (spaces around the dash allowed) or a CIDR prefix, see parsePool. */
const poolText = z.string().min(3).max(100);

const subnetInput = z
  .object({
    sourceId: z.number().int().positive(),
    cidr: z.string().min(3).max(64),
    pools: z.array(poolText).min(1).max(100),
    sharedNetwork: z
      .string()
      .trim()
      .min(1)
      .max(64)
      .regex(/^[^\p{Cc}]+$/u, "no control characters")
      .nullable()
      .default(null),
  })
  // Field-level issues (cidr, pools.N) so a form can point at the line; the service checks again.
  .superRefine((s, ctx) => {
    const r = checkSubnetInput(s.cidr, s.pools);
    if (!r.ok) for (const i of r.issues) ctx.addIssue({ code: "custom", path: i.path, message: i.message });
  });

/** A refusal on the `location` field, shown there like an input validation issue. */
function locationRefused(message: string): DomainError {
  return new DomainError("invalid", `location: ${message}`, "location");
}

export const dhcpRouter = router({
  /** Rejected lease records are listed for admins only (a lease file may hold anything); others get the count. */
  overview: viewerProcedure.query(({ ctx }) => ctx.services.dhcp.overview(ctx.user.role)),

  leases: viewerProcedure
    .meta({ listCache: { droppedBy: [] } })
    .input(leasePageSchema)
    .query(({ ctx, input }) => ctx.services.dhcp.leases(input)),

  lease: viewerProcedure
    .input(z.object({ id: z.number().int().positive() }))
    .query(async ({ ctx, input }) => {
      const r = await ctx.services.dhcp.lease(input.id);
      if (!r) throw new DomainError("not-found", `no lease ${input.id}`);
      return r;
    }),

  /** A lease by its natural name, the address (`/dhcp/leases/<address>`): the first lease and every source's. */
  leaseByAddress: viewerProcedure
    .input(
      z.object({
        address: z.string().min(1).max(64),
        prefixLength: z.number().int().min(0).max(128).optional(),
      }),
    )
    .query(async ({ ctx, input }) => {
      const same = await leasesOfAddress(ctx.services, input.address, input.prefixLength);
      if (!same)
        throw new DomainError("invalid", `address: "${input.address}" is not an IP address`, "address");
      const first = same[0] ? await ctx.services.dhcp.lease(same[0].id) : null;
      if (!first) throw new DomainError("not-found", `no lease of ${input.address}`, "address");
      return { ...first, sameAddress: same };
    }),

  exportCsv: viewerProcedure
    .input(leaseFilterSchema.extend({ cursor: leasePageSchema.shape.cursor }))
    .query(({ ctx, input }) => ctx.services.dhcp.exportCsv(input)),

  /** Sources say where the console connects or what it reads: admin only. */
  createSource: adminProcedure.input(sourceInput).mutation(async ({ ctx, input }) => {
    const exists = await ctx.services.db.dhcpSource.findUnique({ where: { name: input.name } });
    if (exists) throw new DomainError("conflict", `a source named ${input.name} exists`);
    const problem =
      input.kind === "kea-api"
        ? await ctx.services.dhcp.keaLocationProblem(input.location)
        : await ctx.services.dhcp.leaseLocationProblem(input.location);
    if (problem) throw locationRefused(problem);
    const row = await ctx.services.db.dhcpSource.create({
      data: { ...input, service: input.kind === "kea-api" ? (input.service ?? "dhcp4") : null },
    });
    await audit(ctx, "dhcp.createSource", `dhcp-source:${row.name}`, null, input);
    return { id: row.id };
  }),

  setSourceEnabled: adminProcedure
    .input(z.object({ id: z.number().int().positive(), enabled: z.boolean() }))
    .mutation(async ({ ctx, input }) => {
      const before = await ctx.services.db.dhcpSource.findUnique({ where: { id: input.id } });
      if (!before) throw new DomainError("not-found", `no source ${input.id}`);
      await ctx.services.db.dhcpSource.update({ where: { id: input.id }, data: { enabled: input.enabled } });
      await audit(
        ctx,
        "dhcp.setSourceEnabled",
        `dhcp-source:${before.name}`,
        { enabled: before.enabled },
        input,
      );
      return { ok: true };
    }),

  deleteSource: adminProcedure
    .input(z.object({ id: z.number().int().positive() }))
    .mutation(async ({ ctx, input }) => {
      const before = await ctx.services.db.dhcpSource.findUnique({ where: { id: input.id } });
      if (!before) throw new DomainError("not-found", `no source ${input.id}`);
      await ctx.services.dhcp.deleteSource(input.id);
      await audit(
        ctx,
        "dhcp.deleteSource",
        `dhcp-source:${before.name}`,
        { name: before.name, kind: before.kind, location: before.location },
        null,
      );
      return { ok: true };
    }),

  pollNow: operatorProcedure
    .input(z.object({ id: z.number().int().positive() }))
    .mutation(async ({ ctx, input }) => {
      const r = await ctx.services.dhcp.pollOne(input.id);
      const out = {
        ok: r.ok,
        upserted: r.upserted,
        removed: r.removed,
        errors: r.errors,
        error: r.error ?? null,
      };
      // The source's answer (Kea's or the lease file's) is the outcome; a failed read is not ok.
      const src = await ctx.services.db.dhcpSource.findUnique({
        where: { id: input.id },
        select: { name: true },
      });
      await audit(ctx, "dhcp.pollNow", `dhcp-source:${src?.name ?? input.id}`, null, out, {
        ok: r.ok,
        code: null,
        text: r.ok ? `read: ${r.upserted} upserted, ${r.removed} removed` : (r.error ?? "failed"),
      });
      return out;
    }),

  addSubnet: operatorProcedure.input(subnetInput).mutation(async ({ ctx, input }) => {
    const src = await ctx.services.db.dhcpSource.findUnique({ where: { id: input.sourceId } });
    if (!src) throw new DomainError("not-found", `no source ${input.sourceId}`);
    if (src.kind === "kea-api")
      throw new DomainError("invalid", "Kea API sources take their subnets from Kea's configuration");
    let row: Awaited<ReturnType<typeof ctx.services.dhcp.addSubnet>>;
    try {
      row = await ctx.services.dhcp.addSubnet(input.sourceId, input.cidr, input.pools, input.sharedNetwork);
    } catch (e) {
      if (e instanceof RangeError) throw new DomainError("invalid", e.message);
      throw e;
    }
    await audit(ctx, "dhcp.addSubnet", `dhcp-subnet:${src.name}:${row.cidr}`, null, input);
    // The new pools' utilization and alerts show now, not on the next collector cycle.
    await ctx.services.dhcp.evaluate();
    return { id: row.id };
  }),

  /** Console-configured subnets only: a Kea API source's subnets mirror Kea's configuration. */
  removeSubnet: operatorProcedure
    .input(z.object({ id: z.number().int().positive() }))
    .mutation(async ({ ctx, input }) => {
      const before = await ctx.services.db.dhcpSubnet.findUnique({
        where: { id: input.id },
        include: { source: true, pools: { orderBy: { lowKey: "asc" } } },
      });
      if (!before) throw new DomainError("not-found", `no subnet ${input.id}`);
      if (before.source.kind === "kea-api" || before.origin !== "console")
        throw new DomainError(
          "invalid",
          `subnet ${before.cidr} of ${before.source.name} comes from Kea's configuration; change it in Kea`,
        );
      await ctx.services.dhcp.removeSubnet(input.id);
      await audit(
        ctx,
        "dhcp.removeSubnet",
        `dhcp-subnet:${before.source.name}:${before.cidr}`,
        {
          cidr: before.cidr,
          sharedNetwork: before.sharedNetwork,
          pools: before.pools.map((p) => ({
            range: `${p.firstAddr}-${p.lastAddr}`,
            warnPct: p.warnPct,
            critPct: p.critPct,
          })),
        },
        null,
      );
      // Clears the removed pools' utilization alerts.
      await ctx.services.dhcp.evaluate();
      return { ok: true };
    }),

  setPoolThresholds: operatorProcedure
    .input(
      z
        .object({
          poolId: z.number().int().positive(),
          warnPct: z.number().int().min(1).max(100).nullable(),
          critPct: z.number().int().min(1).max(100).nullable(),
        })
        .refine((t) => t.warnPct === null || t.critPct === null || t.warnPct <= t.critPct, {
          message: "the warning threshold must not be above the critical one",
          path: ["warnPct"],
        }),
    )
    .mutation(async ({ ctx, input }) => {
      const before = await ctx.services.db.dhcpPool.findUnique({ where: { id: input.poolId } });
      if (!before) throw new DomainError("not-found", `no pool ${input.poolId}`);
      await ctx.services.db.dhcpPool.update({
        where: { id: input.poolId },
        data: { warnPct: input.warnPct, critPct: input.critPct },
      });
      await audit(
        ctx,
        "dhcp.setPoolThresholds",
        `dhcp-pool:${before.firstAddr}-${before.lastAddr}`,
        { warnPct: before.warnPct, critPct: before.critPct },
        { warnPct: input.warnPct, critPct: input.critPct },
      );
      await ctx.services.dhcp.evaluate();
      return { ok: true };
    }),
});
