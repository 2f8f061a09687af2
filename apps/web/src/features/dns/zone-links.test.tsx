/** Zones by natural name (old id URLs keep working), the zone's identifiers as links, and the zone's own alerts. */
import { dnsSampleData } from "@netops/mocks";
import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { mockRouteHarness } from "../../test/mockRoute";
import { renderWithRouter } from "../../test/render";
import { zoneHref } from "./types";
import { ZoneDetailPage } from "./ZoneDetailPage";
import { ZoneTable } from "./ZoneTable";

const at = mockRouteHarness();
const zonePage = (url: string, alerts: Parameters<typeof at>[3] = {}) =>
  at("/dns/:id", url, <ZoneDetailPage />, alerts);
const heading = async () => (await screen.findByRole("heading", { level: 1 })).textContent;

describe("zone URLs", { timeout: 20_000 }, () => {
  it.each(["/dns/corrupt.example", "/dns/Corrupt.Example.", "/dns/mock-zone-0002"])(
    "open the same zone by name (with or without the dot, any case) and by its old id: %s",
    async (url) => {
      zonePage(url);
      expect(await heading()).toBe("corrupt.example.");
    },
  );

  it("say which id is unknown", async () => {
    zonePage("/dns/mock-zone-9999");
    expect(
      await screen.findByText(/no zone with id mock-zone-9999/, {}, { timeout: 4000 }),
    ).toBeInTheDocument();
  });

  it("say which name is not watched instead of loading forever", async () => {
    zonePage("/dns/nothing.example");
    expect(
      await screen.findByText("no watched zone named nothing.example", {}, { timeout: 4000 }),
    ).toBeInTheDocument();
  });

  it("link zones by name from the list, keeping the dot only where the name needs it", () => {
    expect(zoneHref({ id: "z1", name: "corrupt.example." })).toBe("/dns/corrupt.example");
    expect(zoneHref({ id: "z2", name: "example." })).toBe("/dns/example.");
    expect(zoneHref({ id: "z3", name: "." })).toBe("/dns/z3");
  });
});

describe("zone page links", { timeout: 20_000 }, () => {
  it("links the zone's name and its servers to their entity pages", async () => {
    zonePage("/dns/example.");
    await heading();
    expect(screen.getByRole("link", { name: "Everything about example." })).toHaveAttribute(
      "href",
      "/name/example",
    );
    // The zone's source (an AXFR endpoint) links its host.
    expect(screen.getAllByRole("link", { name: "192.0.2.53" }).map((l) => l.getAttribute("href"))).toContain(
      "/ip/192.0.2.53",
    );
    const servers = screen.getByRole("table", { name: "SOA serial per server" });
    const hostLinks = within(servers).getAllByRole("link");
    expect(hostLinks.length).toBeGreaterThan(0);
    for (const l of hostLinks) expect(l.getAttribute("href")).toMatch(/^\/(ip|name)\//);
  });

  it("lists the zone's own alerts (linked by id or by name) and no other", async () => {
    zonePage("/dns/corrupt.example", {
      alerts: [
        {
          summary: "ZONEMD digest mismatch on corrupt.example.",
          links: [{ label: "Zone", href: "/dns/mock-zone-0002" }],
        },
        {
          summary: "corrupt.example. server lagging",
          links: [{ label: "Zone", href: "/dns/corrupt.example" }],
        },
        { summary: "Another zone's alert", links: [{ label: "Zone", href: "/dns/mock-zone-0003" }] },
      ],
    });
    const section = await screen.findByRole("region", { name: "Alerts" });
    expect(
      await within(section).findByRole("link", { name: "ZONEMD digest mismatch on corrupt.example." }),
    ).toHaveAttribute("href", "/alerts/1000");
    expect(
      within(section).getByRole("link", { name: "corrupt.example. server lagging" }),
    ).toBeInTheDocument();
    expect(within(section).queryByText("Another zone's alert")).toBeNull();
  });

  it("says so when the zone has no alerts", async () => {
    zonePage("/dns/plain.example");
    expect(await screen.findByText("No alerts about zone plain.example..")).toBeInTheDocument();
  });
});

describe("zone table", { timeout: 20_000 }, () => {
  it("links each zone to its page by name (fixtures)", () => {
    const zones = dnsSampleData().zones;
    renderWithRouter(<ZoneTable zones={zones} />);
    for (const z of zones)
      expect(screen.getByRole("link", { name: z.name })).toHaveAttribute("href", zoneHref(z));
    expect(screen.getByRole("link", { name: "corrupt.example." })).toHaveAttribute(
      "href",
      "/dns/corrupt.example",
    );
  });
});
