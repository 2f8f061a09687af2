import { ALERT_SOURCES, secret, severitySchema } from "@netops/protocols";
import { z } from "zod";
import { DomainError } from "../errors";
import { adminProcedure, audit, router } from "../trpc";

const urlSchema = z.url({ protocol: /^https?$/, error: "an http:// or https:// URL" }).max(2048);
const receiverInput = z.object({
  name: z.string().trim().min(1).max(64),
  url: urlSchema,
  /** HMAC key for the signature header; at least 16 characters. */
  secret: secret(z.string().min(16, "at least 16 characters").max(256)),
  minSeverity: severitySchema.default("warning"),
  sources: z.array(z.enum(ALERT_SOURCES)).max(6).default([]),
  sendResolved: z.boolean().default(true),
});

function conflict(e: unknown): never {
  if ((e as { code?: string }).code === "P2002")
    throw new DomainError("conflict", "name: a receiver with that name exists");
  if ((e as { code?: string }).code === "P2025") throw new DomainError("not-found", "no such receiver");
  throw e;
}

export const webhooksRouter = router({
  list: adminProcedure.query(({ ctx }) => ctx.services.webhooks.list()),

  create: adminProcedure.input(receiverInput).mutation(async ({ ctx, input }) => {
    const r = await ctx.services.webhooks.create(input).catch(conflict);
    await audit(ctx, "webhooks.create", r.name, null, r);
    return r;
  }),

  update: adminProcedure
    .input(receiverInput.partial().extend({ id: z.string().min(1).max(64), enabled: z.boolean().optional() }))
    .mutation(async ({ ctx, input }) => {
      const { id, ...patch } = input;
      const r = await ctx.services.webhooks.update(id, patch).catch(conflict);
      await audit(ctx, "webhooks.update", r.after.name, r.before, r.after);
      return r.after;
    }),

  remove: adminProcedure
    .input(z.object({ id: z.string().min(1).max(64) }))
    .mutation(async ({ ctx, input }) => {
      const before = await ctx.services.webhooks.remove(input.id).catch(conflict);
      await audit(ctx, "webhooks.remove", before.name, before, null);
      return { ok: true };
    }),

  test: adminProcedure.input(z.object({ id: z.string().min(1).max(64) })).mutation(async ({ ctx, input }) => {
    const deliveryId = await ctx.services.webhooks.sendTest(input.id, ctx.user.username).catch(conflict);
    await ctx.services.webhooks.deliverDue();
    // The receiver's answer is the outcome: a test the receiver refused is not an ok entry.
    const d = await ctx.services.db.webhookDelivery.findUnique({
      where: { id: deliveryId },
      include: { receiver: { select: { name: true } } },
    });
    const delivered = d?.status === "delivered";
    await audit(
      ctx,
      "webhooks.test",
      d?.receiver.name ?? input.id,
      null,
      { deliveryId, status: d?.status ?? null, attempts: d?.attempts ?? 0 },
      {
        ok: delivered,
        code: d?.lastStatus ?? null,
        text: delivered ? "delivered" : (d?.lastError ?? `not delivered (${d?.status ?? "unknown"})`),
      },
    );
    return { deliveryId };
  }),

  deliveries: adminProcedure
    .input(
      z.object({
        receiverId: z.string().max(64).optional(),
        limit: z.number().int().min(1).max(500).default(100),
      }),
    )
    .query(({ ctx, input }) => ctx.services.webhooks.deliveries(input)),
});
