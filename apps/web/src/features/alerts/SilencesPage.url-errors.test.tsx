/** Issue 15 item 6 on the Silences page: a value the address gets wrong is an error on its field, not a note. */
import { createMockApi, populatedState } from "@netops/mocks";
import { render, screen } from "@testing-library/react";
import { setupServer } from "msw/node";
import { MemoryRouter } from "react-router";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { StoryProviders } from "../../../.storybook/providers";
import { SilencesPage } from "./SilencesPage";

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function renderAt(url: string, user: "mock-user-viewer" | "mock-user-operator" = "mock-user-viewer") {
  server.use(...createMockApi({ state: populatedState(user) }).handlers);
  render(
    <StoryProviders>
      <MemoryRouter initialEntries={[url]}>
        <SilencesPage />
      </MemoryRouter>
    </StoryProviders>,
  );
}

describe("silences: the address's values on their fields", () => {
  it("show=bogus is an error on the Show field, and no silences are listed as if filtered", async () => {
    renderAt("/alerts/silences?show=bogus");
    const gate = await screen.findByRole("alert", { name: "Filters not applied" });
    expect(gate).toHaveTextContent("Show: “bogus”: not a list of silences (all, active, pending, expired)");
    const show = screen.getByLabelText("Show");
    expect(show).toHaveAttribute("aria-invalid", "true");
    expect(show).toHaveAccessibleDescription(/“bogus”: not a list of silences/);
    expect(screen.queryByRole("table")).toBeNull();
    expect(screen.queryByRole("note", { name: "Address not understood" })).toBeNull();
  });

  it("matchers it cannot read are an error on the matchers, with what it could read filled in", async () => {
    renderAt('/alerts/silences?matchers=source%3D"bgp",peer%3Dnot-quoted', "mock-user-operator");
    const group = await screen.findByRole("group", { name: "Matchers (all must match)" });
    expect(group).toHaveAttribute("aria-invalid", "true");
    expect(group).toHaveAccessibleDescription(
      "Could not read the matchers from the link: cannot read matcher at: peer=not-quoted",
    );
    expect(screen.getByLabelText("Matcher 1 name")).toHaveValue("source");
    expect(screen.getByLabelText("Matcher 1 value")).toHaveValue("bgp");
    // The list does not depend on the matchers: it is shown.
    expect(await screen.findByRole("table", {}, { timeout: 5000 })).toBeInTheDocument();
  });

  it("valid values list silences", async () => {
    renderAt("/alerts/silences?show=active");
    expect(await screen.findByRole("table", {}, { timeout: 5000 })).toBeInTheDocument();
    expect(screen.getByLabelText("Show")).not.toHaveAttribute("aria-invalid");
  });
});
