/**
 * Mock DHCP sources, pools and leases (tests, Storybook, dev:mock). Addresses are documentation
 * prefixes (192.0.2.0/24, 198.51.100.0/24), hostnames end in .example and sources are named
 * "example-…", so none of it can pass for real data.
 */
import type { RouterOutputs } from "@netops/api";
import { addressSortKey, effectiveState } from "@netops/protocols/dhcp";
import { FIXTURE_BASE_TIME, fixtureTime } from "./fixtures";

export type DhcpOverviewFixture = RouterOutputs["dhcp"]["overview"];
export type DhcpLeaseFixture = RouterOutputs["dhcp"]["leases"]["items"][number];
export type DhcpPoolFixture = DhcpOverviewFixture["pools"][number];
export type DhcpSourceFixture = DhcpOverviewFixture["sources"][number];

/** The mock console's dhcp.leaseDirs (the API also resolves symlinks; the mock has no disk). */
export const MOCK_LEASE_DIRS = ["/var/lib/kea", "/var/lib/dhcp", "/var/lib/misc"];

export function dhcpSourceFixture(over: Partial<DhcpSourceFixture> = {}): DhcpSourceFixture {
  return {
    id: 1,
    name: "example-kea",
    kind: "kea-api",
    location: "http://127.0.0.1:8000/",
    service: "dhcp4",
    enabled: true,
    lab: false,
    status: "ok",
    dataAgeSeconds: 12,
    staleAfterSeconds: 900,
    leaseCount: 0,
    lastOkAt: fixtureTime(-1),
    lastChangeAt: fixtureTime(-1),
    lastError: null,
    lastErrorAt: null,
    parseErrorCount: 0,
    parseErrors: [],
    ...over,
  };
}

export function dhcpPoolFixture(over: Partial<DhcpPoolFixture> = {}): DhcpPoolFixture {
  const size = over.size ?? 100;
  const assigned = over.assigned ?? 42;
  const pct = (assigned / size) * 100;
  return {
    poolId: 1,
    sourceId: 1,
    sourceName: "example-kea",
    lab: false,
    subnetId: 1,
    subnet: "192.0.2.0/24",
    sharedNetwork: null,
    firstAddr: "192.0.2.10",
    lastAddr: "192.0.2.109",
    size,
    assigned,
    declined: 0,
    pct,
    warnPct: 80,
    critPct: 90,
    level: pct >= 90 ? "critical" : pct >= 80 ? "warning" : "ok",
    trend: Array.from({ length: 12 }, (_, i) => ({
      at: fixtureTime(-60 + i * 5),
      assigned: Math.max(0, assigned - 11 + i),
    })),
    exhaustionHours: null,
    ...over,
  };
}

let nextLeaseId = 1;

export function dhcpLeaseFixture(over: Partial<DhcpLeaseFixture> = {}): DhcpLeaseFixture {
  const id = over.id ?? nextLeaseId++;
  const address = over.address ?? `192.0.2.${10 + (id % 200)}`;
  const mac = `02:00:5e:00:${(id >> 8).toString(16).padStart(2, "0")}:${(id & 255).toString(16).padStart(2, "0")}`;
  const lease: DhcpLeaseFixture = {
    id,
    sourceId: 1,
    addressKey: addressSortKey(address),
    address,
    family: 4,
    prefixLength: 32,
    leaseType: "V4",
    hwAddress: mac,
    clientId: `01:${mac}`,
    iaid: null,
    hostname: `host-${id}.example`,
    state: "bound",
    effectiveState: "bound",
    // ISO like every API date (the server turns its stored epoch seconds into these).
    starts: fixtureTime(-10),
    ends: fixtureTime(50),
    cltt: fixtureTime(-10),
    subnetId: 1,
    sourceName: "example-kea",
    lab: false,
    ...over,
  };
  // Derived from state and ends by the server's rule, as the API sends it (here at the fixtures'
  // base time; the mock API derives it again at its own clock, dhcp.mock.ts leaseAt).
  const ends = lease.ends === null ? null : Date.parse(lease.ends) / 1000;
  lease.effectiveState = effectiveState({ state: lease.state, ends }, Date.parse(FIXTURE_BASE_TIME) / 1000);
  return lease;
}

export interface DhcpMockData {
  sources: DhcpSourceFixture[];
  pools: DhcpPoolFixture[];
  leases: DhcpLeaseFixture[];
}

/** Two servers, a healthy pool, one near exhaustion and a stale file source with a bad line. */
export function dhcpSampleData(): DhcpMockData {
  nextLeaseId = 1;
  const leases = Array.from({ length: 60 }, () => dhcpLeaseFixture());
  leases.push(
    dhcpLeaseFixture({
      address: "198.51.100.20",
      sourceId: 2,
      sourceName: "example-dhcpd",
      hostname: "printer.example",
      subnetId: null,
    }),
    dhcpLeaseFixture({
      address: "198.51.100.21",
      sourceId: 2,
      sourceName: "example-dhcpd",
      state: "declined",
      hostname: null,
    }),
  );
  return {
    sources: [
      dhcpSourceFixture({ leaseCount: 60 }),
      dhcpSourceFixture({
        id: 2,
        name: "example-dhcpd",
        kind: "dhcpd-leases",
        location: "/var/lib/dhcp/dhcpd.leases",
        service: null,
        status: "stale",
        dataAgeSeconds: 3600,
        leaseCount: 2,
        parseErrorCount: 1,
        // As the service stores them: line, field and reason, never the record's text.
        parseErrors: [{ line: 17, code: "bad-date", field: "ends", reason: "month 13 does not exist" }],
      }),
    ],
    pools: [
      dhcpPoolFixture({
        poolId: 2,
        sourceId: 2,
        sourceName: "example-dhcpd",
        // Its own subnet row: the console-configured subnet of the file source (dhcp.removeSubnet).
        subnetId: 2,
        subnet: "198.51.100.0/24",
        firstAddr: "198.51.100.20",
        lastAddr: "198.51.100.39",
        size: 20,
        assigned: 19,
        declined: 1,
        exhaustionHours: 2.5,
      }),
      dhcpPoolFixture({ assigned: 60, sharedNetwork: "example-campus" }),
      dhcpPoolFixture({
        poolId: 3,
        subnetId: 3,
        subnet: "203.0.113.0/24",
        sharedNetwork: "example-campus",
        firstAddr: "203.0.113.10",
        lastAddr: "203.0.113.59",
        size: 50,
        assigned: 10,
      }),
    ],
    leases: leases.sort((a, b) =>
      a.addressKey < b.addressKey ? -1 : a.addressKey > b.addressKey ? 1 : a.id - b.id,
    ),
  };
}
