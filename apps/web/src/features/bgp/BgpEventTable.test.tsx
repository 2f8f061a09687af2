import { bgpEventFixture, bgpSampleEvents } from "@netops/mocks";
import { fireEvent, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { renderWithRouter } from "../../test/render";
import { BgpEventTable, eventWhat, shownText } from "./BgpEventTable";

describe("BgpEventTable", () => {
  it("shows the empty text when there are no events", () => {
    renderWithRouter(<BgpEventTable items={[]} emptyText="No BGP events match these filters." />);
    expect(screen.getByText("No BGP events match these filters.")).toBeInTheDocument();
    expect(screen.queryByRole("table")).toBeNull();
  });

  it("renders each event: time links to the detail, router to its entity page, peer to the session, code/subcode named", () => {
    const items = bgpSampleEvents();
    renderWithRouter(<BgpEventTable items={items} emptyText="none" />);
    const rows = within(screen.getByRole("table")).getAllByRole("row").slice(1);
    expect(rows).toHaveLength(items.length);
    const first = rows[0] as HTMLElement;
    const links = within(first).getAllByRole("link");
    expect(links[0]).toHaveAttribute("href", "/bgp/events/1");
    // The router's name goes to its entity page, the peer to the session.
    expect(links[1]).toHaveAttribute("href", "/name/rtr1.example.net");
    expect(links[2]).toHaveAttribute("href", "/bgp/session?router=rtr1.example.net&peer=192.0.2.1");
    expect(first).toHaveTextContent("AS64501");
    expect(first).toHaveTextContent("Cease/Administrative Shutdown (6/2)");
    expect(first).toHaveTextContent("Example: [REF056255] upgrading the router, back in 30 minutes");
    // A session up has no text; a reset without a communication shows its status.
    expect(rows[1]).toHaveTextContent("Session up");
    expect(rows[3]).toHaveTextContent("(absent)");
    // A log event names its format.
    expect(rows[4]).toHaveTextContent("syslog bird");
  });

  it("never renders control characters raw (log injection, bidi overrides)", () => {
    const e = bgpEventFixture({ id: 900, text: "evil\u001b[31m\u202eredirect" });
    renderWithRouter(<BgpEventTable items={[e]} emptyText="none" />);
    expect(screen.getByText("evil\\u{1b}[31m\\u{202e}redirect")).toBeInTheDocument();
    expect(shownText("ok\ttab")).toBe("ok\\u{9}tab");
  });

  it("virtualises: a long list keeps only the rows in view in the DOM, and scrolling moves them", () => {
    const items = Array.from({ length: 1000 }, (_, i) =>
      bgpEventFixture({ id: i + 1, peer: `peer-${i + 1}` }),
    );
    const { container } = renderWithRouter(<BgpEventTable items={items} emptyText="none" />);
    const table = screen.getByRole("table");
    expect(table).toHaveAttribute("aria-rowcount", "1001");
    const dataRows = () => container.querySelectorAll("tbody tr[aria-rowindex]");
    expect(dataRows().length).toBeLessThan(50);
    expect(screen.getByText("peer-1")).toBeInTheDocument();
    expect(screen.queryByText("peer-500")).toBeNull();
    fireEvent.scroll(container.querySelector(".table-wrap") as HTMLElement, {
      target: { scrollTop: 38 * 499 },
    });
    expect(screen.getByText("peer-500")).toBeInTheDocument();
    expect(screen.queryByText("peer-1")).toBeNull();
    expect(dataRows().length).toBeLessThan(50);
  });

  it("eventWhat names downs without a code by their reason", () => {
    expect(eventWhat(bgpEventFixture({ id: 901, code: null, reason: "Peer de-configured" }))).toBe(
      "Peer de-configured",
    );
  });
});
