import { exportRoutes, type FeatureRoute, MODULES } from "@netops/api";

export type { FeatureRoute } from "@netops/api";

/**
 * Every subsystem module's own HTTP routes (see FeatureRoute in @netops/api's module contract),
 * and the list exports (CSV and JSON of alerts, BGP events, zones, checks, registry objects, audit).
 */
export const featureRoutes: readonly FeatureRoute[] = [
  ...MODULES.flatMap((m) => m.routes ?? []),
  ...exportRoutes,
];
