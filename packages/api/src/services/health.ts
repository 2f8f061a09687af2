import type { Db } from "@netops/db";
import {
  countsOf,
  FEATURE_SUBSYSTEMS,
  type FiringCounts,
  type Health,
  type Subsystem,
  tallyAlerts,
} from "@netops/protocols";
import type { AlertService } from "./alerts";
import type { JobService } from "./jobs";
import type { StorageMonitor } from "./storage";

export interface SubsystemHealth {
  subsystem: Subsystem;
  health: Health;
  /** One line for the tile. */
  summary: string;
  /** Firing and not silenced (alert-counts.ts, the count used everywhere), per severity. */
  firing: FiringCounts;
  /** Acknowledged and not silenced: still open, so still part of the health. */
  acknowledged: number;
  href: string;
}

const HEALTH_ORDER: Health[] = ["not_configured", "ok", "degraded", "failing"];

/** The console's own tiles; the feature subsystems' come from their descriptors. */
const HREF = { alerts: "/alerts", system: "/settings/system" } as const;

/** What a feature module reports about its subsystem; the firing counts are filled in here. */
export type SubsystemProbe = () => Promise<{ health: Health; summary: string }>;

/** Health per subsystem, derived from what is configured and from the active alerts. */
export class HealthService {
  private readonly probes = new Map<Subsystem, SubsystemProbe>();

  /** A feature module registers its subsystem once it has something to watch. */
  register(subsystem: Subsystem, probe: SubsystemProbe): void {
    this.probes.set(subsystem, probe);
  }

  constructor(
    private readonly db: Db,
    private readonly alerts: AlertService,
    private readonly jobs: JobService,
    private readonly storage: StorageMonitor,
  ) {}

  async overview(): Promise<SubsystemHealth[]> {
    // One count for every view (alert-counts.ts): tiles show firing-and-not-silenced; health also
    // follows acknowledged alerts, whose condition still holds.
    const tally = tallyAlerts(await this.alerts.active());
    const firingOf = (sources: readonly string[]) => countsOf(tally.bySource, sources);
    const openOf = (sources: readonly string[]) => countsOf(tally.openBySource, sources);
    const ackedOf = (sources: readonly string[]) => {
      const o = openOf(sources);
      const f = firingOf(sources);
      return o.critical + o.warning + o.info - f.critical - f.warning - f.info;
    };
    const fromAlerts = (f: { critical: number; warning: number; info: number }): Health =>
      f.critical > 0 ? "failing" : f.warning > 0 ? "degraded" : "ok";
    const out: SubsystemHealth[] = [];
    // A subsystem whose module registered no probe (the CLI registers none) says so plainly.
    for (const d of FEATURE_SUBSYSTEMS) {
      const s = d.id;
      const probe = this.probes.get(s);
      const firing = firingOf(d.alertSources);
      // A registered module reports its own state; firing alerts can only make it look worse.
      const reported = probe
        ? await probe().catch((e: Error) => ({
            health: "degraded" as Health,
            summary: `probe failed: ${e.message}`,
          }))
        : { health: "not_configured" as Health, summary: "Not built yet" };
      const worst = [
        reported.health,
        reported.health === "not_configured" ? "not_configured" : fromAlerts(openOf(d.alertSources)),
      ].sort((a, b) => HEALTH_ORDER.indexOf(b) - HEALTH_ORDER.indexOf(a))[0] as Health;
      out.push({
        subsystem: s,
        health: worst,
        summary: reported.summary,
        firing,
        acknowledged: ackedOf(d.alertSources),
        href: d.path,
      });
    }
    const receivers = await this.db.webhookReceiver.count({ where: { enabled: true } });
    out.push({
      subsystem: "alerts",
      health: fromAlerts(openOf(["system"])) === "ok" ? "ok" : "degraded",
      summary: `${tally.silenced} silenced, ${receivers} webhook receiver${receivers === 1 ? "" : "s"}`,
      firing: tally.bySeverity,
      acknowledged: tally.acknowledged,
      href: HREF.alerts,
    });
    const jobs = await this.jobs.latest();
    const failed = jobs.filter((j) => !j.ok);
    const sys = firingOf(["system"]);
    // A database that cannot take writes outranks everything else the system tile could say.
    const storage = await this.storage.check();
    out.push({
      subsystem: "system",
      health: !storage.ok ? "failing" : failed.length > 0 ? "degraded" : fromAlerts(openOf(["system"])),
      summary: !storage.ok
        ? storage.summary
        : failed.length > 0
          ? `${failed.length} job(s) failing: ${failed.map((j) => j.job).join(", ")}`
          : `${jobs.length} jobs OK`,
      firing: sys,
      acknowledged: ackedOf(["system"]),
      href: HREF.system,
    });
    return out;
  }
}
