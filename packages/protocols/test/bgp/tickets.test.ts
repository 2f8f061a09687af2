import { describe, expect, it } from "vitest";
import { extractTickets, ticketUrl } from "../../src/bgp/index";

describe("tickets", () => {
  it("default pattern: [REF056255], #56554, CHG0012345", () => {
    const t = extractTickets(
      "Maintenance [REF056255] see #56554 and CHG0012345; window #7; again [REF056255]",
    );
    expect(t.map((x) => x.ref)).toEqual(["REF056255", "56554", "CHG0012345"]);
    expect(t[0]).toMatchObject({ match: "[REF056255]", index: 12 });
  });

  it("finds the ticket in tcpdump's RFC 9003 vector text", () => {
    const text = "[TICKET-1-1438367390] software upgrade; Expected downtime for 2 hours;";
    expect(extractTickets(text).map((x) => x.ref)).toEqual(["TICKET-1-1438367390"]);
  });

  it("configurable pattern (string or RegExp, with or without g)", () => {
    const text = "planned shutdown (ticket NET-1234) and NET-2002";
    expect(extractTickets(text, /\b(NET-\d+)\b/).map((x) => x.ref)).toEqual(["NET-1234", "NET-2002"]);
    expect(extractTickets(text, "NET-\\d+").map((x) => x.ref)).toEqual(["NET-1234", "NET-2002"]);
    expect(() => extractTickets(text, "(")).toThrow(SyntaxError);
  });

  it("URL template", () => {
    expect(ticketUrl("https://tickets.example.net/browse/{ref}", "REF 1/2")).toBe(
      "https://tickets.example.net/browse/REF%201%2F2",
    );
    expect(ticketUrl("https://x/{raw}?q={ref}", "CHG0012345")).toBe("https://x/CHG0012345?q=CHG0012345");
  });
});
