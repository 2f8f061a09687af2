/** How an overview tile's health follows from its subsystem's own report and its firing alerts. */
import { type AlertTally, countsOf } from "./alert-counts";
import { FEATURE_SUBSYSTEMS, type FeatureSubsystem, type Health, type Subsystem } from "./subsystems";

export interface FiringCounts {
  critical: number;
  warning: number;
  info: number;
}

const HEALTH_ORDER: readonly Health[] = ["not_configured", "ok", "degraded", "failing"];

/** Health from alerts alone: a critical one fails, a warning degrades. */
export function healthFromAlerts(f: FiringCounts): Health {
  return f.critical > 0 ? "failing" : f.warning > 0 ? "degraded" : "ok";
}

/** A configured subsystem reports its own state; firing alerts can only make it look worse. */
export function tileHealth(reported: Health, firing: FiringCounts): Health {
  if (reported === "not_configured") return reported;
  const fromAlerts = healthFromAlerts(firing);
  return HEALTH_ORDER.indexOf(fromAlerts) > HEALTH_ORDER.indexOf(reported) ? fromAlerts : reported;
}

/** One Overview tile, as the server's `system.overview` sends it and the mock API builds it. */
export interface OverviewTile {
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

/** What the tiles are built from: the alert tally, each feature's own report, receivers, jobs, storage. */
export interface OverviewInputs {
  tally: AlertTally;
  /** Each feature subsystem's report (its module's probe); `not_configured` when it has none. */
  reported: (id: FeatureSubsystem) => { health: Health; summary: string };
  enabledReceivers: number;
  jobs: readonly { job: string; ok: boolean }[];
  /** The database's state: a store that cannot take writes outranks anything else on the system tile. */
  storage: { ok: boolean; summary: string };
}

/**
 * The Overview tiles: each feature subsystem (in descriptor order), then the console's alerts and
 * system tiles. One function for the server and the mock API, so the tiles cannot drift apart.
 */
export function overviewTiles(i: OverviewInputs): OverviewTile[] {
  const { tally } = i;
  const firingOf = (sources: readonly string[]) => countsOf(tally.bySource, sources);
  const openOf = (sources: readonly string[]) => countsOf(tally.openBySource, sources);
  const ackedOf = (sources: readonly string[]) => {
    const o = openOf(sources);
    const f = firingOf(sources);
    return o.critical + o.warning + o.info - f.critical - f.warning - f.info;
  };
  const out: OverviewTile[] = FEATURE_SUBSYSTEMS.map((d) => {
    const reported = i.reported(d.id);
    return {
      subsystem: d.id,
      // Health follows open alerts (acknowledged ones too: their condition still holds).
      health: tileHealth(reported.health, openOf(d.alertSources)),
      summary: reported.summary,
      firing: firingOf(d.alertSources),
      acknowledged: ackedOf(d.alertSources),
      href: d.path,
    };
  });
  const r = i.enabledReceivers;
  out.push({
    subsystem: "alerts",
    health: healthFromAlerts(openOf(["system"])) === "ok" ? "ok" : "degraded",
    summary: `${tally.silenced} silenced, ${r} webhook receiver${r === 1 ? "" : "s"}`,
    firing: tally.bySeverity,
    acknowledged: tally.acknowledged,
    href: "/alerts",
  });
  const failed = i.jobs.filter((j) => !j.ok);
  out.push({
    subsystem: "system",
    health: !i.storage.ok ? "failing" : failed.length > 0 ? "degraded" : healthFromAlerts(openOf(["system"])),
    summary: !i.storage.ok
      ? i.storage.summary
      : failed.length > 0
        ? `${failed.length} job(s) failing: ${failed.map((j) => j.job).join(", ")}`
        : `${i.jobs.length} jobs OK`,
    firing: firingOf(["system"]),
    acknowledged: ackedOf(["system"]),
    href: "/settings/system",
  });
  return out;
}
