/**
 * Settings → Replicas (issue 14, item 7): each replica with its heartbeat and the work it owns,
 * the dead one marked silent, work whose lease ran out listed apart; operators only.
 */
import { createMockApi, emptyState, populatedState } from "@netops/mocks";
import { render, screen, within } from "@testing-library/react";
import { setupServer } from "msw/node";
import { MemoryRouter } from "react-router";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { StoryProviders } from "../../../.storybook/providers";
import { ReplicasPage } from "./ReplicasPage";

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function renderAs(user: string, state = populatedState(user)) {
  const api = createMockApi({ state });
  server.use(...api.handlers);
  render(
    <StoryProviders>
      <MemoryRouter initialEntries={["/settings/replicas"]}>
        <ReplicasPage />
      </MemoryRouter>
    </StoryProviders>,
  );
  return api;
}

describe("Replicas page", () => {
  it("shows each replica's heartbeat and owned work; the silent one owns nothing, its work waits", async () => {
    renderAs("mock-user-operator");
    const list = await screen.findByRole("list", { name: "Replicas" }, { timeout: 5000 });
    const cards = within(list).getAllByRole("listitem", { name: /^Replica / });
    // Alive first, this replica first among them, then the silent one.
    expect(cards.map((c) => c.getAttribute("aria-label"))).toEqual([
      "Replica console-a-4242-9f1c2e",
      "Replica console-b-3117-07ab44",
      "Replica console-c-5120-d2e981",
    ]);
    const [a, b, c] = cards as [HTMLElement, HTMLElement, HTMLElement];
    expect(within(a).getByText("This replica")).toBeInTheDocument();
    expect(within(a).getByText("Alive")).toBeInTheDocument();
    const owned = within(a).getByRole("list", { name: /^Work owned by/ });
    expect(
      within(owned)
        .getAllByRole("listitem")
        .map((li) => li.querySelector("code")?.textContent),
    ).toEqual(["alert-reminders", "housekeeping", "webhook-delivery"]);
    expect(within(a).getByText(/epoch 5/)).toBeInTheDocument();
    expect(within(b).queryByText("This replica")).toBeNull();
    expect(within(b).getByText("dns-zone-checks")).toBeInTheDocument();
    expect(within(c).getByText("Silent")).toBeInTheDocument();
    expect(within(c).getByText("nothing")).toBeInTheDocument();
    // Its heartbeat's age is said once (the time's own relative form), not twice ("(5s ago) (5 s ago)").
    const beat = within(c).getByText("Last heartbeat").nextElementSibling;
    expect(beat?.textContent).toMatch(/^[^()]+ UTC \([^()]+ ago\)$/);
    const waiting = screen.getByRole("list", { name: "Work waiting for an owner" });
    expect(waiting).toHaveTextContent(/rdap-refresh.*last held by console-c-5120-d2e981/);
  });

  it("says so when no replica has reported", async () => {
    renderAs("mock-user-admin", emptyState("mock-user-admin"));
    expect(
      await screen.findByText("No replica has reported yet.", {}, { timeout: 5000 }),
    ).toBeInTheDocument();
  });

  it("is for operators: a viewer is told the role it needs and sees no replica", async () => {
    renderAs("mock-user-viewer");
    expect(await screen.findByRole("alert", {}, { timeout: 5000 })).toHaveTextContent(
      /Could not load the replicas.*needs the operator role; you are viewer/,
    );
    expect(screen.queryByRole("list", { name: "Replicas" })).toBeNull();
  });
});
