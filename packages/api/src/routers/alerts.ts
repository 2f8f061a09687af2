import {
  alertsForObjectSchema,
  type BulkAlertResult,
  bulkAlertActionSchema,
  matchersForAlert,
  matcherSchema,
  silenceAlertsInputSchema,
  silenceInputSchema,
  silenceMatches,
} from "@netops/protocols";
import { tracked } from "@trpc/server";
import { z } from "zod";
import { DomainError } from "../errors";
import { alertFilterSchema } from "../services/alerts";
import { audit, operatorProcedure, router, viewerProcedure } from "../trpc";

const idInput = z.object({ id: z.number().int().positive() });

/** Runs `one` for each id in turn; a refusal (resolved, unknown) is that id's result, not the batch's. */
async function eachAlert(
  ids: number[],
  one: (id: number) => Promise<{ state: string }>,
): Promise<BulkAlertResult[]> {
  const out: BulkAlertResult[] = [];
  for (const id of ids) {
    try {
      out.push({ id, ok: true, state: (await orNotFound(one(id))).state, error: null });
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      out.push({ id, ok: false, state: null, error: e.message });
    }
  }
  return out;
}

async function orNotFound<T>(p: Promise<T>): Promise<T> {
  try {
    return await p;
  } catch (e) {
    if ((e as { code?: string }).code === "P2025" || (e as Error).name === "NotFoundError")
      throw new DomainError("not-found", "no such alert");
    throw e;
  }
}

export const alertsRouter = router({
  list: viewerProcedure
    .meta({ listCache: { droppedBy: ["alert", "silence"] } })
    .input(alertFilterSchema)
    .query(({ ctx, input }) => ctx.services.alerts.list(input)),

  /** Firing and acknowledged alerts, worst first: the on-call view. */
  active: viewerProcedure
    .meta({ listCache: { droppedBy: ["alert", "silence"] } })
    .query(({ ctx }) => ctx.services.alerts.active()),

  get: viewerProcedure.input(idInput).query(async ({ ctx, input }) => {
    const a = await ctx.services.alerts.get(input.id);
    if (!a) throw new DomainError("not-found", `no alert ${input.id}`);
    const deliveries = await ctx.services.webhooks.deliveries({ alertId: input.id, limit: 50 });
    return { ...a, deliveries };
  }),

  counts: viewerProcedure.query(({ ctx }) => ctx.services.alerts.counts()),

  acknowledge: operatorProcedure
    .input(idInput.extend({ note: z.string().max(1024).optional() }))
    .mutation(async ({ ctx, input }) => {
      const r = await orNotFound(ctx.services.alerts.acknowledge(input.id, ctx.user.username, input.note));
      await audit(ctx, "alerts.acknowledge", `alert ${input.id}`, r.before, r.after);
      return r.after;
    }),

  unacknowledge: operatorProcedure.input(idInput).mutation(async ({ ctx, input }) => {
    const r = await orNotFound(ctx.services.alerts.unacknowledge(input.id, ctx.user.username));
    await audit(ctx, "alerts.unacknowledge", `alert ${input.id}`, r.before, r.after);
    return r.after;
  }),

  resolve: operatorProcedure
    .input(idInput.extend({ note: z.string().max(1024).optional() }))
    .mutation(async ({ ctx, input }) => {
      const r = await orNotFound(ctx.services.alerts.resolveById(input.id, ctx.user.username, input.note));
      await audit(ctx, "alerts.resolve", `alert ${input.id}`, r.before, r.after);
      return r.after;
    }),

  /** Acknowledge several alerts; each change is audited on its own, refusals come back per alert. */
  acknowledgeMany: operatorProcedure.input(bulkAlertActionSchema).mutation(async ({ ctx, input }) => ({
    results: await eachAlert(input.ids, async (id) => {
      const r = await ctx.services.alerts.acknowledge(id, ctx.user.username, input.note);
      if (r.after.state !== r.before.state)
        await audit(ctx, "alerts.acknowledge", `alert ${id}`, r.before, r.after);
      return r.after;
    }),
  })),

  resolveMany: operatorProcedure.input(bulkAlertActionSchema).mutation(async ({ ctx, input }) => ({
    results: await eachAlert(input.ids, async (id) => {
      const r = await ctx.services.alerts.resolveById(id, ctx.user.username, input.note);
      if (r.after.state !== r.before.state)
        await audit(ctx, "alerts.resolve", `alert ${id}`, r.before, r.after);
      return r.after;
    }),
  })),

  /** The other alerts about this alert's object (its first link), newest first. */
  related: viewerProcedure.input(idInput).query(({ ctx, input }) => ctx.services.alerts.related(input.id)),

  /** An object page's own alerts: those linking to one of its pages, any state, newest first. */
  forObject: viewerProcedure
    .input(alertsForObjectSchema)
    .query(({ ctx, input }) => ctx.services.alerts.forObject(input.hrefs, input.limit)),

  /**
   * Live changes (SSE): the browser refetches what it shows when one arrives. Each carries its
   * database event id (tracked), so a browser reconnecting to any replica sends the last one and
   * gets what it missed; `hello` (first connection, or too much missed) means: refetch everything.
   */
  onChange: viewerProcedure
    .input(
      z
        .object({
          lastEventId: z
            .string()
            .regex(/^\d{1,15}$/, "lastEventId: an event id this server sent (digits)")
            .nullish(),
        })
        .optional(),
    )
    .subscription(async function* ({ ctx, input, signal }) {
      for await (const e of ctx.services.live.stream(input?.lastEventId, signal))
        yield tracked(String(e.id), e.event);
    }),
});

export const silencesRouter = router({
  list: viewerProcedure
    .input(z.object({ state: z.enum(["pending", "active", "expired"]).optional() }))
    .query(({ ctx, input }) => ctx.services.alerts.listSilences(input.state)),

  create: operatorProcedure.input(silenceInputSchema).mutation(async ({ ctx, input }) => {
    if (new Date(input.endsAt) <= new Date()) {
      throw new DomainError("invalid", "endsAt: must be in the future");
    }
    const s = await ctx.services.alerts.createSilence(input, ctx.user.username);
    await audit(ctx, "silences.create", s.id, null, s);
    return s;
  }),

  /** Edits a silence: pending ones (and active ones keeping matchers and start) in place, else replaced. */
  update: operatorProcedure
    .input(z.object({ id: z.string().min(1).max(64) }).and(silenceInputSchema))
    .mutation(async ({ ctx, input }) => {
      if (new Date(input.endsAt) <= new Date())
        throw new DomainError("invalid", "endsAt: must be in the future");
      const { id, ...fields } = input;
      const r = await ctx.services.alerts.updateSilence(id, fields, ctx.user.username);
      await audit(ctx, "silences.update", id, r.before, r.after);
      return r.after;
    }),

  /** One silence per alert, matching exactly its condition (source and every label). */
  createForAlerts: operatorProcedure.input(silenceAlertsInputSchema).mutation(async ({ ctx, input }) => {
    if (new Date(input.endsAt) <= new Date())
      throw new DomainError("invalid", "endsAt: must be in the future");
    const out = [];
    for (const id of input.ids) {
      const a = await ctx.services.alerts.get(id);
      if (!a) throw new DomainError("not-found", `no alert ${id}`);
      const s = await ctx.services.alerts.createSilence(
        {
          matchers: matchersForAlert(a.alert),
          startsAt: input.startsAt,
          endsAt: input.endsAt,
          comment: input.comment,
        },
        ctx.user.username,
      );
      await audit(ctx, "silences.create", s.id, null, s);
      out.push(s);
    }
    return out;
  }),

  expire: operatorProcedure
    .input(z.object({ id: z.string().min(1).max(64) }))
    .mutation(async ({ ctx, input }) => {
      const r = await ctx.services.alerts.expireSilence(input.id, ctx.user.username).catch(() => {
        throw new DomainError("not-found", "no such silence");
      });
      await audit(ctx, "silences.expire", input.id, r.before, r.after);
      return r.after;
    }),

  /** Which active alerts a draft silence would match, before it is created. */
  preview: viewerProcedure
    .input(z.object({ matchers: z.array(matcherSchema).min(1).max(16) }))
    .query(async ({ ctx, input }) => {
      const active = await ctx.services.alerts.active();
      return active.filter((a) => silenceMatches(input.matchers, a)).map((a) => a.id);
    }),
});
