/**
 * AXFR and SOA go only to allowed servers (dns.allowedServers, the resolver, or a public address
 * on port 53), whatever the spelling of the address; and a listed server that fails says the same
 * thing whether its port is open (another protocol, or silent), closed or filtered.
 */
import { createSocket, type Socket as UdpSocket } from "node:dgram";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_DNS_LIMITS, dnsServerPolicy } from "../../src/features/dns/service";
import { transferZone } from "../../src/features/dns/sources";
import { querySoa } from "../../src/features/dns/transport";
import type { Services } from "../../src/services";
import { type TestDb, testDb, testServices } from "../fixtures";
import { FILTERED, LOOPBACK_FORMS, type Peer, bannerPeer, closedPort, silentPeer } from "../outbound/peers";

const FORMS = (port: number) => [...LOOPBACK_FORMS, "localhost"].map((host) => `${host}:${port}`);

let banner: Peer;
let silent: Peer;
let other: Peer;
let closed: number;
let udpGarbage: UdpSocket;
let t: TestDb;
let services: Services;
beforeAll(async () => {
  banner = await bannerPeer();
  silent = await silentPeer();
  other = await bannerPeer();
  closed = await closedPort();
  udpGarbage = createSocket("udp4");
  udpGarbage.on("message", (_m, r) => udpGarbage.send("SSH-2.0-secret-banner\r\n", r.port, r.address));
  await new Promise<void>((r) => udpGarbage.bind(0, "127.0.0.1", r));
  t = testDb("dns-outbound");
  services = testServices(t.db, {
    dns: {
      ...DEFAULT_DNS_LIMITS,
      allowedServers: [`127.0.0.1:${banner.port}`, `127.0.0.1:${silent.port}`, `127.0.0.1:${closed}`],
    },
  });
});
afterAll(async () => {
  await Promise.all([banner.close(), silent.close(), other.close()]);
  udpGarbage.close();
  await t.close();
});

describe("DNS outbound", () => {
  it("zones cannot name a server that is not allowed, in any spelling", async () => {
    for (const source of FORMS(other.port)) {
      await expect(services.dns.create({ name: "x.example.", sourceKind: "axfr", source })).rejects.toThrow(
        /not an allowed destination/,
      );
      await expect(
        services.dns.create({
          name: "x.example.",
          sourceKind: "axfr",
          source: `127.0.0.1:${banner.port}`,
          servers: [{ label: "s", host: source.replace(/:\d+$/, ""), port: other.port, role: "secondary" }],
        }),
      ).rejects.toThrow(/servers\.0: .*not an allowed destination/);
    }
    // A public address on port 53 needs no listing; loopback on 53 does.
    await expect(
      services.dns.create({ name: "y.example.", sourceKind: "axfr", source: "127.0.0.1" }),
    ).rejects.toThrow(
      /not an allowed destination: 127\.0\.0\.1 is a private, loopback or special-purpose address/,
    );
    expect(other.connections).toBe(0);
  });

  it("a stored source or server that is no longer allowed is refused at check time, without connecting", async () => {
    const z = await t.db.dnsZone.create({
      data: {
        name: "stale.example.",
        sourceKind: "axfr",
        source: `0x7f000001:${other.port}`,
        servers: JSON.stringify([{ label: "s", host: "127.1", port: other.port, role: "secondary" }]),
        nextCheckAt: new Date(),
      },
    });
    const check = await services.dns.checkNow(z.id);
    expect(check.status).toBe("fetch_failed");
    expect(check.reason).toMatch(
      `127.0.0.1:${other.port} is not an allowed destination (dns.allowedServers)`,
    );
    const [state] = await services.dns.pollServers(z.id);
    expect(state?.error).toBe(`127.0.0.1:${other.port} is not an allowed destination (dns.allowedServers)`);
    expect(other.connections).toBe(0);
  });

  it("AXFR: open (another protocol, or silent), closed and filtered ports give the same text", async () => {
    const policy = dnsServerPolicy({ ...DEFAULT_DNS_LIMITS, allowedServers: [`${FILTERED}:53`] });
    for (const p of [banner.port, silent.port, closed]) policy.allow(`127.0.0.1:${p}`);
    const limits = { ...DEFAULT_DNS_LIMITS, fetchTimeoutSeconds: 0.4 };
    const texts = new Set<string>();
    for (const server of [
      `127.0.0.1:${banner.port}`,
      `127.0.0.1:${silent.port}`,
      `127.0.0.1:${closed}`,
      `${FILTERED}:53`,
    ]) {
      const e = await transferZone(server, "x.example.", null, limits, policy).then(
        () => null,
        (err: Error) => err.message,
      );
      expect(e).not.toMatch(/SSH|secret|ECONN|within|closed/);
      texts.add((e ?? "").replace(server, "SERVER"));
    }
    expect([...texts]).toEqual(["could not reach SERVER: connection failed"]);
    expect(banner.connections).toBeGreaterThan(0);
  });

  it("SOA over UDP: garbage, a closed port and a filtered address give the same text", async () => {
    const garbagePort = (udpGarbage.address() as AddressInfo).port;
    const texts = new Set<string>();
    for (const [host, port] of [
      ["127.0.0.1", garbagePort],
      ["127.0.0.1", closed],
      [FILTERED, 53],
    ] as const) {
      const e = await querySoa({ host, port, zone: "x.example.", timeoutMs: 300 }).then(
        () => null,
        (err: Error) => err.message,
      );
      texts.add((e ?? "").replace(`${host}:${port}`, "SERVER"));
    }
    expect([...texts]).toEqual(["could not reach SERVER: connection failed"]);
  });
});
