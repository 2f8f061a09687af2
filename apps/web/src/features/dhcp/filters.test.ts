import { describe, expect, it } from "vitest";
import { readUrlState } from "../../lib/urlState";
import { exportHref, leaseFiltersSchema } from "./filters";

const read = (p: URLSearchParams) => readUrlState(leaseFiltersSchema, p);
const parseLeaseFilters = (p: URLSearchParams) => read(p).value;

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

  it("leaves out a CIDR the server would refuse (the page says why) and has no '?' without filters", () => {
    const { value, issues } = read(new URLSearchParams("cidr=10.0.0.0/99"));
    expect(exportHref(value)).toBe("/api/export/dhcp/leases.csv");
    expect(issues.cidr).toMatch(/“10\.0\.0\.0\/99”: not a subnet in CIDR notation/);
  });
});

describe("the lease filters in the URL", () => {
  it("reads states and server ids as lists, keeping the good ones and naming the rest", () => {
    const { value, issues } = read(new URLSearchParams("state=bound,lost&source=2,x,0"));
    expect(value.state).toEqual(["bound"]);
    expect(value.source).toEqual([2]);
    expect(issues.state).toMatch(/ignored “lost”/);
    expect(issues.source).toMatch(/ignored “x”, “0”/);
  });
});
