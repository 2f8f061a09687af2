/**
 * Issue 15: the audit log's time-range filter (zoned in the URL, item 4), a filter the URL gets
 * wrong shown on its field with no entries (item 6), targets linked to their objects, and export.
 */
import { createMockApi, populatedState } from "@netops/mocks";
import { render, screen, within } from "@testing-library/react";
import { setupServer } from "msw/node";
import { MemoryRouter } from "react-router";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { StoryProviders } from "../../../.storybook/providers";
import { AuditPage } from "./AuditPage";

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function renderAt(url: string) {
  const api = createMockApi({ state: populatedState("mock-user-admin") });
  server.use(...api.handlers);
  render(
    <StoryProviders>
      <MemoryRouter initialEntries={[url]}>
        <AuditPage />
      </MemoryRouter>
    </StoryProviders>,
  );
}

// The mock trail: `alerts.acknowledge` of alert 3 at 05:50 UTC, a login at 05:00 UTC (2026-11-21).
describe("audit log", () => {
  it("filters by a zoned time range and links targets to their objects", async () => {
    renderAt("/settings/audit?from=2026-11-21T05:30Z");
    const link = await screen.findByRole("link", { name: "alert 3" }, { timeout: 5000 });
    expect(link).toHaveAttribute("href", "/alerts/3");
    const table = screen.getByRole("table");
    expect(within(table).queryByText("auth.login")).toBeNull();
    expect(
      screen.getByRole("button", { name: /Audit time: 2026-11-21 05:30:00 UTC → now/ }),
    ).toBeInTheDocument();
    const csv = screen.getByRole("link", { name: "Export audit entries as CSV" });
    expect(decodeURIComponent(csv.getAttribute("href") ?? "")).toBe(
      '/api/export/audit.csv?input={"from":"2026-11-21T05:30:00.000Z"}',
    );
  });

  it("a zone-less time in the URL is an error on the picker, and no entries are shown", async () => {
    renderAt("/settings/audit?from=2026-11-21T05:30");
    expect(await screen.findByRole("alert", { name: "Filters not applied" })).toHaveTextContent(
      /no time zone/,
    );
    expect(screen.getByLabelText("From")).toHaveAttribute("aria-invalid", "true");
    expect(screen.queryByRole("table")).toBeNull();
    expect(screen.queryByRole("link", { name: /Export/ })).toBeNull();
  });

  it("a too-long actor is an error on the Actor field, not a cut filter", async () => {
    renderAt(`/settings/audit?actor=${"x".repeat(70)}`);
    const field = await screen.findByLabelText("Actor");
    expect(field).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByRole("alert", { name: "Filters not applied" })).toBeInTheDocument();
  });
});
