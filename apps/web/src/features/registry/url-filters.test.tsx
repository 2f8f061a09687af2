/** Issue 15 item 6 on the registry pages: a filter the URL gets wrong is an error on its field, not a silent drop. */
import { createMockApi, populatedState } from "@netops/mocks";
import { render, screen } from "@testing-library/react";
import { setupServer } from "msw/node";
import type { ReactElement } from "react";
import { MemoryRouter } from "react-router";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { StoryProviders } from "../../../.storybook/providers";
import { RegistryDomainsPage } from "./RegistryDomainsPage";
import { RegistryHostsPage } from "./RegistryHostsPage";
import { RegistryTranscriptPage } from "./RegistryTranscriptPage";

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function renderAt(url: string, page: ReactElement) {
  server.use(...createMockApi({ state: populatedState("mock-user-viewer") }).handlers);
  render(
    <StoryProviders>
      <MemoryRouter initialEntries={[url]}>{page}</MemoryRouter>
    </StoryProviders>,
  );
}

describe("registry filters in the URL", () => {
  it("transcript: failed=maybe is an error on its checkbox, and no transactions are listed as if filtered", async () => {
    renderAt("/registry/transcript?failed=maybe", <RegistryTranscriptPage />);
    const gate = await screen.findByRole("alert", { name: "Filters not applied" });
    expect(gate).toHaveTextContent("Failed only");
    expect(screen.getByRole("checkbox", { name: "failed only" })).toHaveAttribute("aria-invalid", "true");
    expect(screen.queryByRole("table")).toBeNull();
  });

  it("hosts: mine=perhaps is an error on its checkbox, no hosts and no export", async () => {
    renderAt("/registry?mine=perhaps", <RegistryHostsPage />);
    expect(
      await screen.findByRole("alert", { name: "Filters not applied" }, { timeout: 5000 }),
    ).toHaveTextContent("Sponsored by us only");
    expect(screen.getByRole("checkbox", { name: "sponsored by us only" })).toHaveAttribute(
      "aria-invalid",
      "true",
    );
    expect(screen.queryByRole("link", { name: /Export hosts/ })).toBeNull();
  });

  it("domains: a name longer than a domain can be is an error on the Domain field, and nothing is looked up", async () => {
    const long = `${"a".repeat(250)}.example`;
    const asked: string[] = [];
    server.events.on("request:start", ({ request }) => {
      asked.push(new URL(request.url).pathname);
    });
    renderAt(`/registry/domains?name=${long}`, <RegistryDomainsPage />);
    const field = await screen.findByLabelText("Domain");
    expect(field).toHaveValue(long);
    expect(field).toHaveAttribute("aria-invalid", "true");
    expect(field).toHaveAccessibleDescription("longer than a domain name can be (253 characters)");
    expect(screen.queryByRole("note", { name: "Address not understood" })).toBeNull();
    // The connection and the domains read so far load; the name cut to 253 characters is not looked up.
    expect(await screen.findByRole("table", {}, { timeout: 5000 })).toBeInTheDocument();
    expect(asked.some((p) => p.includes("registry.domains"))).toBe(true);
    expect(asked.some((p) => p.includes("registry.lookupDomain"))).toBe(false);
    server.events.removeAllListeners();
  });
});
