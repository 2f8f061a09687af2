import { type FeatureRoute, MODULES } from "@netops/api";

export type { FeatureRoute } from "@netops/api";

/** Every subsystem module's own HTTP routes (see FeatureRoute in @netops/api's module contract). */
export const featureRoutes: readonly FeatureRoute[] = MODULES.flatMap((m) => m.routes ?? []);
