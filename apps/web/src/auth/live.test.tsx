/**
 * Live updates refetch what changed, once: the Overview loads `system.overview` and `alerts.counts`
 * one time each (not again when the live stream connects), an alert that only repeats does not
 * refetch them, and a real change does, once per burst.
 */
import { createMockApi, FetchEventSource, type MockApi, populatedState } from "@netops/mocks";
import { render, screen, waitFor } from "@testing-library/react";
import { setupServer } from "msw/node";
import { MemoryRouter } from "react-router";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { StoryProviders } from "../../.storybook/providers";
import { AppRoutes } from "../App";
import { COALESCE_MS, createRefreshScheduler, type Kind, REPEAT_REFRESH_MS } from "./live";

const server = setupServer();
const g = globalThis as { EventSource?: unknown };
const hadEventSource = "EventSource" in g;
beforeAll(() => {
  server.listen({ onUnhandledRequest: "error" });
  if (!hadEventSource) g.EventSource = FetchEventSource;
});
afterEach(() => server.resetHandlers());
afterAll(() => {
  server.close();
  if (!hadEventSource) delete g.EventSource;
});

/** Calls per procedure, as the browser sends them (a batch counts once for each procedure in it). */
function countCalls(): Map<string, number> {
  const calls = new Map<string, number>();
  server.events.removeAllListeners();
  server.events.on("request:start", ({ request }) => {
    const { pathname } = new URL(request.url);
    if (!pathname.startsWith("/api/trpc/")) return;
    for (const p of pathname.slice("/api/trpc/".length).split(",")) calls.set(p, (calls.get(p) ?? 0) + 1);
  });
  return calls;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const repeated = (alertId: number) =>
  ({ type: "alert", alertId, state: "firing", change: "repeated" }) as const;

describe("the Overview's requests", () => {
  it("loads once, ignores repeats, refetches once per burst of real changes", {
    timeout: 30_000,
  }, async () => {
    const api: MockApi = createMockApi({ state: populatedState("mock-user-admin") });
    server.use(...api.handlers);
    const calls = countCalls();
    render(
      <StoryProviders>
        <MemoryRouter initialEntries={["/"]}>
          <AppRoutes />
        </MemoryRouter>
      </StoryProviders>,
    );
    await screen.findByRole("heading", { name: "Overview", level: 1 });
    await waitFor(() => expect(document.querySelectorAll("ul.tiles > li").length).toBeGreaterThan(0));
    await waitFor(() => expect(api.subscriberCount()).toBe(1));
    // The stream's hello has arrived and any refetch it caused would have been sent by now.
    await sleep(COALESCE_MS * 3);
    expect(calls.get("system.overview")).toBe(1);
    expect(calls.get("alerts.counts")).toBe(1);

    // A still-firing alert raised again, many times: nothing to refetch at once.
    const firing = api.state.alerts.find((a) => a.state === "firing");
    expect(firing).toBeDefined();
    for (let i = 0; i < 5; i++) api.emit(repeated(firing?.id ?? 0));
    await sleep(COALESCE_MS * 3);
    expect(calls.get("system.overview")).toBe(1);
    expect(calls.get("alerts.counts")).toBe(1);

    // A burst of real changes: one refetch of each.
    for (const change of ["acknowledged", "unacknowledged", "acknowledged"] as const)
      api.emit({ type: "alert", alertId: firing?.id ?? 0, state: "firing", change });
    await waitFor(() => expect(calls.get("system.overview")).toBe(2));
    await sleep(COALESCE_MS * 3);
    expect(calls.get("system.overview")).toBe(2);
    expect(calls.get("alerts.counts")).toBe(2);
  });
});

describe("createRefreshScheduler", () => {
  const setup = () => {
    vi.useFakeTimers();
    const flushes: Kind[][] = [];
    const s = createRefreshScheduler((k) => flushes.push([...k].sort()));
    s.event({ type: "hello" });
    return { s, flushes };
  };
  afterEach(() => {
    vi.useRealTimers();
  });

  it("ignores the first hello and refetches everything after a reconnect's hello", () => {
    const { s, flushes } = setup();
    vi.advanceTimersByTime(REPEAT_REFRESH_MS * 2);
    expect(flushes).toEqual([]);
    s.event({ type: "hello" });
    vi.advanceTimersByTime(COALESCE_MS);
    expect(flushes).toEqual([["all"]]);
  });

  it("gathers a burst of changes into one flush", () => {
    const { s, flushes } = setup();
    s.event({ type: "alert", alertId: 1, state: "firing", change: "fired" });
    s.event({ type: "silence", silenceId: "s1" });
    s.event({ type: "alert", alertId: 2, state: "resolved", change: "resolved" });
    vi.advanceTimersByTime(COALESCE_MS - 1);
    expect(flushes).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(flushes).toEqual([["alert", "silence"]]);
  });

  it("refreshes repeats at most once per REPEAT_REFRESH_MS", () => {
    const { s, flushes } = setup();
    for (let t = 0; t < REPEAT_REFRESH_MS * 3; t += 500) {
      s.event(repeated(1));
      vi.advanceTimersByTime(500);
    }
    vi.advanceTimersByTime(REPEAT_REFRESH_MS + COALESCE_MS);
    expect(flushes).toEqual([["alert"], ["alert"], ["alert"]]);
  });

  it("lets repeats ride along with a real change's refetch", () => {
    const { s, flushes } = setup();
    s.event(repeated(1));
    s.event({ type: "alert", alertId: 2, state: "firing", change: "fired" });
    vi.advanceTimersByTime(REPEAT_REFRESH_MS * 2);
    expect(flushes).toEqual([["alert"]]);
  });

  it("stops its timers when disposed", () => {
    const { s, flushes } = setup();
    s.event(repeated(1));
    s.event({ type: "delivery", receiverId: "r1" });
    s.dispose();
    vi.advanceTimersByTime(REPEAT_REFRESH_MS * 2);
    expect(flushes).toEqual([]);
  });
});
