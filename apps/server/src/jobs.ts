import type { Job, Services, WorkFence } from "@netops/api";

/** A scheduled job: the module contract's Job. */
export type JobSpec = Job;

/**
 * Runs each job on its own timer, never overlapping itself. stop() waits for running jobs,
 * so shutdown does not cut a job off half way. With `fence`, a tick runs only on the replica that
 * holds the job's lease (services/ownership.ts): each job runs once across replicas, and the run
 * gets the lease's fence (epoch) so a replica paused past its lease writes nothing as owner.
 */
export function startScheduler(
  services: Services,
  specs: JobSpec[],
  opts: { fence?: (job: string) => WorkFence | null } = {},
) {
  const timers: NodeJS.Timeout[] = [];
  const running = new Set<Promise<unknown>>();
  let stopped = false;
  for (const spec of specs) {
    let busy = false;
    const tick = () => {
      if (busy || stopped) return;
      const fence = opts.fence?.(spec.name);
      if (fence === null) return;
      busy = true;
      const p = services.jobs
        .run(spec.name, () => spec.run(fence), fence ? { stillOwner: fence.stillOwner } : {})
        .then((r) => {
          if (r.lostOwnership)
            services.logger.warn(
              { job: spec.name, epoch: fence?.epoch },
              "job finished after its lease moved on",
            );
          else if (!r.ok) services.logger.warn({ job: spec.name, error: r.error }, "job failed");
        })
        .finally(() => {
          busy = false;
          running.delete(p);
        });
      running.add(p);
    };
    timers.push(setInterval(tick, spec.everyMs));
    if (spec.firstRunAfterMs === undefined) setImmediate(tick);
    else timers.push(setTimeout(tick, spec.firstRunAfterMs));
  }
  return {
    async stop() {
      stopped = true;
      for (const t of timers) clearTimeout(t);
      await Promise.allSettled([...running]);
    },
  };
}
