/**
 * Each subsystem's pages, found by file name rather than listed: `features/<id>/routes.tsx`
 * exporting `routes` (a <Route> or a fragment of them, paths relative to the shell). The
 * descriptor list in @netops/protocols stays the one list of subsystems.
 */
import { FEATURE_SUBSYSTEMS, type FeatureSubsystem } from "@netops/protocols";
import type { ReactNode } from "react";

const found = import.meta.glob<ReactNode>("./*/routes.tsx", { eager: true, import: "routes" });

/** The routes of every described subsystem, by id; names the file a subsystem lacks. */
export function featureRoutes(files: Record<string, ReactNode> = found): Record<FeatureSubsystem, ReactNode> {
  const out: Partial<Record<FeatureSubsystem, ReactNode>> = {};
  for (const { id } of FEATURE_SUBSYSTEMS) {
    const r = files[`./${id}/routes.tsx`];
    if (r === undefined)
      throw new Error(
        `web app: apps/web/src/features/${id}/routes.tsx must export routes (subsystem "${id}")`,
      );
    out[id] = r;
  }
  return out as Record<FeatureSubsystem, ReactNode>;
}
