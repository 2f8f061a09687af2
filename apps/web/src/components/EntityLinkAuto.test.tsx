import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { renderWithRouter } from "../test/render";
import { EndpointLink, IdentifierLink, identifierEntity, splitEndpoint } from "./EntityLinkAuto";

describe("identifierEntity", () => {
  it("reads addresses, prefixes, MACs, names and AS numbers as the search does", () => {
    expect(identifierEntity("192.0.2.53")).toEqual({ type: "ip", value: "192.0.2.53" });
    expect(identifierEntity("2001:DB8:0::53")).toEqual({ type: "ip", value: "2001:db8::53" });
    expect(identifierEntity("198.18.0.1/15")).toEqual({ type: "prefix", value: "198.18.0.0/15" });
    expect(identifierEntity("001A.2B3C.4D5E")).toEqual({ type: "mac", value: "00:1a:2b:3c:4d:5e" });
    expect(identifierEntity("Corrupt.Example.")).toEqual({ type: "name", value: "corrupt.example" });
    expect(identifierEntity("AS64496")).toEqual({ type: "as", value: "64496" });
  });

  it("reads a bare number as an AS number only under an AS key", () => {
    expect(identifierEntity("64496", { field: "asn" })).toEqual({ type: "as", value: "64496" });
    expect(identifierEntity("64496", { field: "peer_as" })).toEqual({ type: "as", value: "64496" });
    expect(identifierEntity("12", { field: "message" })).toBeNull();
    expect(identifierEntity("2")).toBeNull();
  });

  it("names nothing for text, handles, partial addresses and hostile input", () => {
    for (const v of [
      "example-pager",
      "lab-kea:10.0.0.10-10.0.0.200",
      "0x0000aaa1",
      "192.0.2.",
      "",
      " ",
      "a\u0000b",
      "\ud800",
      "x".repeat(20_000),
    ])
      expect(identifierEntity(v)).toBeNull();
  });
});

describe("IdentifierLink", () => {
  it("links what names an entity, keeping the text as written, and leaves the rest as text", () => {
    renderWithRouter(
      <>
        <IdentifierLink value="ns1.Example." />
        <IdentifierLink value="example-pager" />
        <IdentifierLink value="64496" field="asn" />
      </>,
    );
    expect(screen.getByRole("link", { name: "ns1.Example." })).toHaveAttribute("href", "/name/ns1.example");
    expect(screen.getByRole("link", { name: "64496" })).toHaveAttribute("href", "/as/64496");
    expect(screen.getByText("example-pager").closest("a")).toBeNull();
  });
});

describe("endpoints", () => {
  it("split host and port, IPv6 in brackets, and refuse what is not one", () => {
    expect(splitEndpoint("192.0.2.53:53")).toEqual({ host: "192.0.2.53", port: "53" });
    expect(splitEndpoint("[2001:db8::53]:853")).toEqual({ host: "2001:db8::53", port: "853" });
    expect(splitEndpoint("epp.registry.example:700")).toEqual({ host: "epp.registry.example", port: "700" });
    for (const v of [
      "2001:db8::53",
      "/var/lib/zones/a.zone",
      "https://example.net/zone",
      "host:",
      "a:123456",
    ])
      expect(splitEndpoint(v)).toBeNull();
  });

  it("link the host of an endpoint and leave paths as text", () => {
    renderWithRouter(
      <>
        <EndpointLink value="[2001:db8::53]:853" />
        <EndpointLink value="/var/lib/zones/a.zone" />
      </>,
    );
    expect(screen.getByRole("link", { name: "2001:db8::53" })).toHaveAttribute("href", "/ip/2001:db8::53");
    expect(screen.getAllByRole("link")).toHaveLength(1);
    expect(screen.getByText("/var/lib/zones/a.zone")).toBeInTheDocument();
  });
});
