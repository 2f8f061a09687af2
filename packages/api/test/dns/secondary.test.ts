/**
 * Primary and secondary watched together, with real Debian servers on loopback: Knot DNS as the
 * primary (adding ZONEMD), NSD 4 as its secondary. The service checks the copy by AXFR, asks both
 * for their SOA serial, raises a "lagging" alert once the secondary stays behind longer than
 * SOA refresh + retry, and clears it when a NOTIFY (ldns-notify) brings the secondary up to date.
 */
import { execFileSync } from "node:child_process";
import { verifyZonemd } from "@netops/protocols/dns";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Services } from "../../src/services";
import { type TestDb, testDb, testServices } from "../fixtures";
import { axfr } from "../../src/features/dns/transport";
import { DEFAULT_DNS_LIMITS } from "../../src/features/dns/service";
import { haveBinary, knotc, LAB_ZONE, type Peer, startKnot, startNsd, waitForSoa } from "./peers";

const run = haveBinary("knotd") && haveBinary("nsd") && haveBinary("ldns-notify") ? describe : describe.skip;

run("Knot primary + NSD secondary, watched", () => {
  let knot: Peer;
  let nsd: Peer;
  let t: TestDb;
  let services: Services;
  let clock = Date.parse("2026-11-21T08:00:00Z");
  beforeAll(async () => {
    knot = await startKnot([{ name: "example.", text: LAB_ZONE }]);
    nsd = await startNsd("example.", knot.port);
    t = testDb("dns-svc");
    // The lab servers and the port nothing answers on are listed, exactly (loopback is not open to all).
    services = testServices(t.db, {
      now: () => new Date(clock),
      dns: {
        ...DEFAULT_DNS_LIMITS,
        allowedServers: [`127.0.0.1:${knot.port}`, `127.0.0.1:${nsd.port}`, "127.0.0.1:9"],
      },
    });
  }, 60_000);
  afterAll(async () => {
    await nsd?.stop();
    await knot?.stop();
    await t?.close();
  });

  it("the secondary serves the zone it transferred, with Knot's ZONEMD intact", async () => {
    const r = await axfr({ host: "127.0.0.1", port: nsd.port, zone: "example." });
    expect(r.serial).toBe(2024010102);
    expect(verifyZonemd(r.records).status).toBe("verified");
  });

  it("raises a lag alert after refresh + retry, and clears it when the secondary catches up", async () => {
    const zone = await services.dns.create({
      name: "example.",
      sourceKind: "axfr",
      source: `127.0.0.1:${knot.port}`,
      servers: [
        { label: "knot", host: "127.0.0.1", port: knot.port, role: "primary" },
        { label: "nsd", host: "127.0.0.1", port: nsd.port, role: "secondary" },
      ],
    });
    expect((await services.dns.checkNow(zone.id)).status).toBe("verified");
    let states = await services.dns.pollServers(zone.id);
    expect(states.map((s) => [s.label, s.serial, s.lagging])).toEqual([
      ["knot", 2024010102, false],
      ["nsd", 2024010102, false],
    ]);

    // A change on the primary; no NOTIFY is configured, so NSD waits for its refresh (7200 s).
    knotc(knot, "zone-begin", "example.");
    knotc(knot, "zone-set", "example.", "new.example.", "3600", "A", "192.0.2.99");
    knotc(knot, "zone-commit", "example.");
    await waitForSoa(knot.port, "example.", 2024010103);
    states = await services.dns.pollServers(zone.id);
    expect(states.find((s) => s.label === "nsd")).toMatchObject({ serial: 2024010102, lagging: false });
    expect(states.find((s) => s.label === "nsd")?.behindSince).not.toBeNull();
    // The new primary serial makes the next check due at once.
    await services.dns.runDue();
    expect((await services.dns.get(zone.id)).zone.lastCheck?.serial).toBe(2024010103);

    // Still behind after refresh (7200) + retry (3600) seconds: lagging, alert.
    clock += (7200 + 3600 + 1) * 1000;
    states = await services.dns.pollServers(zone.id);
    expect(states.find((s) => s.label === "nsd")).toMatchObject({ lagging: true, toleranceSeconds: 10800 });
    let active = (await services.alerts.active()).filter((a) => a.source === "zonemd");
    expect(active.map((a) => a.labels)).toEqual([
      { zone: "example.", aspect: "servers", condition: "lagging", server: "nsd" },
    ]);
    expect(active[0]!.summary).toMatch(
      /secondary nsd .* lags for example\.: serial 2024010102, primary 2024010103/,
    );

    // NOTIFY the secondary: NSD asks the primary and transfers the new serial.
    execFileSync("ldns-notify", ["-z", "example.", "-p", String(nsd.port), "-s", "2024010103", "127.0.0.1"]);
    await waitForSoa(nsd.port, "example.", 2024010103);
    states = await services.dns.pollServers(zone.id);
    expect(states.map((s) => [s.label, s.serial, s.lagging])).toEqual([
      ["knot", 2024010103, false],
      ["nsd", 2024010103, false],
    ]);
    active = (await services.alerts.active()).filter((a) => a.source === "zonemd");
    expect(active).toEqual([]);
  }, 60_000);

  it("a server that does not answer raises an 'unreachable' alert", async () => {
    const zone = (await services.dns.findByName("example."))!;
    await services.dns.update({
      id: zone.id,
      servers: [{ label: "gone", host: "127.0.0.1", port: 9, role: "secondary" }],
    });
    const states = await services.dns.pollServers(zone.id);
    expect(states[0]).toMatchObject({
      serial: null,
      error: "could not reach 127.0.0.1:9: connection failed",
    });
    const active = (await services.alerts.active()).filter((a) => a.source === "zonemd");
    expect(active.map((a) => a.labels.condition)).toEqual(["unreachable"]);
  }, 20_000);
});
