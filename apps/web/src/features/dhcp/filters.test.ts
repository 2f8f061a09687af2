import { describe, expect, it } from "vitest";
import { exportHref, parseLeaseFilters } from "./filters";

describe("exportHref", () => {
  it("carries the page's filters to the streamed export, without the page cursor", () => {
    const f = parseLeaseFilters(
      new URLSearchParams(
        "cidr=10.0.0.0/8&state=bound,declined&source=2&mac=00:1a&hostname=a b&cursor=v4:0a000001.7",
      ),
    );
    const u = new URL(exportHref(f), "http://x");
    expect(u.pathname).toBe("/api/export/dhcp/leases.csv");
    expect(Object.fromEntries(u.searchParams)).toEqual({
      cidr: "10.0.0.0/8",
      state: "bound,declined",
      source: "2",
      mac: "00:1a",
      hostname: "a b",
    });
  });

  it("leaves out a CIDR the server would refuse (the form shows why) and has no '?' without filters", () => {
    expect(exportHref(parseLeaseFilters(new URLSearchParams("cidr=10.0.0.0/99")))).toBe(
      "/api/export/dhcp/leases.csv",
    );
  });
});
