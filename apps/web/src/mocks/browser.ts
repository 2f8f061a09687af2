/** Browser side of mock mode: the MSW worker serving @netops/mocks' in-memory API. Loaded only when VITE_MOCK=1. */
import { createMockApi, type MockApi, type ScenarioName } from "@netops/mocks";
import { setupWorker } from "msw/browser";

const SCENARIOS: readonly ScenarioName[] = ["populated", "empty", "error", "loading", "loggedOut"];
const KEY = "netops-mock-scenario";

/** `?mock=empty` (or error, loading, loggedOut, populated) picks the scenario; it sticks for the tab. */
export function chosenScenario(): ScenarioName {
  const url = new URL(location.href);
  const fromUrl = url.searchParams.get("mock");
  if (fromUrl !== null) {
    // Not part of the app's own URL (it would end up in ?next= links): drop it once read.
    url.searchParams.delete("mock");
    history.replaceState(history.state, "", url);
  }
  const pick = (v: string | null) => SCENARIOS.find((s) => s === v);
  const scenario = pick(fromUrl) ?? pick(sessionStorage.getItem(KEY)) ?? "populated";
  sessionStorage.setItem(KEY, scenario);
  return scenario;
}

export async function startMockWorker(): Promise<MockApi> {
  const scenario = chosenScenario();
  // Real clock (relative times read naturally) and a little latency so loading states show.
  const api = createMockApi({ scenario, now: () => new Date(), delayMs: 150 });
  const worker = setupWorker(...api.handlers);
  await worker.start({ onUnhandledRequest: "bypass", quiet: true });
  // For poking at the mock from the devtools console: __netopsMock.state, __netopsMock.emit(…)
  (globalThis as { __netopsMock?: MockApi }).__netopsMock = api;
  console.info(
    `%cNetOps mock mode%c (scenario ${scenario}; ?mock=populated|empty|error|loading|loggedOut): in-memory API, reset on reload. Users admin / operator / viewer, password mock-password-123.`,
    "font-weight:bold",
    "",
  );
  return api;
}
