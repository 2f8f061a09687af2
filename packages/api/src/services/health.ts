import type { Db } from "@netops/db";
import { FEATURE_SUBSYSTEMS, type Health, type Subsystem } from "@netops/protocols";
import type { AlertService } from "./alerts";
import type { JobService } from "./jobs";
import type { StorageMonitor } from "./storage";

export interface SubsystemHealth {
  subsystem: Subsystem;
  health: Health;
  /** One line for the tile. */
  summary: string;
  firing: { critical: number; warning: number; info: number };
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
    const active = await this.alerts.active();
    // "" counts every source.
    const count = (...sources: readonly string[]) => {
      const f = { critical: 0, warning: 0, info: 0 };
      for (const a of active)
        if ((sources.includes("") || sources.includes(a.source)) && a.silencedBy.length === 0)
          f[a.severity]++;
      return f;
    };
    const fromAlerts = (f: { critical: number; warning: number; info: number }): Health =>
      f.critical > 0 ? "failing" : f.warning > 0 ? "degraded" : "ok";
    const out: SubsystemHealth[] = [];
    // A subsystem whose module registered no probe (the CLI registers none) says so plainly.
    for (const d of FEATURE_SUBSYSTEMS) {
      const s = d.id;
      const probe = this.probes.get(s);
      const firing = count(...d.alertSources);
      // A registered module reports its own state; firing alerts can only make it look worse.
      const reported = probe
        ? await probe().catch((e: Error) => ({
            health: "degraded" as Health,
            summary: `probe failed: ${e.message}`,
          }))
        : { health: "not_configured" as Health, summary: "Not built yet" };
      const worst = [
        reported.health,
        reported.health === "not_configured" ? "not_configured" : fromAlerts(firing),
      ].sort((a, b) => HEALTH_ORDER.indexOf(b) - HEALTH_ORDER.indexOf(a))[0] as Health;
      out.push({ subsystem: s, health: worst, summary: reported.summary, firing, href: d.path });
    }
    const receivers = await this.db.webhookReceiver.count({ where: { enabled: true } });
    const all = count("");
    out.push({
      subsystem: "alerts",
      health: fromAlerts(count("system")) === "ok" ? "ok" : "degraded",
      summary: `${active.length} active, ${receivers} webhook receiver${receivers === 1 ? "" : "s"}`,
      firing: all,
      href: HREF.alerts,
    });
    const jobs = await this.jobs.latest();
    const failed = jobs.filter((j) => !j.ok);
    const sys = count("system");
    // A database that cannot take writes outranks everything else the system tile could say.
    const storage = await this.storage.check();
    out.push({
      subsystem: "system",
      health: !storage.ok ? "failing" : failed.length > 0 ? "degraded" : fromAlerts(sys),
      summary: !storage.ok
        ? storage.summary
        : failed.length > 0
          ? `${failed.length} job(s) failing: ${failed.map((j) => j.job).join(", ")}`
          : `${jobs.length} jobs OK`,
      firing: sys,
      href: HREF.system,
    });
    return out;
  }
}
