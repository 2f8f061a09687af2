/**
 * The Alerts pages against the mock API (the server's own rules): worst first then newest by
 * default, the order in the URL, bulk acknowledge, and a missing alert as a not-found page.
 */
import { createMockApi, populatedState } from "@netops/mocks";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { setupServer } from "msw/node";
import { MemoryRouter, Route, Routes, useLocation } from "react-router";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { StoryProviders } from "../../../.storybook/providers";
import { AlertDetailPage } from "./AlertDetailPage";
import { AlertsPage } from "./AlertsPage";

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function Where() {
  const l = useLocation();
  return <p data-testid="where">{`${l.pathname}${l.search}`}</p>;
}

function renderAt(path: string) {
  const api = createMockApi({ state: populatedState("mock-user-admin") });
  server.use(...api.handlers);
  render(
    <StoryProviders>
      <MemoryRouter initialEntries={[path]}>
        <Routes>
          <Route path="/alerts" element={<AlertsPage />} />
          <Route path="/alerts/:id" element={<AlertDetailPage />} />
        </Routes>
        <Where />
      </MemoryRouter>
    </StoryProviders>,
  );
  return api;
}

const summaries = async () => {
  const table = await screen.findByRole("table", {}, { timeout: 10_000 });
  return within(table)
    .getAllByRole("link")
    .filter((l) => /^\/alerts\/\d+$/.test(l.getAttribute("href") ?? ""))
    .map((l) => l.getAttribute("href"));
};

describe("the Alerts page", { timeout: 20_000 }, () => {
  it("lists the worst first, then the newest, and keeps a clicked order in the URL", async () => {
    const user = userEvent.setup();
    renderAt("/alerts");
    // critical #1, the warnings newest first (#3 then #2), then info #4; not id order.
    expect(await summaries()).toEqual(["/alerts/1", "/alerts/3", "/alerts/2", "/alerts/4"]);
    await user.click(screen.getByRole("button", { name: /^Summary/ }));
    expect(screen.getByTestId("where")).toHaveTextContent("/alerts?sort=summary&order=asc");
    expect(await screen.findByRole("columnheader", { name: /Summary/ })).toHaveAttribute(
      "aria-sort",
      "ascending",
    );
  });

  it("reads the order from the URL", async () => {
    renderAt("/alerts?sort=severity&order=asc");
    expect(await summaries()).toEqual(["/alerts/4", "/alerts/3", "/alerts/2", "/alerts/1"]);
  });

  it("acknowledges the selected alerts in one go", async () => {
    const user = userEvent.setup();
    const api = renderAt("/alerts");
    await screen.findByRole("table", {}, { timeout: 10_000 });
    await user.click(screen.getByRole("checkbox", { name: /^Select alert 1:/ }));
    await user.click(screen.getByRole("checkbox", { name: /^Select alert 4:/ }));
    const bar = screen.getByRole("region", { name: "Selected alerts" });
    expect(within(bar).getByText("2 selected")).toBeInTheDocument();
    await user.click(within(bar).getByRole("button", { name: "Acknowledge 2" }));
    await screen.findAllByText(/by admin/);
    expect(api.state.alerts.filter((a) => [1, 4].includes(a.id)).map((a) => a.state)).toEqual([
      "acknowledged",
      "acknowledged",
    ]);
  });
});

describe("an alert that does not exist", { timeout: 20_000 }, () => {
  it("is a not-found page with a way back, not a retryable error", async () => {
    renderAt("/alerts/999999");
    expect(
      await screen.findByRole("heading", { name: "Alert 999999 not found", level: 1 }),
    ).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Back to the alerts" })).toHaveAttribute("href", "/alerts");
    expect(screen.queryByRole("button", { name: "Try again" })).toBeNull();
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("shows the object's other alerts on an alert's page", async () => {
    const api = renderAt("/alerts/2");
    expect(api.state.alerts.length).toBeGreaterThan(0);
    expect(
      await screen.findByRole("heading", { name: "Other alerts about this object" }),
    ).toBeInTheDocument();
  });
});
