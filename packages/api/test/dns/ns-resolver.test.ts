/**
 * The NS set through a configured resolver: Knot DNS on loopback is authoritative for the
 * name servers' zone and answers the A/AAAA queries (RD set, as a resolver would get them).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_DNS_LIMITS } from "../../src/features/dns";
import { resolveAddresses } from "../../src/features/dns/transport";
import { type TestDb, testDb, testServices } from "../fixtures";
import { haveBinary, type Peer, startKnot } from "./peers";

// served.test.'s name servers live in another zone, so the copy has no glue for them.
const SERVED = `$ORIGIN served.test.
$TTL 300
@ IN SOA a.ns.other.test. hostmaster.served.test. 2026112101 60 60 600 60
@ IN NS a.ns.other.test.
@ IN NS B.NS.Other.Test.
@ IN NS gone.other.test.
www IN A 192.0.2.80
`;
const OTHER = `$ORIGIN other.test.
$TTL 300
@ IN SOA a.ns hostmaster 1 60 60 600 60
@ IN NS a.ns
a.ns IN A 127.0.0.1
b IN CNAME b.real
b.real IN AAAA ::1
b.real IN A 127.0.0.1
`;

const run = haveBinary("knotd") ? describe : describe.skip;

run("NS set through a configured resolver (Knot on loopback)", () => {
  let knot: Peer;
  let t: TestDb;
  const servicesWith = (resolver: string | null) =>
    testServices(t.db, {
      dns: { ...DEFAULT_DNS_LIMITS, resolver, allowedServers: [`127.0.0.1:${knot.port}`] },
    });
  beforeAll(async () => {
    knot = await startKnot([
      { name: "served.test.", text: SERVED },
      { name: "other.test.", text: OTHER },
    ]);
    t = testDb("dns-ns");
  }, 60_000);
  afterAll(async () => {
    await knot?.stop();
    await t?.close();
  });

  it("resolves A and AAAA, follows a CNAME in the answer, and names NXDOMAIN", async () => {
    const resolver = { host: "127.0.0.1", port: knot.port };
    expect(await resolveAddresses({ resolver, name: "a.ns.other.test" })).toEqual(["127.0.0.1"]);
    expect(await resolveAddresses({ resolver, name: "B.other.test." })).toEqual([
      "127.0.0.1",
      "0:0:0:0:0:0:0:1",
    ]);
    await expect(resolveAddresses({ resolver, name: "gone.other.test." })).rejects.toThrow(
      /gone\.other\.test\. does not exist \(NXDOMAIN/,
    );
    await expect(
      resolveAddresses({ resolver: { host: "resolver.example", port: 53 }, name: "a.ns.other.test" }),
    ).rejects.toThrow(/must be an IP address/);
  });

  it("without a resolver, NS names without glue say so and raise no alert", async () => {
    const services = servicesWith(null);
    const zone = await services.dns.create({
      name: "served.test.",
      sourceKind: "axfr",
      source: `127.0.0.1:${knot.port}`,
      serversFromNs: true,
    });
    expect((await services.dns.checkNow(zone.id)).status).toBe("verified");
    const states = await services.dns.pollServers(zone.id);
    expect(states.map((s) => [s.label, s.serial])).toEqual([
      ["a.ns.other.test", null],
      ["b.ns.other.test", null],
      ["gone.other.test", null],
    ]);
    for (const s of states) expect(s.error).toMatch(/^NS set needs a resolver: .* \(set dns\.resolver\)$/);
    const alerts = await services.alerts.list({ state: ["firing"], source: ["zonemd"] });
    expect(alerts.items.filter((a) => a.labels.aspect === "servers")).toEqual([]);
    await services.dns.remove(zone.id);
  });

  it("with a resolver, each NS name becomes its addresses; an unknown name says why", async () => {
    const services = servicesWith(`127.0.0.1:${knot.port}`);
    const zone = await services.dns.create({
      name: "served.test.",
      sourceKind: "axfr",
      source: `127.0.0.1:${knot.port}`,
      serversFromNs: true,
    });
    expect((await services.dns.checkNow(zone.id)).status).toBe("verified");
    const states = await services.dns.pollServers(zone.id);
    const byName = Object.fromEntries(states.map((s) => [s.label, s]));
    expect(byName["a.ns.other.test"]).toMatchObject({ host: "127.0.0.1", port: 53, role: "primary" });
    expect(byName["gone.other.test"]?.error).toMatch(/cannot resolve gone\.other\.test: .*NXDOMAIN/);
    // b.ns.other.test. does not exist in other.test. either (only b.other.test. does).
    expect(byName["b.ns.other.test"]?.error).toMatch(/NXDOMAIN/);
    // The resolved server is queried for real (port 53 on loopback: nothing of ours there), so
    // its state is a query result, not the "needs a resolver" note.
    expect(byName["a.ns.other.test"]?.error ?? "").not.toMatch(/needs a resolver/);
  });
});
