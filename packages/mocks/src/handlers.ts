/**
 * An in-memory mock of the NetOps API for tests, Storybook and `dev:mock`: a small stateful store
 * with a resolver for every procedure that behaves like the real one in the ways the UI can see
 * (sessions and roles, alert state changes, silences matching alerts, validation messages, errors
 * shaped by the server's errorFormatter). Nothing here talks to a real backend. The rules the UI
 * can see are the server's own (filters, paging, alert transitions, validation: @netops/protocols),
 * and each procedure's role comes from the router (roles.ts).
 */
import type { AppRouter } from "@netops/api";
import { FEATURE_SUBSYSTEMS, type FeatureSubsystem } from "@netops/protocols";
import type { HttpHandler } from "msw";
import { createAccountResolvers } from "./accounts";
import { alertViews, createAlertResolvers } from "./alerts";
import { createBackend } from "./backend";
import type { DhcpMockData } from "./dhcp-fixtures";
import { formatNetopsError } from "./errors";
import { type ChangeEvent, createLive } from "./live";
import { createOverviewResolvers, type TileProbe } from "./overview";
import { withRoles } from "./roles";
import { applyScenario, scenarioPresets } from "./scenarios";
import type { MockSubsystem } from "./subsystem";
import { mockSubsystems } from "./subsystems";
import { emptyState, type MockState, populatedState } from "./state";
import { createTrpcHandlers, type TrpcResolvers } from "./trpc-msw";
import { createSearchResolvers } from "./search";
import { createWebhookResolvers } from "./webhooks";

export type { ChangeEvent } from "./live";
export { formatNetopsError, type NetopsErrorShape } from "./errors";
export {
  emptyState,
  MOCK_PASSWORD,
  type MockSilence,
  type MockState,
  type MockToken,
  type MockUser,
  populatedState,
} from "./state";

export type MockResolvers = TrpcResolvers<AppRouter>;
/** Every subsystem's resolvers together (each mock's type covers its router's procedures). */
type SubsystemResolvers = ReturnType<MockSubsystem<FeatureSubsystem>>["resolvers"];

export type ScenarioName = "populated" | "empty" | "error" | "loading" | "loggedOut";

export interface MockApiOptions {
  /** Initial data (default: populatedState(), or what the scenario implies). */
  state?: MockState;
  /**
   * - populated / empty: working backend with that data, logged in as admin
   * - error: every query and mutation fails with INTERNAL_SERVER_ERROR (the subscription connects, then stays quiet)
   * - loading: no call ever answers
   * - loggedOut: populated data, no session: everything but auth.login answers UNAUTHORIZED until you log in
   */
  scenario?: ScenarioName;
  /** Where the tRPC endpoint is; a path matches any origin (default "/api/trpc"). */
  baseUrl?: string;
  /** The mock's clock. Default: deterministic, starts at the fixture base time and ticks 1 s per mutation. */
  now?: () => Date;
  /** Simulated latency per request in ms (default 0). */
  delayMs?: number;
  /** DHCP fixtures (default: dhcpSampleData(); none in the empty scenario). */
  dhcp?: DhcpMockData;
  /** Replace single resolvers (e.g. one failing procedure in a story). */
  overrides?: Partial<MockResolvers>;
}

export interface MockApi {
  handlers: HttpHandler[];
  resolvers: MockResolvers;
  /** The live store: tests may inspect or change it between calls. */
  state: MockState;
  /** Sends a change to live subscribers (alerts.onChange), as the server's event bus does. */
  emit(event: ChangeEvent): void;
  /** How many subscribers are listening. */
  subscriberCount(): number;
}

export function createMockApi(options: MockApiOptions = {}): MockApi {
  const scenario = options.scenario ?? "populated";
  const empty = scenario === "empty";
  const state =
    options.state ??
    (empty ? emptyState() : populatedState(scenario === "loggedOut" ? null : "mock-user-admin"));
  if (options.state && scenario === "loggedOut") state.sessionUserId = null;

  const live = createLive();
  const b = createBackend(state, live, options.now);
  const views = alertViews(b);
  // Each subsystem's mock (`<id>.mock.ts`, found by subsystems.ts), in the descriptor list's order.
  const mocks = mockSubsystems();
  const subsystems = FEATURE_SUBSYSTEMS.map((s) => ({ id: s.id, ...mocks[s.id]({ b, empty, options }) }));
  const probes = Object.fromEntries(subsystems.map((m) => [m.id, m.tile])) as Record<
    FeatureSubsystem,
    TileProbe
  >;

  // ---- one resolver per procedure; the role each needs comes from the router (roles.ts) ----
  const resolvers: MockResolvers = withRoles(
    {
      ...(Object.assign({}, ...subsystems.map((m) => m.resolvers)) as SubsystemResolvers),
      ...createAccountResolvers(b),
      ...createAlertResolvers(b, views),
      ...createWebhookResolvers(b),
      ...createOverviewResolvers(b, views, probes),
      // Built on the resolvers above, called with the caller's session (so their roles apply).
      ...createSearchResolvers(() => resolvers),
    },
    b.requireRole,
  );

  const merged: MockResolvers = { ...resolvers, ...options.overrides } as MockResolvers;
  const final = applyScenario(scenario, merged);
  const handlers = createTrpcHandlers<AppRouter>(options.baseUrl ?? "/api/trpc", final, {
    formatError: formatNetopsError,
    ...(options.delayMs ? { delayMs: options.delayMs } : {}),
  });
  return { handlers, resolvers: final, state, emit: live.emit, subscriberCount: live.size };
}

/**
 * Handler presets for stories and tests: `parameters: { msw: { handlers: scenarios.populated() } }`.
 * Each call makes a fresh store, so stories do not share state.
 */
export const scenarios = scenarioPresets(createMockApi);
