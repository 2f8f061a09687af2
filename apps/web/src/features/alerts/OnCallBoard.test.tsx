import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { Role } from "@netops/protocols";
import { describe, expect, it, vi } from "vitest";
import { makeAlert } from "../../test/fixtures";
import { renderWithRouter } from "../../test/render";
import { OnCallBoard } from "./OnCallBoard";

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
    const links = screen.getAllByRole("link").map((l) => l.textContent);
    expect(links).toEqual(["Zone example.net stale", "Peer down"]);
    await userEvent.setup().click(screen.getByRole("button", { name: /Acknowledge alert 1/ }));
    expect(onAck.mock.calls[0]?.[0]).toMatchObject({ id: 1 });
  });

  it("has no Ack for viewers", () => {
    renderWithRouter(<OnCallBoard items={items} role={VIEWER} now={NOW} onAck={vi.fn()} />);
    expect(screen.queryByRole("button")).toBeNull();
  });

  it("says all clear", () => {
    renderWithRouter(<OnCallBoard items={[]} role={VIEWER} now={NOW} />);
    expect(screen.getByText(/All clear/)).toBeInTheDocument();
  });
});
