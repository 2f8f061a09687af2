/** Test helper: one route of the app on a fresh mock API (MSW in jsdom), with extra alerts in its state. */
import { type AlertFixture, alertFixture, createMockApi, populatedState } from "@netops/mocks";
import { render } from "@testing-library/react";
import { setupServer } from "msw/node";
import type { ReactElement } from "react";
import { MemoryRouter, Route, Routes } from "react-router";
import { afterAll, afterEach, beforeAll } from "vitest";
import { StoryProviders } from "../../.storybook/providers";

export interface RouteOptions {
  /** Alerts added to the populated state (ids from 1000 up). */
  alerts?: Partial<AlertFixture>[];
  user?: "mock-user-admin" | "mock-user-operator" | "mock-user-viewer";
}

/** Registers the MSW server's lifecycle hooks in the calling test file; returns the render function. */
export function mockRouteHarness(o: { onUnhandledRequest?: "error" | "bypass" } = {}) {
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledRequest: o.onUnhandledRequest ?? "error" }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
  return (path: string, url: string, element: ReactElement, o: RouteOptions = {}) => {
    const state = populatedState(o.user ?? "mock-user-viewer");
    (o.alerts ?? []).forEach((a, i) => {
      const id = 1000 + i;
      state.alerts.push(alertFixture({ ...a, id, fingerprint: `f${String(id).padStart(15, "0")}` }));
    });
    const api = createMockApi({ state });
    server.use(...api.handlers);
    render(
      <StoryProviders>
        <MemoryRouter initialEntries={[url]}>
          <Routes>
            <Route path={path} element={element} />
          </Routes>
        </MemoryRouter>
      </StoryProviders>,
    );
    return api;
  };
}
