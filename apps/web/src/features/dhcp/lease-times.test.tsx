/**
 * Lease times arrive as ISO strings (like every API date) and show through the shared <Time>: UTC
 * as text, the instant in `dateTime`; a lease without an end reads "never".
 */
import { createMockApi, dhcpLeaseFixture, populatedState } from "@netops/mocks";
import { render, screen, within } from "@testing-library/react";
import { setupServer } from "msw/node";
import { MemoryRouter, Route, Routes } from "react-router";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { StoryProviders } from "../../../.storybook/providers";
import { renderWithRouter } from "../../test/render";
import { LeaseDetailPage } from "./LeaseDetailPage";
import { LeaseTable } from "./LeaseTable";

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

describe("lease times", () => {
  it("the lease table shows ends in UTC, and 'never' for a lease without an end", () => {
    renderWithRouter(
      <LeaseTable
        leases={[
          dhcpLeaseFixture({ id: 1, ends: "2026-11-21T06:50:00.000Z" }),
          dhcpLeaseFixture({ id: 2, ends: null }),
        ]}
        search=""
      />,
    );
    const rows = within(screen.getByRole("table", { name: "Leases" })).getAllByRole("row");
    const end = rows[1]?.querySelector("time");
    expect(end).toHaveAttribute("dateTime", "2026-11-21T06:50:00.000Z");
    expect(end).toHaveTextContent("2026-11-21 06:50:00 UTC");
    expect(rows[2]).toHaveTextContent("never");
    expect(rows[2]?.querySelector("time")).toBeNull();
  });

  it("the lease page shows starts, CLTT, ends and the history's times", async () => {
    const api = createMockApi({ state: populatedState("mock-user-viewer") });
    server.use(...api.handlers);
    render(
      <StoryProviders>
        <MemoryRouter initialEntries={["/dhcp/leases/1"]}>
          <Routes>
            <Route path="/dhcp/leases/:id" element={<LeaseDetailPage />} />
          </Routes>
        </MemoryRouter>
      </StoryProviders>,
    );
    const times = await screen.findByText("Starts / CLTT / Ends");
    // The sample lease started 10 minutes before the fixture clock (06:00 UTC) and ends 50 after.
    expect(times.nextElementSibling).toHaveTextContent(
      "2026-11-21 05:50:00 UTC / 2026-11-21 05:50:00 UTC / 2026-11-21 06:50:00 UTC",
    );
    const history = screen.getByRole("table", { name: "History of this address" });
    expect(within(history).getAllByRole("row")[1]).toHaveTextContent("2026-11-21 05:55:00 UTC");
  });
});
