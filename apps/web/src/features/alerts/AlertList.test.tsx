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
    // A label naming a zone links to the name's entity page.
    expect(screen.getAllByRole("link", { name: "example.net" })[0]).toHaveAttribute(
      "href",
      "/name/example.net",
    );
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
    const rows = within(bgp as HTMLElement)
      .getAllByRole("link")
      .filter((l) => l.classList.contains("alert-link"));
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

    // Resolve asks first: nothing happens until it is confirmed.
    await user.click(screen.getByRole("button", { name: /^Resolve alert 2:/ }));
    expect(onResolve).not.toHaveBeenCalled();
    expect(screen.getByText("Resolve alert 2?")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Cancel" }));
    expect(onResolve).not.toHaveBeenCalled();
    await user.click(screen.getByRole("button", { name: /^Resolve alert 2:/ }));
    await user.click(screen.getByRole("button", { name: "Yes" }));
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

  it("makes the headings sort buttons that say which way the list is sorted", async () => {
    const user = userEvent.setup();
    const onSort = vi.fn();
    renderWithRouter(
      <AlertList items={items} role={VIEWER} now={NOW} sort={{ sort: "severity", order: "desc", onSort }} />,
    );
    const sev = screen.getByRole("columnheader", { name: /Severity/ });
    expect(sev).toHaveAttribute("aria-sort", "descending");
    expect(screen.getByRole("columnheader", { name: /Summary/ })).toHaveAttribute("aria-sort", "none");
    // Labels are not sortable: no button, no aria-sort.
    expect(screen.getByRole("columnheader", { name: "Labels" })).not.toHaveAttribute("aria-sort");
    await user.click(screen.getByRole("button", { name: /Last seen/ }));
    expect(onSort).toHaveBeenCalledWith("lastSeen");
  });

  it("selects rows, a whole group or everything open, for operators only", async () => {
    const user = userEvent.setup();
    const onSelect = vi.fn();
    const onAckGroup = vi.fn();
    const { unmount } = renderWithRouter(
      <AlertList
        items={items}
        role={OPERATOR}
        groupBy="source"
        selected={new Set([1])}
        onSelect={onSelect}
        onAckGroup={onAckGroup}
        now={NOW}
      />,
    );
    expect(screen.getByRole("checkbox", { name: /^Select alert 1:/ })).toBeChecked();
    await user.click(screen.getByRole("checkbox", { name: /^Select alert 2:/ }));
    expect(onSelect).toHaveBeenLastCalledWith([2], true);
    await user.click(screen.getByRole("checkbox", { name: "Select every open alert shown" }));
    expect(onSelect).toHaveBeenLastCalledWith([1, 2, 3, 4], true);
    await user.click(screen.getByRole("checkbox", { name: "Select the open alerts of bgp" }));
    expect(onSelect).toHaveBeenLastCalledWith([1, 3], true);
    // The bgp group has one firing alert (3 is acknowledged): acknowledge the group acks that one.
    await user.click(screen.getByRole("button", { name: "Acknowledge the 1 firing alert of bgp" }));
    expect(onAckGroup.mock.calls[0]?.[0].map((a: { id: number }) => a.id)).toEqual([1]);
    const silence = screen.getByRole("link", { name: "Silence bgp" });
    expect(decodeURIComponent(silence.getAttribute("href") ?? "")).toBe(
      '/alerts/silences?matchers=source="bgp"',
    );
    unmount();
    renderWithRouter(<AlertList items={items} role={VIEWER} onSelect={onSelect} now={NOW} />);
    expect(screen.queryByRole("checkbox")).toBeNull();
  });

  it("acknowledges the focused alert with `a` and moves with j/k", async () => {
    const user = userEvent.setup();
    const onAck = vi.fn();
    renderWithRouter(<AlertList items={items} role={OPERATOR} onAck={onAck} now={NOW} />);
    screen.getByRole("link", { name: "BGP session to 192.0.2.1 down" }).focus();
    await user.keyboard("j");
    expect(screen.getByRole("link", { name: "ZONEMD mismatch for example.net" })).toHaveFocus();
    await user.keyboard("a");
    expect(onAck.mock.calls[0]?.[0]).toMatchObject({ id: 2 });
    // The acknowledged alert (3) is not acknowledged again.
    await user.keyboard("ja");
    expect(onAck).toHaveBeenCalledTimes(1);
  });

  it("says so when there is nothing", () => {
    renderWithRouter(<AlertList items={[]} role={ADMIN} emptyText="No alerts match these filters." />);
    expect(screen.getByText("No alerts match these filters.")).toBeInTheDocument();
  });
});
