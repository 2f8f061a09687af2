import type { Db } from "@netops/db";
import type { Health, Subsystem } from "@netops/protocols";
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

const SOURCE_OF: Record<Subsystem, string> = {
  registry: "epp",
  rdap: "rdap",
  dns: "zonemd",
  dhcp: "dhcp",
  bgp: "bgp",
  alerts: "",
  system: "system",
};
const HEALTH_ORDER: Health[] = ["not_configured", "ok", "degraded", "failing"];

const HREF: Record<Subsystem, string> = {
  registry: "/registry",
  rdap: "/rdap",
  dns: "/dns",
  dhcp: "/dhcp",
  bgp: "/bgp",
  alerts: "/alerts",
  system: "/settings/system",
};

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
    const count = (source: string) => {
      const f = { critical: 0, warning: 0, info: 0 };
      for (const a of active)
        if ((source === "" || a.source === source) && a.silencedBy.length === 0) f[a.severity]++;
      return f;
    };
    const fromAlerts = (f: { critical: number; warning: number; info: number }): Health =>
      f.critical > 0 ? "failing" : f.warning > 0 ? "degraded" : "ok";
    const out: SubsystemHealth[] = [];
    // Feature subsystems have no sources to watch until their modules land; say so plainly.
    for (const s of ["registry", "rdap", "dns", "dhcp", "bgp"] as const) {
      const probe = this.probes.get(s);
      const firing = count(SOURCE_OF[s]);
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
      out.push({ subsystem: s, health: worst, summary: reported.summary, firing, href: HREF[s] });
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
