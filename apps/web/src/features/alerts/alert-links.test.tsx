/** Alert labels that name an address, name, MAC, AS or prefix link to its entity page, in the list and the detail. */
import { alertDetailFixture, resetFixtures, sampleAlerts } from "@netops/mocks";
import type { Role } from "@netops/protocols";
import { screen, within } from "@testing-library/react";
import { beforeEach, describe, expect, it } from "vitest";
import { renderWithRouter } from "../../test/render";
import { AlertDetail } from "./AlertDetail";
import { AlertList } from "./AlertList";
import { Labels } from "./Labels";

const VIEWER: Role = "viewer";

beforeEach(() => resetFixtures());

describe("alert labels", () => {
  it("link every kind of identifier to its entity page and leave other values as text", () => {
    renderWithRouter(
      <Labels
        labels={{
          peer: "192.0.2.1",
          zone: "corrupt.example.",
          client: "00:1a:2b:3c:4d:5e",
          prefix: "198.18.0.0/15",
          asn: "64496",
          message: "12",
          pool: "lab-kea:10.0.0.10-10.0.0.200",
        }}
      />,
    );
    const href = (name: string) => screen.getByRole("link", { name }).getAttribute("href");
    expect(href("192.0.2.1")).toBe("/ip/192.0.2.1");
    expect(href("corrupt.example.")).toBe("/name/corrupt.example");
    expect(href("00:1a:2b:3c:4d:5e")).toBe("/mac/00:1a:2b:3c:4d:5e");
    expect(href("198.18.0.0/15")).toBe("/prefix/198.18.0.0/15");
    expect(href("64496")).toBe("/as/64496");
    expect(screen.getAllByRole("link")).toHaveLength(5);
  });

  it("are links in the alerts list (fixtures)", () => {
    renderWithRouter(<AlertList items={sampleAlerts()} role={VIEWER} />);
    const table = screen.getByRole("table");
    expect(within(table).getByRole("link", { name: "192.0.2.1" })).toHaveAttribute("href", "/ip/192.0.2.1");
    expect(within(table).getByRole("link", { name: "example.test" })).toHaveAttribute(
      "href",
      "/name/example.test",
    );
    expect(within(table).queryByRole("link", { name: "example-pager" })).toBeNull();
  });

  it("are links on the alert's page", () => {
    const d = alertDetailFixture({ alert: { labels: { host: "ns1.lab.example", address: "2001:db8::53" } } });
    renderWithRouter(<AlertDetail data={d} />);
    expect(screen.getByRole("link", { name: "ns1.lab.example" })).toHaveAttribute(
      "href",
      "/name/ns1.lab.example",
    );
    expect(screen.getByRole("link", { name: "2001:db8::53" })).toHaveAttribute("href", "/ip/2001:db8::53");
  });
});
