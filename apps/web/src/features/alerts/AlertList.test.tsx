import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { Role } from "@netops/protocols";
import { describe, expect, it, vi } from "vitest";
import { makeAlert } from "../../test/fixtures";
import { renderWithRouter } from "../../test/render";
import { AlertList } from "./AlertList";

// Constants, not string literals: a literal `role="viewer"` reads as an ARIA role to the linter.
const VIEWER: Role = "viewer";
const OPERATOR: Role = "operator";
const ADMIN: Role = "admin";

const NOW = Date.parse("2026-11-21T07:10:00Z");

const items = [
  makeAlert({ id: 1, severity: "critical", source: "bgp", summary: "BGP session to 192.0.2.1 down" }),
  makeAlert({ id: 2, severity: "warning", source: "zonemd", summary: "ZONEMD mismatch for example.net" }),
  makeAlert({
    id: 3,
    severity: "info",
    source: "bgp",
    state: "acknowledged",
    acknowledgedBy: "alice",
    acknowledgedAt: "2026-11-21T07:08:00Z",
    summary: "BGP prefix count high",
  }),
  makeAlert({
    id: 4,
    severity: "warning",
    source: "dhcp",
    silencedBy: ["s1"],
    summary: "Pool p1 is 95% full",
  }),
];

describe("AlertList", () => {
  it("renders severities as words, summaries as links and the labels", () => {
    renderWithRouter(<AlertList items={items} role={VIEWER} now={NOW} />);
    expect(screen.getByText("critical")).toBeInTheDocument();
    expect(screen.getAllByText("warning")).toHaveLength(2);
    expect(screen.getByText("info")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "BGP session to 192.0.2.1 down" })).toHaveAttribute(
      "href",
      "/alerts/1",
    );
    expect(screen.getAllByText("zone=example.net").length).toBeGreaterThan(0);
    expect(screen.getByText(/by alice/)).toBeInTheDocument();
    expect(screen.getByText("Silenced")).toBeInTheDocument();
    expect(screen.getAllByText("5m ago").length).toBeGreaterThan(0);
  });

  it("groups rows by source", () => {
    renderWithRouter(<AlertList items={items} role={VIEWER} groupBy="source" now={NOW} />);
    const groups = screen.getAllByRole("rowgroup").filter((g) => g.classList.contains("group"));
    // In the canonical source order, only sources that have alerts.
    expect(groups.map((g) => g.getAttribute("aria-label"))).toEqual([
      "Source zonemd",
      "Source dhcp",
      "Source bgp",
    ]);
    const bgp = groups.find((g) => g.getAttribute("aria-label") === "Source bgp");
    expect(bgp).toBeDefined();
    const rows = within(bgp as HTMLElement).getAllByRole("link");
    expect(rows.map((r) => r.textContent)).toEqual([
      "BGP session to 192.0.2.1 down",
      "BGP prefix count high",
    ]);
  });

  it("hides actions from viewers", () => {
    renderWithRouter(<AlertList items={items} role={VIEWER} onAck={vi.fn()} onResolve={vi.fn()} now={NOW} />);
    expect(screen.queryByRole("button", { name: /acknowledge/i })).toBeNull();
    expect(screen.queryByRole("button", { name: /resolve/i })).toBeNull();
    expect(screen.queryByRole("link", { name: /silence/i })).toBeNull();
  });

  it("lets operators ack, unack, resolve and silence", async () => {
    const user = userEvent.setup();
    const onAck = vi.fn();
    const onUnack = vi.fn();
    const onResolve = vi.fn();
    renderWithRouter(
      <AlertList
        items={items}
        role={OPERATOR}
        onAck={onAck}
        onUnack={onUnack}
        onResolve={onResolve}
        now={NOW}
      />,
    );
    // Firing alerts get Ack, the acknowledged one gets Unack.
    expect(screen.getAllByRole("button", { name: /^Acknowledge/ })).toHaveLength(3);
    await user.click(screen.getByRole("button", { name: /^Acknowledge alert 1:/ }));
    expect(onAck).toHaveBeenCalledTimes(1);
    expect(onAck.mock.calls[0]?.[0]).toMatchObject({ id: 1 });

    await user.click(screen.getByRole("button", { name: /^Unacknowledge alert 3:/ }));
    expect(onUnack.mock.calls[0]?.[0]).toMatchObject({ id: 3 });

    await user.click(screen.getByRole("button", { name: /^Resolve alert 2:/ }));
    expect(onResolve.mock.calls[0]?.[0]).toMatchObject({ id: 2 });

    const silence = screen.getByRole("link", { name: /^Silence alert 1:/ });
    expect(silence.getAttribute("href")).toMatch(/^\/alerts\/silences\?matchers=/);
  });

  it("disables the buttons of a busy alert", () => {
    renderWithRouter(
      <AlertList items={items} role={ADMIN} onAck={vi.fn()} busyIds={new Set([1])} now={NOW} />,
    );
    expect(screen.getByRole("button", { name: /^Acknowledge alert 1:/ })).toBeDisabled();
    expect(screen.getByRole("button", { name: /^Acknowledge alert 2:/ })).toBeEnabled();
  });

  it("offers no actions on resolved alerts", () => {
    renderWithRouter(
      <AlertList
        items={[
          makeAlert({ id: 9, state: "resolved", resolvedBy: "auto", resolvedAt: "2026-11-21T07:09:00Z" }),
        ]}
        role={ADMIN}
        onAck={vi.fn()}
        onResolve={vi.fn()}
        now={NOW}
      />,
    );
    expect(screen.queryByRole("button")).toBeNull();
    expect(screen.getByText("Resolved")).toBeInTheDocument();
  });

  it("says so when there is nothing", () => {
    renderWithRouter(<AlertList items={[]} role={ADMIN} emptyText="No alerts match these filters." />);
    expect(screen.getByText("No alerts match these filters.")).toBeInTheDocument();
  });
});
