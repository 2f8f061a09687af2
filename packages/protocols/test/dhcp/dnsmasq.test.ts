import { describe, expect, it } from "vitest";
import { DnsmasqLeaseParser, parseDnsmasqLeases, parseKeaCsv } from "../../src/dhcp";
import { chunks, errorsOf, feed, leasesOf, vector } from "./helpers";

// Lease counts: `grep -c . <file>` (one lease per non-empty line; neither file has a duid line).
const FILES: Record<string, number> = {
  "dnsmasq/shaardie-dnsmasq-ui.dnsmasq.leases": 3,
  "peers/dnsmasq.leases": 2,
};

describe("dnsmasq.leases vectors", () => {
  for (const [file, count] of Object.entries(FILES)) {
    it(`${file}: ${count} leases, raw fields = the line, chunking-invariant`, () => {
      const text = vector(file);
      const items = parseDnsmasqLeases(text, { server: "dnsmasq-1" });
      expect(errorsOf(items)).toEqual([]);
      const leases = leasesOf(items);
      expect(leases).toHaveLength(count);
      const lines = text.split("\n");
      for (const l of leases) {
        const r = l.raw;
        expect([r.expiry, r.hwaddr, r.address, r.hostname, r.client_id].join(" ")).toBe(lines[l.line - 1]);
        expect(l).toMatchObject({ format: "dnsmasq", state: "bound", server: "dnsmasq-1", leaseType: "V4" });
      }
      const whole = parseDnsmasqLeases(text);
      for (let seed = 1; seed <= 10; seed++)
        expect(feed(new DnsmasqLeaseParser(), chunks(text, seed))).toEqual(whole);
    });
  }

  it("shaardie: '*' hostname is no hostname", () => {
    const leases = leasesOf(parseDnsmasqLeases(vector("dnsmasq/shaardie-dnsmasq-ui.dnsmasq.leases")));
    expect(leases[0]).toMatchObject({
      ends: 1594807511,
      hwAddress: "de:ad:be:af:de:ad",
      hwType: 1,
      address: "10.10.10.1",
      hostname: null,
      clientId: "de:ad:be:af:de:ad",
    });
    expect(leases.map((l) => l.hostname)).toEqual([null, "deadbeaf", "beafdeaf"]);
  });

  it("peer capture: the same client ids Kea recorded for the same two clients", () => {
    const leases = leasesOf(parseDnsmasqLeases(vector("peers/dnsmasq.leases")));
    expect(leases[0]).toMatchObject({
      ends: 1795245825,
      hwAddress: "16:ab:4d:46:62:09",
      address: "127.77.0.130",
      hostname: "dhclient-client",
      clientId: "64:68:63:6c:69:65:6e:74:2d:63:69:64:2d:31",
    });
    const kea = leasesOf(parseKeaCsv(vector("peers/kea-leases4-veth-dora.csv")));
    const byHost = (h: string) => kea.find((l) => l.hostname === h)!.clientId;
    for (const l of leases) expect(l.clientId).toBe(byHost(l.hostname!));
  });
});

describe("dnsmasq format details (lease.c lease_update_file)", () => {
  const text = [
    "0 20-00:11:22:33:44:55:66:77:88:99:aa:bb:cc:dd:ee:ff:00:11:22:33 192.168.0.5 ib-host *",
    "1700000000 00- 192.168.0.6 * 01:02",
    "duid 00:01:00:01:2c:2d:2e:2f:00:11:22:33:44:55",
    "1700000100 12345 2001:db8::1:0:0:5 v6host 00:03:00:01:aa:bb:cc:dd:ee:ff",
    "1700000200 T7 2001:db8::6 * *",
    "",
  ].join("\n");
  const items = parseDnsmasqLeases(text);

  it("type prefix, infinite lease, duid line, IA_NA and temporary (T) IA_TA rows", () => {
    expect(errorsOf(items)).toEqual([]);
    const [ib, empty, v6, ta] = leasesOf(items);
    expect(ib).toMatchObject({
      ends: null,
      hwType: 32,
      hwAddress: "00:11:22:33:44:55:66:77:88:99:aa:bb:cc:dd:ee:ff:00:11:22:33",
    });
    expect(empty).toMatchObject({ hwType: 0, hwAddress: null, clientId: "01:02" });
    expect(items[2]).toEqual({
      kind: "directive",
      name: "duid",
      value: "00:01:00:01:2c:2d:2e:2f:00:11:22:33:44:55",
      line: 3,
    });
    expect(v6).toMatchObject({
      family: 6,
      leaseType: "IA_NA",
      iaid: 12345,
      address: "2001:db8::1:0:0:5",
      hostname: "v6host",
      clientId: "00:03:00:01:aa:bb:cc:dd:ee:ff",
      hwAddress: null,
    });
    expect(ta).toMatchObject({ leaseType: "IA_TA", iaid: 7, hostname: null, clientId: null });
  });
});
