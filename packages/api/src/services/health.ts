import type { Db } from "@netops/db";
import {
  FEATURE_SUBSYSTEMS,
  type FeatureSubsystem,
  type Health,
  type OverviewTile,
  overviewTiles,
  type Subsystem,
  tallyAlerts,
} from "@netops/protocols";
import type { AlertService } from "./alerts";
import type { JobService } from "./jobs";
import type { StorageMonitor } from "./storage";

/** One Overview tile (built by overviewTiles, shared with the mock API). */
export type SubsystemHealth = OverviewTile;

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
    // A subsystem whose module registered no probe (the CLI registers none) says so plainly; a
    // probe that throws reports itself degraded.
    const reported = new Map<FeatureSubsystem, { health: Health; summary: string }>();
    for (const d of FEATURE_SUBSYSTEMS) {
      const probe = this.probes.get(d.id);
      reported.set(
        d.id,
        probe
          ? await probe().catch((e: Error) => ({
              health: "degraded" as Health,
              summary: `probe failed: ${e.message}`,
            }))
          : { health: "not_configured", summary: "Not built yet" },
      );
    }
    return overviewTiles({
      tally: tallyAlerts(await this.alerts.active()),
      reported: (id) => reported.get(id) ?? { health: "not_configured", summary: "Not built yet" },
      enabledReceivers: await this.db.webhookReceiver.count({ where: { enabled: true } }),
      jobs: await this.jobs.latest(),
      storage: await this.storage.check(),
    });
  }
}
