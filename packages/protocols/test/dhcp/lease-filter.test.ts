import { describe, expect, it } from "vitest";
import { hexPrefix, leaseMatches, leasePageSchema } from "../../src/dhcp/lease-filter";

const lease = {
  addressKey: "v4:c000020b",
  state: "bound",
  sourceId: 1,
  hwAddress: "00:1a:2b:3c:4d:5e",
  clientId: "01:00:1a:2b:3c:4d:5e",
  hostname: "Printer-1.Example",
};

describe("lease filter rules", () => {
  it("reads a MAC prefix in every notation", () => {
    for (const typed of ["00:1a:2b", "001a2b", "00-1A-2B", "001a.2b", " 0:1a:2b ", "001A2B"])
      expect(hexPrefix(typed), typed).toBe("00:1a:2b");
    expect(hexPrefix("0-1A")).toBe("00:1a");
    expect(hexPrefix("zz")).toBe("");
  });

  it("keeps the leases the server's SQL keeps", () => {
    for (const mac of ["00:1a:2b", "001a2b", "00-1A-2B", "001a.2b"])
      expect(leaseMatches(lease, { mac })).toBe(true);
    expect(leaseMatches(lease, { mac: "001a2c" })).toBe(false);
    expect(leaseMatches(lease, { mac: "zz" })).toBe(true); // no hex digits: no MAC filter, as on the server
    expect(leaseMatches(lease, { clientId: "01001a" })).toBe(true);
    expect(leaseMatches(lease, { hostname: "  PRINTER-" })).toBe(true);
    expect(leaseMatches(lease, { hostname: "scanner" })).toBe(false);
    expect(leaseMatches(lease, { cidr: "192.0.2.0/24" })).toBe(true);
    expect(leaseMatches(lease, { cidr: "198.51.100.0/24" })).toBe(false);
    expect(leaseMatches(lease, { state: ["declined"] })).toBe(false);
    expect(leaseMatches(lease, { sourceId: [1, 2] })).toBe(true);
    expect(leaseMatches({ ...lease, hwAddress: null }, { mac: "00" })).toBe(false);
  });

  it("refuses a cursor this API did not make", () => {
    expect(leasePageSchema.safeParse({ cursor: "v4:c000020b.7" }).success).toBe(true);
    expect(leasePageSchema.safeParse({ cursor: "v4:c000020b" }).success).toBe(false);
  });
});
