/** A BGP session's page: router and peer as entity links, and the session's own alerts. */
import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { mockRouteHarness } from "../../test/mockRoute";
import { BgpSessionPage } from "./BgpSessionPage";

const at = mockRouteHarness();

describe("BGP session page", { timeout: 20_000 }, () => {
  it("links the router and peer to their entity pages and lists the session's alerts", async () => {
    const session = `/bgp/session?${new URLSearchParams({ router: "rtr1.example.net", peer: "192.0.2.1" })}`;
    at("/bgp/session", session, <BgpSessionPage />, {
      alerts: [
        {
          source: "bgp",
          summary: "BGP session rtr1 ↔ 192.0.2.1 down",
          links: [{ label: "Session", href: session }],
        },
        {
          source: "bgp",
          summary: "Another session down",
          links: [{ label: "Session", href: "/bgp/session?router=rtr2.example.net&peer=2001%3Adb8%3A%3A2" }],
        },
      ],
    });
    const alerts = await screen.findByRole("region", { name: "Alerts" }, { timeout: 5000 });
    expect(
      await within(alerts).findByRole("link", { name: "BGP session rtr1 ↔ 192.0.2.1 down" }),
    ).toBeInTheDocument();
    expect(within(alerts).queryByText("Another session down")).toBeNull();
    expect(screen.getByRole("link", { name: "rtr1.example.net" })).toHaveAttribute(
      "href",
      "/name/rtr1.example.net",
    );
    expect(screen.getByRole("link", { name: "192.0.2.1" })).toHaveAttribute("href", "/ip/192.0.2.1");
  });
});
