import { act, renderHook, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { Role } from "@netops/protocols";
import { describe, expect, it, vi } from "vitest";
import { makeAlert } from "../../test/fixtures";
import { renderWithRouter } from "../../test/render";
import { OnCallBoard } from "./OnCallBoard";
import { newCriticals, useCriticalChime } from "./useCriticalChime";

// Constants, not string literals: a literal `role="viewer"` reads as an ARIA role to the linter.
const VIEWER: Role = "viewer";
const OPERATOR: Role = "operator";

const NOW = Date.parse("2026-11-21T07:10:05Z");

describe("OnCallBoard", () => {
  const items = [
    makeAlert({
      id: 1,
      severity: "critical",
      summary: "Zone example.net stale",
      firstSeenAt: "2026-11-21T07:05:00Z",
    }),
    makeAlert({
      id: 2,
      severity: "critical",
      state: "acknowledged",
      acknowledgedBy: "bob",
      acknowledgedAt: "2026-11-21T07:09:05Z",
      summary: "Peer down",
    }),
  ];

  it("shows firing first with a ticking age, acknowledged after, and a big Ack for operators", async () => {
    const onAck = vi.fn();
    renderWithRouter(<OnCallBoard items={items} role={OPERATOR} now={NOW} onAck={onAck} />);
    expect(screen.getByRole("heading", { name: /1 firing/ })).toBeInTheDocument();
    expect(screen.getByText("firing for 5m 05s")).toBeInTheDocument();
    expect(screen.getByText("Acknowledged by bob 1m ago")).toBeInTheDocument();
    const links = screen
      .getAllByRole("link")
      .filter((l) => /^\/alerts\/\d+$/.test(l.getAttribute("href") ?? ""))
      .map((l) => l.textContent);
    expect(links).toEqual(["Zone example.net stale", "Peer down"]);
    await userEvent.setup().click(screen.getByRole("button", { name: /Acknowledge alert 1/ }));
    expect(onAck.mock.calls[0]?.[0]).toMatchObject({ id: 1 });
  });

  it("has no Ack for viewers", () => {
    renderWithRouter(<OnCallBoard items={items} role={VIEWER} now={NOW} onAck={vi.fn()} />);
    expect(screen.queryByRole("button")).toBeNull();
  });

  it("silences from the card after asking, and offers no silence to viewers", async () => {
    const user = userEvent.setup();
    const onSilence = vi.fn();
    renderWithRouter(
      <OnCallBoard items={items} role={OPERATOR} now={NOW} onAck={vi.fn()} onSilence={onSilence} />,
    );
    await user.click(screen.getByRole("button", { name: /^Silence alert 1: .* for 1 hour/ }));
    expect(onSilence).not.toHaveBeenCalled();
    await user.click(screen.getByRole("button", { name: "Yes" }));
    expect(onSilence.mock.calls[0]?.[0]).toMatchObject({ id: 1 });
    // The acknowledged card can be silenced too, but not acknowledged again.
    expect(screen.getByRole("button", { name: /^Silence alert 2:/ })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /^Acknowledge alert 2/ })).toBeNull();
  });

  it("says all clear", () => {
    renderWithRouter(<OnCallBoard items={[]} role={VIEWER} now={NOW} />);
    expect(screen.getByText(/All clear/)).toBeInTheDocument();
  });
});

describe("the opt-in chime for new criticals", () => {
  const crit = (id: number, over = {}) => makeAlert({ id, severity: "critical", ...over });

  it("finds firing, unsilenced criticals not seen before", () => {
    const list = [
      crit(1),
      crit(2, { silencedBy: ["s"] }),
      crit(3, { state: "acknowledged" }),
      makeAlert({ id: 4, severity: "warning" }),
      crit(5),
    ];
    expect(newCriticals(new Set([1]), list)).toEqual([5]);
  });

  it("stays silent until enabled, never for the first list, then once per new critical", () => {
    localStorage.removeItem("netops.oncall.chime");
    const notify = vi.fn();
    const { result, rerender } = renderHook(({ items: list }) => useCriticalChime(list, notify), {
      initialProps: { items: [crit(1)] },
    });
    rerender({ items: [crit(1), crit(2)] });
    expect(notify).not.toHaveBeenCalled();
    act(() => result.current.setEnabled(true));
    expect(localStorage.getItem("netops.oncall.chime")).toBe("1");
    rerender({ items: [crit(1), crit(2)] });
    expect(notify).not.toHaveBeenCalled();
    rerender({ items: [crit(1), crit(2), crit(3)] });
    expect(notify).toHaveBeenCalledTimes(1);
    rerender({ items: [crit(1), crit(2), crit(3), makeAlert({ id: 4, severity: "warning" })] });
    expect(notify).toHaveBeenCalledTimes(1);
  });
});
