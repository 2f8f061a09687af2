/** Test helper: the DHCP page on a fresh mock API (MSW in jsdom) as the given demo user. */
import { createMockApi, type MockApi, populatedState } from "@netops/mocks";
import { render } from "@testing-library/react";
import { setupServer } from "msw/node";
import { MemoryRouter } from "react-router";
import { afterAll, afterEach, beforeAll } from "vitest";
import { StoryProviders } from "../../../.storybook/providers";
import { DhcpPage } from "./DhcpPage";

type MockUser = "mock-user-admin" | "mock-user-operator" | "mock-user-viewer";

/** Registers the MSW server's lifecycle hooks in the calling test file; returns the render function. */
export function dhcpPageHarness(): (userId: MockUser, url?: string) => MockApi {
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
  return (userId, url = "/dhcp") => {
    const api = createMockApi({ state: populatedState(userId) });
    server.use(...api.handlers);
    render(
      <StoryProviders>
        <MemoryRouter initialEntries={[url]}>
          <DhcpPage />
        </MemoryRouter>
      </StoryProviders>,
    );
    return api;
  };
}
