import type { Db } from "@netops/db";
import type { AlertService } from "./alerts";

/**
 * Runs a named background job, records the run, and turns failure into a `system` alert that
 * resolves itself on the next successful run.
 */
export class JobService {
  constructor(
    private readonly db: Db,
    private readonly alerts: AlertService,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private readonly lastRecordedOk = new Map<string, number>();

  /**
   * With `stillOwner` (the lease's fence), a run that finishes after its replica lost the job's
   * lease records nothing and raises or clears no alert: the new owner's runs speak for the job.
   */
  async run(
    job: string,
    fn: () => Promise<unknown>,
    opts: { stillOwner?: () => Promise<boolean> } = {},
  ): Promise<{ ok: boolean; error?: string; lostOwnership?: boolean }> {
    const startedAt = this.now();
    const lost = async () => (opts.stillOwner ? !(await opts.stillOwner().catch(() => false)) : false);
    try {
      await fn();
      if (await lost())
        return { ok: false, error: `lost the lease of ${job} while running`, lostOwnership: true };
      // Frequent jobs would fill the table: a success is recorded at most once a minute per job.
      const last = this.lastRecordedOk.get(job);
      if (last === undefined || startedAt.getTime() - last >= 60_000) {
        await this.db.jobRun.create({ data: { job, startedAt, finishedAt: this.now(), ok: true } });
        this.lastRecordedOk.set(job, startedAt.getTime());
        await this.alerts.clear("system", { check: "job", job }, "job succeeded");
      }
      return { ok: true };
    } catch (e) {
      const error = (e as Error).message || String(e);
      this.lastRecordedOk.delete(job);
      if (await lost()) return { ok: false, error, lostOwnership: true };
      try {
        await this.db.jobRun.create({
          data: { job, startedAt, finishedAt: this.now(), ok: false, error: error.slice(0, 2000) },
        });
        await this.alerts.raise({
          source: "system",
          severity: "warning",
          labels: { check: "job", job },
          summary: `Background job ${job} failed`,
          details: error.slice(0, 4000),
          links: [{ label: "System status", href: "/settings/system" }],
        });
      } catch {
        // The database itself is failing; the caller logs it, and the overview shows it.
      }
      return { ok: false, error };
    }
  }

  /** The newest run of each job. */
  async latest(): Promise<
    { job: string; at: string; ok: boolean; error: string | null; durationMs: number }[]
  > {
    const jobs = await this.db.jobRun.groupBy({ by: ["job"], _max: { id: true } });
    const ids = jobs.map((j) => j._max.id).filter((x): x is number => x !== null);
    const rows = await this.db.jobRun.findMany({ where: { id: { in: ids } }, orderBy: { job: "asc" } });
    return rows.map((r) => ({
      job: r.job,
      at: r.startedAt.toISOString(),
      ok: r.ok,
      error: r.error,
      durationMs: r.finishedAt.getTime() - r.startedAt.getTime(),
    }));
  }

  async purgeOlderThan(days: number): Promise<number> {
    const cutoff = new Date(this.now().getTime() - days * 86_400_000);
    return (await this.db.jobRun.deleteMany({ where: { startedAt: { lt: cutoff } } })).count;
  }
}
