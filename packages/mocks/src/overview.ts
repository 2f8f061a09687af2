/**
 * The Overview tiles and system info. Every feature subsystem's tile reports the mock fixtures'
 * real state, worded like the server's probe; firing alerts can only make it look worse
 * (tileHealth, as the server's health service).
 */
import type { AppRouter } from "@netops/api";
import { FEATURE_SUBSYSTEMS, type FeatureSubsystem, type Health, tileHealth } from "@netops/protocols";
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
    const act = v.active();
    const count = (...sources: readonly string[]) => {
      const f = { critical: 0, warning: 0, info: 0 };
      for (const a of act)
        if ((sources.includes("") || sources.includes(a.source)) && a.silencedBy.length === 0)
          f[a.severity]++;
      return f;
    };
    const out: SubsystemFixture[] = FEATURE_SUBSYSTEMS.map((d) => {
      const firing = count(...d.alertSources);
      const reported = probes[d.id]();
      return {
        subsystem: d.id,
        health: tileHealth(reported.health, firing),
        summary: reported.summary,
        firing,
        href: d.path,
      };
    });
    const receivers = state.receivers.filter((r) => r.enabled).length;
    out.push({
      subsystem: "alerts",
      health: tileHealth("ok", count("system")) === "ok" ? "ok" : "degraded",
      summary: `${act.length} active, ${receivers} webhook receiver${receivers === 1 ? "" : "s"}`,
      firing: count(""),
      href: "/alerts",
    });
    const failed = state.jobs.filter((j) => !j.ok);
    out.push({
      subsystem: "system",
      health: failed.length > 0 ? "degraded" : tileHealth("ok", count("system")),
      summary:
        failed.length > 0
          ? `${failed.length} job(s) failing: ${failed.map((j) => j.job).join(", ")}`
          : `${state.jobs.length} jobs OK`,
      firing: count("system"),
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
