/** The error and loading scenarios, and handler presets for stories and tests. */
import type { HttpHandler } from "msw";
import type { MockApiOptions, MockResolvers, ScenarioName } from "./handlers";
import { mockError, type ResolverContext } from "./trpc-msw";

/** Rewrites every resolver for the error and loading scenarios. */
export function applyScenario(scenario: ScenarioName, resolvers: MockResolvers): MockResolvers {
  if (scenario !== "error" && scenario !== "loading") return resolvers;
  const out: Record<string, unknown> = {};
  for (const path of Object.keys(resolvers)) {
    if (scenario === "loading") {
      out[path] = () => new Promise<never>(() => {});
    } else if (path === "alerts.onChange") {
      out[path] = (_input: unknown, ctx: ResolverContext) => quiet(ctx.signal);
    } else {
      out[path] = () => {
        throw mockError("INTERNAL_SERVER_ERROR", `Example: mock failure in ${path}`);
      };
    }
  }
  return out as MockResolvers;
}

/** A subscription that connects and never sends anything. */
async function* quiet(signal: AbortSignal): AsyncGenerator<never> {
  await new Promise<void>((resolve) => signal.addEventListener("abort", () => resolve(), { once: true }));
}

type Preset = (options?: Omit<MockApiOptions, "scenario">) => HttpHandler[];

/**
 * Handler presets for stories and tests: `parameters: { msw: { handlers: scenarios.populated() } }`.
 * Each call makes a fresh store, so stories do not share state.
 */
export function scenarioPresets(
  create: (options: MockApiOptions) => { handlers: HttpHandler[] },
): Record<ScenarioName, Preset> {
  const preset =
    (scenario: ScenarioName): Preset =>
    (options = {}) =>
      create({ ...options, scenario }).handlers;
  return {
    populated: preset("populated"),
    empty: preset("empty"),
    error: preset("error"),
    loading: preset("loading"),
    loggedOut: preset("loggedOut"),
  };
}
