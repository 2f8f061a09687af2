/// <reference types="vite/client" />
/**
 * Each subsystem's mock, found by file name rather than listed: `<id>.mock.ts` exporting
 * `mockSubsystem` (the mock API only runs through Vite — the browser, Storybook and vitest — so
 * `import.meta.glob` is always there). The descriptor list in @netops/protocols stays the one list.
 */
import { FEATURE_SUBSYSTEMS, type FeatureSubsystem } from "@netops/protocols";
import type { MockSubsystem } from "./subsystem";

const found = import.meta.glob<MockSubsystem<FeatureSubsystem>>("./*.mock.ts", {
  eager: true,
  import: "mockSubsystem",
});

export type MockSubsystems = { [I in FeatureSubsystem]: MockSubsystem<I> };

/** The mock of every described subsystem, by id; names the file a subsystem lacks. */
export function mockSubsystems(files: Record<string, unknown> = found): MockSubsystems {
  const out: Partial<Record<FeatureSubsystem, unknown>> = {};
  for (const { id } of FEATURE_SUBSYSTEMS) {
    const m = files[`./${id}.mock.ts`];
    if (typeof m !== "function") {
      throw new Error(
        `mock API: packages/mocks/src/${id}.mock.ts must export mockSubsystem (subsystem "${id}")`,
      );
    }
    out[id] = m;
  }
  return out as MockSubsystems;
}
