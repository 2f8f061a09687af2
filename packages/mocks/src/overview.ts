/**
 * The Overview tiles and system info. Every feature subsystem's tile reports the mock fixtures'
 * real state, worded like the server's probe; firing alerts can only make it look worse
 * (tileHealth, as the server's health service).
 */
import type { AppRouter } from "@netops/api";
import {
  countsOf,
  FEATURE_SUBSYSTEMS,
  type FeatureSubsystem,
  type Health,
  healthFromAlerts,
  tallyAlerts,
  tileHealth,
} from "@netops/protocols";
import type { AlertViews } from "./alerts";
import type { MockBackend } from "./backend";
import { fixtureTime, type SubsystemFixture } from "./fixtures";
import type { TrpcResolvers } from "./trpc-msw";

/** A subsystem's own report for its tile (its probe on the server). */
export type TileProbe = () => { health: Health; summary: string };

type SystemPaths = "system.overview" | "system.info";

export function createOverviewResolvers(
  b: MockBackend,
  v: AlertViews,
  probes: Record<FeatureSubsystem, TileProbe>,
): Pick<TrpcResolvers<AppRouter>, SystemPaths> {
  const { state } = b;
  const overview = (): SubsystemFixture[] => {
    // The server's one count (alert-counts.ts): firing and not silenced; health follows open alerts.
    const tally = tallyAlerts(v.active());
    const firingOf = (sources: readonly string[]) => countsOf(tally.bySource, sources);
    const openOf = (sources: readonly string[]) => countsOf(tally.openBySource, sources);
    const ackedOf = (sources: readonly string[]) => {
      const o = openOf(sources);
      const f = firingOf(sources);
      return o.critical + o.warning + o.info - f.critical - f.warning - f.info;
    };
    const out: SubsystemFixture[] = FEATURE_SUBSYSTEMS.map((d) => {
      const reported = probes[d.id]();
      return {
        subsystem: d.id,
        health: tileHealth(reported.health, openOf(d.alertSources)),
        summary: reported.summary,
        firing: firingOf(d.alertSources),
        acknowledged: ackedOf(d.alertSources),
        href: d.path,
      };
    });
    const receivers = state.receivers.filter((r) => r.enabled).length;
    out.push({
      subsystem: "alerts",
      health: healthFromAlerts(openOf(["system"])) === "ok" ? "ok" : "degraded",
      summary: `${tally.silenced} silenced, ${receivers} webhook receiver${receivers === 1 ? "" : "s"}`,
      firing: tally.bySeverity,
      acknowledged: tally.acknowledged,
      href: "/alerts",
    });
    const failed = state.jobs.filter((j) => !j.ok);
    out.push({
      subsystem: "system",
      health: failed.length > 0 ? "degraded" : tileHealth("ok", openOf(["system"])),
      summary:
        failed.length > 0
          ? `${failed.length} job(s) failing: ${failed.map((j) => j.job).join(", ")}`
          : `${state.jobs.length} jobs OK`,
      firing: firingOf(["system"]),
      acknowledged: ackedOf(["system"]),
      href: "/settings/system",
    });
    return out;
  };

  return {
    "system.overview": () => ({
      subsystems: overview(),
      active: v.active().filter((a) => a.silencedBy.length === 0),
      generatedAt: b.iso(),
    }),
    "system.info": () => ({
      version: "0.1.0-mock",
      startedAt: fixtureTime(-24 * 60),
      jobs: [...state.jobs].sort((x, y) => x.job.localeCompare(y.job)),
      liveSubscribers: b.live.size(),
    }),
  };
}
