import { operatorProcedure, router, viewerProcedure } from "../trpc";

const startedAt = new Date();

export const systemRouter = router({
  /** Health tiles per subsystem and the active alerts, for the overview. */
  overview: viewerProcedure.query(async ({ ctx }) => {
    const [subsystems, active] = await Promise.all([
      ctx.services.health.overview(),
      ctx.services.alerts.active(),
    ]);
    return {
      subsystems,
      active: active.filter((a) => a.silencedBy.length === 0),
      generatedAt: new Date().toISOString(),
    };
  }),

  info: viewerProcedure.query(async ({ ctx }) => ({
    version: "0.1.0",
    startedAt: startedAt.toISOString(),
    jobs: await ctx.services.jobs.latest(),
    liveSubscribers: ctx.services.live.listenerCount(),
  })),

  /**
   * The console's replicas (heartbeats) and the work each owns (leases). Operators and up: it names
   * hosts and process ids, which on-call needs to find the process that runs a stuck job, and which a
   * viewer's read-only account has no use for.
   */
  replicas: operatorProcedure.query(({ ctx }) => ctx.services.replicas.view()),
});
