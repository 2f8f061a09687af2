import { describe, expect, it } from "vitest";
import {
  DHCP_MESSAGE_DIRECTION,
  DHCP_MESSAGE_TYPES,
  DORA_FLOW,
  dhcpLeaseSchema,
  dhcpMessageTypeName,
  effectiveState,
  LeaseTable,
  parseDhcpdLeases,
  parseDnsmasqLeases,
  parseKeaCsv,
} from "../../src/dhcp";
import { leasesOf, vector } from "./helpers";

describe("lease model", () => {
  it("every lease from every vector validates against the zod schema", () => {
    const all = [
      ...parseKeaCsv(vector("kea/isc-kea/lease6_dump_test.reference.csv")),
      ...parseKeaCsv(vector("peers/kea-leases4-loopback-head.csv")),
      ...parseDhcpdLeases(vector("isc-dhcpd/metal-bmc/dhcpd.test.leases")),
      ...parseDhcpdLeases(vector("isc-dhcpd/python-isc-dhcp-leases/dhcpd6-4.3.3.leases")),
      ...parseDnsmasqLeases(vector("peers/dnsmasq.leases")),
    ];
    const leases = leasesOf(all);
    expect(leases.length).toBe(4 + 11 + 124 + 4 + 2);
    for (const l of leases) expect(dhcpLeaseSchema.parse(l)).toEqual(l);
  });

  it("RFC 2131 message types and directions", () => {
    expect(DHCP_MESSAGE_TYPES).toEqual({
      DISCOVER: 1,
      OFFER: 2,
      REQUEST: 3,
      DECLINE: 4,
      ACK: 5,
      NAK: 6,
      RELEASE: 7,
      INFORM: 8,
    });
    expect(dhcpMessageTypeName(5)).toBe("ACK");
    expect(dhcpMessageTypeName(9)).toBeNull();
    expect(DORA_FLOW.map((m) => DHCP_MESSAGE_DIRECTION[m])).toEqual([
      "client-to-server",
      "server-to-client",
      "client-to-server",
      "server-to-client",
    ]);
  });

  it("effectiveState turns a bound lease past its end into expired", () => {
    const [l] = leasesOf(parseDnsmasqLeases(vector("peers/dnsmasq.leases")));
    expect(effectiveState(l!, 1795245825 - 1)).toBe("bound");
    expect(effectiveState(l!, 1795245825)).toBe("expired");
  });

  it("LeaseTable keys prefixes by address and length", () => {
    const t = new LeaseTable();
    for (const l of leasesOf(
      parseDhcpdLeases(vector("isc-dhcpd/python-isc-dhcp-leases/dhcpd6-4.3.3.leases")),
    ))
      t.apply(l);
    expect(t.size).toBe(4);
    expect(t.get("2001:10:30:ff00::", 56)?.leaseType).toBe("IA_PD");
    expect(t.get("2001:10:30:0:0:0:0:1fe")?.iaid).toBe(0);
  });
});
