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

  it("say what is wrong with a prefix length instead of dropping it (issue 15 item 6)", async () => {
    at("/dhcp/leases/192.0.2.53?prefixLength=abc");
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("prefixLength: “abc” is not a prefix length (0 to 128).");
    expect(screen.getByRole("link", { name: "The lease of 192.0.2.53 without it" })).toHaveAttribute(
      "href",
      "/dhcp/leases/192.0.2.53",
    );
    cleanup();
    at("/dhcp/leases/192.0.2.53?prefixLength=129");
    expect(await screen.findByRole("alert")).toHaveTextContent("“129” is not a prefix length");
  });
});
