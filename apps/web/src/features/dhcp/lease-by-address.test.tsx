/** A lease's page by its natural name, the address (`/dhcp/leases/192.0.2.53`); old id URLs still work. */
import { createMockApi, populatedState } from "@netops/mocks";
import { cleanup, render, screen } from "@testing-library/react";
import { setupServer } from "msw/node";
import { MemoryRouter, Route, Routes } from "react-router";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { StoryProviders } from "../../../.storybook/providers";
import { LeaseDetailPage } from "./LeaseDetailPage";

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function at(url: string) {
  server.use(...createMockApi({ state: populatedState("mock-user-viewer") }).handlers);
  render(
    <StoryProviders>
      <MemoryRouter initialEntries={[url]}>
        <Routes>
          <Route path="/dhcp/leases/:id" element={<LeaseDetailPage />} />
        </Routes>
      </MemoryRouter>
    </StoryProviders>,
  );
}

describe("lease URLs", () => {
  it("open the same lease by id and by address", async () => {
    at("/dhcp/leases/1");
    const address = (await screen.findByRole("heading", { level: 1 })).textContent ?? "";
    expect(address).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    cleanup();
    at(`/dhcp/leases/${address}`);
    expect(await screen.findByRole("heading", { level: 1 })).toHaveTextContent(address);
    expect(screen.getByRole("link", { name: `Everything about ${address}` })).toHaveAttribute(
      "href",
      `/ip/${address}`,
    );
  });

  it("say what is wrong instead of loading forever", async () => {
    at("/dhcp/leases/not-an-address");
    expect(await screen.findByRole("alert")).toHaveTextContent(/"not-an-address" is not an IP address/);
    cleanup();
    at("/dhcp/leases/203.0.113.254");
    expect(await screen.findByRole("alert")).toHaveTextContent(/no lease of 203\.0\.113\.254/);
  });
});
