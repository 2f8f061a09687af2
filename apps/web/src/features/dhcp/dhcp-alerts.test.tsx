/** A lease's page and a focused pool list their own alerts (where DHCP alerts link). */
import { cleanup, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { mockRouteHarness } from "../../test/mockRoute";
import { DhcpPage } from "./DhcpPage";
import { LeaseDetailPage } from "./LeaseDetailPage";

const at = mockRouteHarness();

describe("DHCP objects' alerts", { timeout: 20_000 }, () => {
  it("a lease's page says so when nothing alerted about it", async () => {
    at("/dhcp/leases/:id", "/dhcp/leases/1", <LeaseDetailPage />);
    const address = (await screen.findByRole("heading", { level: 1 }, { timeout: 5000 })).textContent ?? "";
    expect(await screen.findByText(`No alerts about lease ${address}.`)).toBeInTheDocument();
  });

  it("a lease's page lists the alerts about its address, by its page or the older lease-list link", async () => {
    at("/dhcp/leases/:id", "/dhcp/leases/1", <LeaseDetailPage />);
    const address = (await screen.findByRole("heading", { level: 1 }, { timeout: 5000 })).textContent ?? "";
    cleanup();
    at("/dhcp/leases/:id", `/dhcp/leases/${address}`, <LeaseDetailPage />, {
      alerts: [
        {
          source: "dhcp",
          summary: `DHCP conflict on ${address}`,
          links: [{ label: "Lease", href: `/dhcp/leases/${address}` }],
        },
        {
          source: "dhcp",
          summary: "Old conflict alert",
          links: [{ label: "Leases", href: `/dhcp?cidr=${address}` }],
        },
        {
          source: "dhcp",
          summary: "Someone else's",
          links: [{ label: "Lease", href: "/dhcp/leases/203.0.113.254" }],
        },
      ],
    });
    const alerts = await screen.findByRole("region", { name: "Alerts" }, { timeout: 5000 });
    expect(
      await within(alerts).findByRole("link", { name: `DHCP conflict on ${address}` }),
    ).toBeInTheDocument();
    expect(within(alerts).getByRole("link", { name: "Old conflict alert" })).toBeInTheDocument();
    expect(within(alerts).queryByText("Someone else's")).toBeNull();
  });

  it("the focused pool lists its threshold alerts", async () => {
    at("/dhcp", "/dhcp?pool=2", <DhcpPage />, {
      alerts: [
        {
          source: "dhcp",
          summary: "Pool 198.51.100.20–39 at 95 %",
          links: [{ label: "Pool", href: "/dhcp?pool=2" }],
        },
      ],
    });
    const alerts = await screen.findByRole("region", { name: "Alerts" }, { timeout: 5000 });
    expect(
      await within(alerts).findByRole("link", { name: "Pool 198.51.100.20–39 at 95 %" }),
    ).toHaveAttribute("href", "/alerts/1000");
  });
});
