/**
 * The Overview tiles and system info. Every feature subsystem's tile reports the mock fixtures'
 * real state, worded like the server's probe; firing alerts can only make it look worse
 * (tileHealth, as the server's health service).
 */
import type { AppRouter } from "@netops/api";
import { type FeatureSubsystem, type Health, overviewTiles, tallyAlerts } from "@netops/protocols";
import type { AlertViews } from "./alerts";
import type { MockBackend } from "./backend";
import { fixtureTime, type SubsystemFixture } from "./fixtures";
import { createReplicaResolvers } from "./replicas";
import type { TrpcResolvers } from "./trpc-msw";

/** A subsystem's own report for its tile (its probe on the server). */
export type TileProbe = () => { health: Health; summary: string };

type SystemPaths = "system.overview" | "system.info" | "system.replicas";

export function createOverviewResolvers(
  b: MockBackend,
  v: AlertViews,
  probes: Record<FeatureSubsystem, TileProbe>,
): Pick<TrpcResolvers<AppRouter>, SystemPaths> {
  const { state } = b;
  // The server's tiles (overviewTiles) over the mock's alerts, fixtures' reports, receivers and jobs.
  const overview = (): SubsystemFixture[] =>
    overviewTiles({
      tally: tallyAlerts(v.active()),
      reported: (id) => probes[id](),
      enabledReceivers: state.receivers.filter((r) => r.enabled).length,
      jobs: state.jobs,
      storage: { ok: true, summary: "database ok" },
    });

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
    ...createReplicaResolvers(b),
  };
}
