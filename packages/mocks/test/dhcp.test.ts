import { describe, expect, it } from "vitest";
import { createMockApi, dhcpLeaseFixture, FIXTURE_BASE_TIME, fixtureTime, populatedState } from "../src";

const ctx = {
  request: new Request("http://localhost/"),
  path: "",
  type: "query" as const,
  signal: new AbortController().signal,
};

/** A mock API over two leases, its clock `minutes` after the fixtures' base time. */
function apiAt(minutes: number) {
  const leases = [
    dhcpLeaseFixture({ id: 1, address: "192.0.2.10", ends: fixtureTime(30) }),
    dhcpLeaseFixture({ id: 2, address: "192.0.2.11", state: "declined", ends: fixtureTime(30) }),
  ];
  return createMockApi({
    state: populatedState("mock-user-viewer"),
    now: () => new Date(Date.parse(FIXTURE_BASE_TIME) + minutes * 60_000),
    dhcp: { sources: [], pools: [], leases },
  });
}

describe("mock DHCP leases", () => {
  it("derive their state now from state and ends at the mock's clock, as the server does", async () => {
    const before = await apiAt(10).resolvers["dhcp.leases"]({}, ctx);
    expect(before.items.map((l) => l.effectiveState)).toEqual(["bound", "declined"]);
    const after = await apiAt(31).resolvers["dhcp.leases"]({}, ctx);
    // A bound lease past its end is expired; a declined one stays declined.
    expect(after.items.map((l) => l.effectiveState)).toEqual(["expired", "declined"]);
    expect((await apiAt(31).resolvers["dhcp.lease"]({ id: 1 }, ctx)).lease.effectiveState).toBe("expired");
  });

  it("are built with the state the fixtures' own time gives them", () => {
    expect(dhcpLeaseFixture({ ends: fixtureTime(-1) }).effectiveState).toBe("expired");
    expect(dhcpLeaseFixture({ ends: fixtureTime(1) }).effectiveState).toBe("bound");
  });
});
