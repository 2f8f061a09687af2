import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { renderWithRouter } from "../test/render";
import { EntityLink, entityHref } from "./EntityLink";

describe("EntityLink", () => {
  it("links each kind of identifier to its entity page", () => {
    expect(entityHref("ip", "192.0.2.53")).toBe("/ip/192.0.2.53");
    expect(entityHref("ip", "2001:db8::53")).toBe("/ip/2001:db8::53");
    expect(entityHref("prefix", "198.18.0.0/15")).toBe("/prefix/198.18.0.0/15");
    expect(entityHref("mac", "00:1a:2b:3c:4d:5e")).toBe("/mac/00:1a:2b:3c:4d:5e");
    expect(entityHref("name", "ns1.example")).toBe("/name/ns1.example");
    expect(entityHref("as", "64496")).toBe("/as/64496");
  });

  it("sends a handle to the search, and encodes what could break the URL", () => {
    expect(entityHref("handle", "EX-1 /?#")).toBe("/search?q=EX-1%20%2F%3F%23");
    expect(entityHref("name", "a/b?c")).toBe("/name/a%2Fb%3Fc");
  });

  it("renders a link with the value, AS numbers as AS…, and a dash for nothing", () => {
    renderWithRouter(
      <>
        <EntityLink kind="ip" value="192.0.2.53" />
        <EntityLink kind="as" value="64496" />
        <EntityLink kind="mac" value={null} />
      </>,
    );
    expect(screen.getByRole("link", { name: "192.0.2.53" })).toHaveAttribute("href", "/ip/192.0.2.53");
    expect(screen.getByRole("link", { name: "AS64496" })).toHaveAttribute("href", "/as/64496");
    expect(screen.getByText("—")).toBeInTheDocument();
    expect(screen.getAllByRole("link")).toHaveLength(2);
  });
});
