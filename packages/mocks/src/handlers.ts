/**
 * An in-memory mock of the NetOps API for tests, Storybook and `dev:mock`: a small stateful store
 * with a resolver for every procedure that behaves like the real one in the ways the UI can see
 * (sessions and roles, alert state changes, silences matching alerts, validation messages, errors
 * shaped by the server's errorFormatter). Nothing here talks to a real backend. The rules the UI
 * can see are the server's own (filters, paging, alert transitions, validation: @netops/protocols),
 * and each procedure's role comes from the router (roles.ts).
 */
import type { AppRouter } from "@netops/api";
import { dhcpHealth } from "@netops/protocols/dhcp";
import type { HttpHandler } from "msw";
import { createAccountResolvers } from "./accounts";
import { alertViews, createAlertResolvers } from "./alerts";
import { createBackend } from "./backend";
import { bgpSampleEvents, bgpTile, createBgpResolvers } from "./bgp";
import { createDhcpResolvers, type DhcpMockData, dhcpSampleData } from "./dhcp";
import { createDnsResolvers, type DnsMockData, dnsSampleData, dnsTile } from "./dns";
import { createRegistryResolvers, emptyRegistryData, registrySampleData, registryTile } from "./registry";
import { formatNetopsError } from "./errors";
import { type ChangeEvent, createLive } from "./live";
import { createOverviewResolvers } from "./overview";
import { createRdap } from "./rdap";
import { withRoles } from "./roles";
import { applyScenario, scenarioPresets } from "./scenarios";
import { emptyState, type MockState, populatedState } from "./state";
import { createTrpcHandlers, type TrpcResolvers } from "./trpc-msw";
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
  const registryData = empty ? emptyRegistryData() : registrySampleData();
  const dnsData: DnsMockData = empty ? { zones: [], history: {} } : dnsSampleData();
  const dhcpData: DhcpMockData =
    options.dhcp ?? (empty ? { sources: [], pools: [], leases: [] } : dhcpSampleData());
  const bgpEvents = empty ? [] : bgpSampleEvents();
  const bgp = createBgpResolvers(bgpEvents);
  const rdap = createRdap();

  // ---- one resolver per procedure; the role each needs comes from the router (roles.ts) ----
  const resolvers: MockResolvers = withRoles(
    {
      ...bgp,
      ...createDhcpResolvers(b.user, dhcpData),
      ...createDnsResolvers(dnsData, b.iso),
      ...rdap.resolvers,
      ...createRegistryResolvers(b.user, registryData, b.iso),
      ...createAccountResolvers(b),
      ...createAlertResolvers(b, views),
      ...createWebhookResolvers(b),
      ...createOverviewResolvers(b, views, {
        registry: () => registryTile(registryData),
        rdap: () => {
          const { health, summary } = rdap.status();
          return { health, summary };
        },
        dns: () => dnsTile(dnsData),
        dhcp: () =>
          dhcpHealth(
            dhcpData.sources.filter((s) => s.enabled).map((s) => s.status),
            dhcpData.pools.map((p) => p.level),
          ),
        // One collector (BMP) in the mock, none in the empty console.
        bgp: () => bgpTile(bgpEvents, empty ? 0 : 1),
      }),
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
