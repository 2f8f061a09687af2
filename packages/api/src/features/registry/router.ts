/** tRPC `registry`: connections (admin), hosts, domain lookup, the poll queue and the transcript. */
import { z } from "zod";
import type { Context } from "../../context";
import type { AuditResult } from "../../services/audit";
import { adminProcedure, audit, operatorProcedure, router, viewerProcedure } from "../../trpc";
import {
  connectionCreateSchema,
  connectionRef,
  connectionUpdateSchema,
  contactId,
  contactRef,
  domainCreateSchema,
  domainRef,
  domainRenewSchema,
  domainUpdateSchema,
  hostCreateSchema,
  hostName,
  hostRef,
  hostUpdateSchema,
  transcriptSearchSchema,
  transferAnswerSchema,
} from "./schemas";
import type { EppOutcome } from "./shared";

const idInput = z.object({ id: z.string().min(1).max(64) });

/** The registry's answer as the audit keeps it: its result code and its own words. */
const eppResult = (o: EppOutcome): AuditResult => ({
  ok: o.ok,
  code: o.code,
  text: o.message && o.message !== o.meaning ? o.message : o.meaning,
});

/**
 * Audits a command the registry carried out or refused. Carried out: before/after as given. Refused:
 * nothing changed, so no before/after pair (no diff), only what was asked and the transaction ids.
 */
async function auditEpp(
  ctx: Context,
  action: string,
  target: string,
  o: EppOutcome,
  change: { request?: unknown; before?: unknown; after?: Record<string, unknown> },
): Promise<void> {
  const request = change.request === undefined ? {} : { request: change.request };
  if (o.ok) {
    await audit(
      ctx,
      action,
      target,
      change.before ?? null,
      { ...request, result: o, ...change.after },
      eppResult(o),
    );
    return;
  }
  await audit(
    ctx,
    action,
    target,
    undefined,
    { ...request, transaction: { clTRID: o.clTRID, svTRID: o.svTRID } },
    eppResult(o),
  );
}

export const registryRouter = router({
  connections: viewerProcedure.query(({ ctx }) => ctx.services.registry.listConnections()),

  connection: viewerProcedure
    .input(idInput)
    .query(({ ctx, input }) => ctx.services.registry.getConnection(input.id)),

  createConnection: adminProcedure.input(connectionCreateSchema).mutation(async ({ ctx, input }) => {
    const c = await ctx.services.registry.createConnection(input);
    // The view has no secrets: it is what the audit keeps.
    await audit(ctx, "registry.createConnection", c.name, null, c);
    return c;
  }),

  updateConnection: adminProcedure.input(connectionUpdateSchema).mutation(async ({ ctx, input }) => {
    const { before, after } = await ctx.services.registry.updateConnection(input);
    await audit(ctx, "registry.updateConnection", after.name, before, {
      ...after,
      passwordChanged: input.password !== undefined,
      clientKeyChanged: input.clientKey !== undefined,
    });
    return after;
  }),

  removeConnection: adminProcedure.input(idInput).mutation(async ({ ctx, input }) => {
    const before = await ctx.services.registry.removeConnection(input.id);
    await audit(ctx, "registry.removeConnection", before.name, before, null);
    return { ok: true };
  }),

  reconnect: adminProcedure.input(idInput).mutation(async ({ ctx, input }) => {
    const c = await ctx.services.registry.reconnect(input.id);
    await audit(
      ctx,
      "registry.reconnect",
      c.name,
      null,
      { state: c.state, sessions: c.sessions.length },
      {
        ok: c.state === "connected",
        code: null,
        text: c.state === "connected" ? "connected" : (c.lastError ?? c.state),
      },
    );
    return c;
  }),

  hosts: viewerProcedure
    .input(
      z
        .object({
          connectionId: z.string().min(1).max(64).optional(),
          q: z.string().trim().max(253).optional(),
          sponsoredOnly: z.boolean().default(false),
        })
        .default({ sponsoredOnly: false }),
    )
    .query(({ ctx, input }) => ctx.services.registry.listHosts(input)),

  host: viewerProcedure
    .input(hostRef.extend({ historyLimit: z.number().int().min(1).max(200).default(50) }))
    .query(({ ctx, input }) =>
      ctx.services.registry.getHost(input.connectionId, input.name, input.historyLimit),
    ),

  /** <host:info> now; also how a host not yet in the cache is added to it. */
  refreshHost: viewerProcedure.input(hostRef).mutation(async ({ ctx, input }) => {
    const out = await ctx.services.registry.refreshHost(input.connectionId, input.name);
    await audit(
      ctx,
      "registry.refreshHost",
      input.name,
      null,
      { code: out.code, svTRID: out.svTRID },
      eppResult(out),
    );
    return out;
  }),

  createHost: operatorProcedure.input(hostCreateSchema).mutation(async ({ ctx, input }) => {
    const r = await ctx.services.registry.createHost(input);
    await auditEpp(ctx, "registry.createHost", input.name, r.outcome, {
      request: { addrs: input.addrs },
      after: { host: r.host },
    });
    return r;
  }),

  updateHost: operatorProcedure.input(hostUpdateSchema).mutation(async ({ ctx, input }) => {
    const r = await ctx.services.registry.updateHost(input);
    await auditEpp(ctx, "registry.updateHost", input.name, r.outcome, {
      request: { add: input.add, rem: input.rem, newName: input.newName ?? null },
      before: r.before,
      after: { host: r.after },
    });
    return r;
  }),

  deleteHost: operatorProcedure.input(hostRef).mutation(async ({ ctx, input }) => {
    const r = await ctx.services.registry.deleteHost(input);
    await auditEpp(ctx, "registry.deleteHost", input.name, r.outcome, { before: r.before });
    return r;
  }),

  /** <domain:info> (no authInfo is sent or kept). */
  lookupDomain: viewerProcedure
    .input(connectionRef.extend({ name: hostName }))
    .mutation(async ({ ctx, input }) => {
      const r = await ctx.services.registry.lookupDomain(input.connectionId, input.name);
      await audit(
        ctx,
        "registry.lookupDomain",
        input.name,
        null,
        { code: r.outcome.code, svTRID: r.outcome.svTRID },
        eppResult(r.outcome),
      );
      return r;
    }),

  createDomain: operatorProcedure.input(domainCreateSchema).mutation(async ({ ctx, input }) => {
    const r = await ctx.services.registry.createDomain(input);
    // The generated authInfo is neither returned nor audited.
    await auditEpp(ctx, "registry.createDomain", input.name, r.outcome, {
      request: {
        years: input.years,
        nameServers: input.nameServers,
        registrant: input.registrant ?? null,
        contacts: input.contacts,
      },
      after: { domain: r.domain },
    });
    return r;
  }),

  /** <domain:update>: name servers (host objects) and client statuses; how hosts are linked/unlinked. */
  updateDomain: operatorProcedure.input(domainUpdateSchema).mutation(async ({ ctx, input }) => {
    const r = await ctx.services.registry.updateDomain(input);
    await auditEpp(ctx, "registry.updateDomain", input.name, r.outcome, {
      request: { add: input.add, rem: input.rem },
      before: r.before,
      after: { domain: r.after },
    });
    return r;
  }),

  renewDomain: operatorProcedure.input(domainRenewSchema).mutation(async ({ ctx, input }) => {
    const r = await ctx.services.registry.renewDomain(input);
    await auditEpp(ctx, "registry.renewDomain", input.name, r.outcome, {
      request: { years: input.years, curExpDate: input.curExpDate ?? null },
      after: { exDate: r.exDate },
    });
    return r;
  }),

  deleteDomain: operatorProcedure.input(domainRef).mutation(async ({ ctx, input }) => {
    const r = await ctx.services.registry.deleteDomain(input);
    await auditEpp(ctx, "registry.deleteDomain", input.name, r.outcome, { before: r.before });
    return r;
  }),

  /** <domain:transfer op="query"> (a read; audited like the lookup). */
  transferQuery: viewerProcedure.input(domainRef).mutation(async ({ ctx, input }) => {
    const r = await ctx.services.registry.transferQuery(input.connectionId, input.name);
    await audit(
      ctx,
      "registry.transferQuery",
      input.name,
      null,
      { code: r.outcome.code, svTRID: r.outcome.svTRID },
      eppResult(r.outcome),
    );
    return r;
  }),

  /**
   * <domain:transfer op="approve|reject|cancel"> (RFC 5731 §3.2.4), operator. Audited as
   * registry.transferApprove / transferReject / transferCancel with the registry's answer.
   */
  answerTransfer: operatorProcedure.input(transferAnswerSchema).mutation(async ({ ctx, input }) => {
    const { before, after, ...r } = await ctx.services.registry.answerTransfer(input);
    const action = `registry.transfer${input.op[0]?.toUpperCase()}${input.op.slice(1)}`;
    await auditEpp(ctx, action, input.name, r.outcome, {
      request: { op: input.op },
      before,
      after: { domain: after, transfer: r.transfer },
    });
    return r;
  }),

  /** <contact:info> (no authInfo is sent or returned). */
  contact: viewerProcedure
    .input(contactRef)
    .query(({ ctx, input }) => ctx.services.registry.contactInfo(input.connectionId, input.id)),

  contactCheck: viewerProcedure
    .input(connectionRef.extend({ ids: z.array(contactId).min(1).max(16) }))
    .query(({ ctx, input }) => ctx.services.registry.contactCheck(input.connectionId, input.ids)),

  domains: viewerProcedure
    .input(z.object({ connectionId: z.string().min(1).max(64).optional() }).default({}))
    .query(({ ctx, input }) => ctx.services.registry.listDomains(input.connectionId)),

  pollMessages: viewerProcedure
    .input(
      z
        .object({
          connectionId: z.string().min(1).max(64).optional(),
          includeAcked: z.boolean().default(false),
        })
        .default({ includeAcked: false }),
    )
    .query(({ ctx, input }) => ctx.services.registry.listPoll(input)),

  /** One poll message by the console's id (`/registry/poll?message=N`, as alerts and search link it). */
  pollMessage: viewerProcedure
    .input(z.object({ id: z.number().int().positive().max(2_147_483_647) }))
    .query(({ ctx, input }) => ctx.services.registry.getPoll(input.id)),

  ackPoll: operatorProcedure
    .input(z.object({ id: z.number().int().positive() }))
    .mutation(async ({ ctx, input }) => {
      const r = await ctx.services.registry.ackPoll(input.id, ctx.user.username);
      await audit(ctx, "registry.ackPoll", r.message.msgId, null, r.message);
      return r;
    }),

  /** Drains the queue now (bounded); the registry's messages are acknowledged there once stored. */
  pollNow: operatorProcedure.input(connectionRef).mutation(async ({ ctx, input }) => {
    const r = await ctx.services.registry.pollOnce(input.connectionId);
    await audit(ctx, "registry.pollNow", input.connectionId, null, r);
    return r;
  }),

  transcript: viewerProcedure
    .input(transcriptSearchSchema)
    .query(({ ctx, input }) => ctx.services.registry.searchTranscript(input)),
});
