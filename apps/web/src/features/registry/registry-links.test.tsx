/**
 * Registry identifiers as links (fixtures): host addresses, names, sponsors and ROIDs, domain name
 * servers and contacts, transcript objects by their command's class; a host's and a domain's own alerts.
 */
import { registryHostFixture, registrySampleData, registryTransactionFixture } from "@netops/mocks";
import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { mockRouteHarness } from "../../test/mockRoute";
import { renderWithRouter } from "../../test/render";
import { HostDetailPage } from "./HostDetailPage";
import { HostTable } from "./HostTable";
import { RegistryDomainsPage } from "./RegistryDomainsPage";
import { TranscriptTable } from "./TranscriptTable";

const at = mockRouteHarness();
const HOST = "/registry/hosts/mock-conn-0001/ns1.shop.example";

describe("host table", { timeout: 20_000 }, () => {
  it("links addresses, linked domains and the sponsor", () => {
    renderWithRouter(<HostTable hosts={[registryHostFixture({ linkedDomains: ["shop.example"] })]} />);
    expect(screen.getByRole("link", { name: "192.0.2.53" })).toHaveAttribute("href", "/ip/192.0.2.53");
    expect(screen.getByRole("link", { name: "shop.example" })).toHaveAttribute("href", "/name/shop.example");
    expect(screen.getByRole("link", { name: "mock-registrar" })).toHaveAttribute(
      "href",
      "/search?q=mock-registrar",
    );
  });
});

describe("transcript objects", { timeout: 20_000 }, () => {
  it("link hosts and domains to their pages and entity pages, contacts to the search", () => {
    renderWithRouter(
      <TranscriptTable
        items={[
          registryTransactionFixture({ id: 1, command: "host:info", object: "ns1.shop.example" }),
          registryTransactionFixture({ id: 2, command: "domain:info", object: "shop.example" }),
          registryTransactionFixture({ id: 3, command: "contact:info", object: "C-42" }),
          registryTransactionFixture({ id: 4, command: "login", object: null }),
        ]}
      />,
    );
    expect(screen.getByRole("link", { name: "ns1.shop.example" })).toHaveAttribute("href", HOST);
    expect(screen.getByRole("link", { name: "shop.example" })).toHaveAttribute(
      "href",
      "/registry/domains?conn=mock-conn-0001&name=shop.example",
    );
    const entity = screen.getAllByRole("link", { name: "(everything)" }).map((l) => l.getAttribute("href"));
    expect(entity).toEqual(["/name/ns1.shop.example", "/name/shop.example"]);
    expect(screen.getByRole("link", { name: "C-42" })).toHaveAttribute("href", "/search?q=C-42");
  });
});

describe("host page", { timeout: 20_000 }, () => {
  it("links the host's name, addresses, sponsor and ROID, and lists its own alerts", async () => {
    at("/registry/hosts/:connectionId/:name", HOST, <HostDetailPage />, {
      alerts: [
        {
          source: "rdap",
          summary: "RDAP disagrees about ns1.shop.example",
          links: [{ label: "Host", href: HOST }],
        },
        {
          source: "rdap",
          summary: "RDAP disagrees about ns2.shop.example",
          links: [{ label: "Host", href: "/registry/hosts/mock-conn-0001/ns2.shop.example" }],
        },
      ],
    });
    const alerts = await screen.findByRole("region", { name: "Alerts" });
    expect(
      await within(alerts).findByRole("link", { name: "RDAP disagrees about ns1.shop.example" }),
    ).toHaveAttribute("href", "/alerts/1000");
    expect(within(alerts).queryByText("RDAP disagrees about ns2.shop.example")).toBeNull();
    expect(screen.getByRole("link", { name: "Everything about ns1.shop.example" })).toHaveAttribute(
      "href",
      "/name/ns1.shop.example",
    );
    expect(screen.getByRole("link", { name: "192.0.2.53" })).toHaveAttribute("href", "/ip/192.0.2.53");
    expect(screen.getByRole("link", { name: "H1-MOCK" })).toHaveAttribute("href", "/search?q=H1-MOCK");
  });
});

describe("domains page", { timeout: 20_000 }, () => {
  it("links the looked-up domain, its sponsor, name servers and contacts, and lists its alerts", async () => {
    const d = registrySampleData().domains[0];
    expect(d?.name).toBe("shop.example");
    const href = "/registry/domains?conn=mock-conn-0001&name=shop.example";
    at("/registry/domains", href, <RegistryDomainsPage />, {
      alerts: [
        { source: "rdap", summary: "RDAP disagrees about shop.example", links: [{ label: "Domain", href }] },
      ],
    });
    const alerts = await screen.findByRole("region", { name: "Alerts" });
    expect(
      await within(alerts).findByRole("link", { name: "RDAP disagrees about shop.example" }),
    ).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Everything about shop.example" })).toHaveAttribute(
      "href",
      "/name/shop.example",
    );
    const table = screen.getByRole("table");
    // The table of domains read: name servers to their entity pages, sponsors to the search.
    expect(within(table).getAllByRole("link", { name: "ns1.shop.example" })[0]).toHaveAttribute(
      "href",
      "/name/ns1.shop.example",
    );
    expect(within(table).getByRole("link", { name: "other-registrar" })).toHaveAttribute(
      "href",
      "/search?q=other-registrar",
    );
  });
});
