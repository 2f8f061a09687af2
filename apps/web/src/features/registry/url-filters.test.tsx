/** Issue 15 item 6 on the registry pages: a filter the URL gets wrong is an error on its field, not a silent drop. */
import { createMockApi, populatedState } from "@netops/mocks";
import { render, screen } from "@testing-library/react";
import { setupServer } from "msw/node";
import type { ReactElement } from "react";
import { MemoryRouter } from "react-router";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { StoryProviders } from "../../../.storybook/providers";
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
});
