// The RSerPool service with its real UDP listeners on loopback (multicast joined on 127.0.0.1, IPv6
// unicast on ::1, non-standard ports): the rsplib capture's announce, presence and CSP datagrams are
// replayed into them; capture import; the alerts.
import { createSocket } from "node:dgram";
import { readFileSync } from "node:fs";
import path from "node:path";
import { labDatagrams, runLabSender } from "@netops/labs/rserpool";
import { encodeEnrp } from "@netops/protocols/rserpool";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { evaluateAlerts } from "../../src/features/rserpool/alerting";
import { RserpoolListeners } from "../../src/features/rserpool/collectors/udp";
import type { Services } from "../../src/services";
import { type TestDb, testDb, testServices } from "../fixtures";

const CAPTURE = path.resolve(
  import.meta.dirname,
  "../../../protocols/test/rserpool/vectors/enrp-takeover.pcapng",
);
const capture = new Uint8Array(readFileSync(CAPTURE));
// Ports away from the standard ones (and from each other's runs).
const base = 42000 + (process.pid % 1000) * 3;

let t: TestDb;
let services: Services;
let clock = Date.parse("2026-12-06T13:00:00Z");

beforeAll(() => {
  t = testDb("rserpool");
  services = testServices(t.db, {
    now: () => new Date(clock),
    rserpool: {
      listen: true,
      announce: { address: "239.0.0.50", port: base },
      presence: { address: "::1", port: base + 1 },
      csp: { address: "127.0.0.1", port: base + 2 },
      interface: "127.0.0.1",
      poolMinimum: { EchoPool: 2 },
    },
  });
});
afterAll(async () => {
  await t.close();
});

async function until(cond: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await cond()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe("UDP listeners", () => {
  it("hear the capture's announces (multicast), presences (IPv6) and CSP reports", async () => {
    const listeners = new RserpoolListeners(services.rserpool);
    await listeners.start();
    try {
      expect([...services.rserpool.listeners.keys()]).toEqual(["announce", "presence", "csp"]);
      const all = labDatagrams(capture);
      expect(all.filter((d) => d.channel === "announce")).toHaveLength(146);
      expect(all.filter((d) => d.channel === "presence")).toHaveLength(58);
      expect(all.filter((d) => d.channel === "csp")).toHaveLength(413);
      // The first 20 s of the capture, sent as fast as possible; announces to the multicast group.
      const first = all.filter((d) => d.atMs < 20_000);
      const sock = createSocket("udp4");
      const sock6 = createSocket("udp6");
      await new Promise<void>((r) => sock.bind(0, "127.0.0.1", () => r()));
      sock.setMulticastInterface("127.0.0.1");
      for (const d of first) {
        if (d.channel === "announce") sock.send(d.payload, base, "239.0.0.50");
        else if (d.channel === "presence") sock6.send(d.payload, base + 1, "::1");
        else sock.send(d.payload, base + 2, "127.0.0.1");
        await new Promise((r) => setImmediate(r));
      }
      const want = {
        announces: first.filter((d) => d.channel === "announce").length,
        presences: first.filter((d) => d.channel === "presence").length,
      };
      await until(
        () =>
          services.rserpool.stats.announces === want.announces &&
          services.rserpool.stats.presences === want.presences,
        "datagrams",
      );
      await services.rserpool.settled();
      sock.close();
      sock6.close();
      const o = await services.rserpool.overview();
      expect(o.registrars.map((r) => [r.serverId, r.source, r.checksum])).toEqual([
        ["0xaaaa0001", "udp", 0xfa96],
        ["0xbbbb0002", "udp", 0xffff],
        ["0xcccc0003", "udp", 0xffff],
      ]);
      // Presence came from ::1; the Server Information parameter names the registrar's own address.
      expect(o.registrars[0]?.addresses).toEqual(expect.arrayContaining(["10.77.0.1"]));
      expect(o.components.length).toBeGreaterThanOrEqual(7);
      expect(o.components.find((c) => c.senderId === "01000000aaaa0001")).toMatchObject({
        groupName: "Registrar",
        location: "vm: 10.77.0.1:3863",
      });
      expect(services.rserpool.stats.errors).toBe(0);
    } finally {
      await listeners.stop();
    }
  });

  it("count malformed datagrams with the reason, and keep listening", async () => {
    const listeners = new RserpoolListeners(services.rserpool);
    await listeners.start();
    try {
      const before = { ...services.rserpool.stats };
      const lab = runLabSender(
        [
          { atMs: 0, channel: "csp", payload: Uint8Array.of(1, 0, 0, 8, 0, 0, 2, 0) },
          { atMs: 0, channel: "announce", payload: new Uint8Array(0) },
          { atMs: 0, channel: "presence", payload: Uint8Array.of(1, 0, 0, 44, 0xaa, 0xaa, 0, 1) },
        ],
        { csp: base + 2, announce: base },
      );
      const s6 = createSocket("udp6");
      s6.send(Uint8Array.of(1, 0, 0, 44, 0xaa, 0xaa, 0, 1), base + 1, "::1");
      await until(() => services.rserpool.stats.errors >= before.errors + 3, "errors");
      await lab.stop();
      s6.close();
      const errs = services.rserpool.recentErrors.map((e) => `${e.channel}: ${e.error}`);
      expect(errs).toEqual(
        expect.arrayContaining([
          "csp: offset 0: CSP report: needs 288 bytes, got 8",
          "announce: offset 0: ASAP message: empty payload (no message)",
          "presence: offset 0: ENRP message header: needs 12 bytes, got 8",
        ]),
      );
    } finally {
      await listeners.stop();
    }
  });
});

describe("capture import and alerts", () => {
  it("imports the takeover capture: pools, PEs, the takeover, and the events", async () => {
    const r = await services.rserpool.importCapture("enrp-takeover.pcapng", [
      capture.subarray(0, 100_000),
      capture.subarray(100_000),
    ]);
    expect(r.stats).toMatchObject({ frames: 1407, asap: 254, enrp: 201, csp: 413, empty: 4, errors: 0 });
    const o = await services.rserpool.overview();
    expect(o.pools.map((p) => [p.name, p.policy, p.registered, p.total, p.minimum])).toEqual([
      ["DiscardPool", "Least Used (LU)", 0, 2, null],
      ["EchoPool", "Round Robin (RR)", 0, 2, 2],
    ]);
    expect(o.registrars.find((x) => x.serverId === "0xaaaa0001")).toMatchObject({
      status: "taken-over",
      takenOverBy: "0xcccc0003",
    });
    const ev = await services.rserpool.events({ kinds: ["taken-over"], limit: 10 });
    expect(ev.items.map((e) => [e.registrar, e.by, e.frame])).toEqual([["0xaaaa0001", "0xcccc0003", 653]]);
    const hist = await services.rserpool.events({ pool: "EchoPool", peId: "0xde000001", limit: 50 });
    expect(hist.items.map((e) => e.kind).reverse()).toEqual([
      "registered",
      "home-changed",
      "re-registered",
      "deregistered",
    ]);
  });

  it("raises takeover, empty pool and below-minimum alerts; silence after the heartbeat; checksum disagreement after the grace", async () => {
    await evaluateAlerts(t.db, services.alerts, services.rserpool);
    let active = await t.db.alert.findMany({ where: { source: "rserpool", state: "firing" } });
    const conds = () =>
      active
        .map((a) => JSON.parse(a.labels) as Record<string, string>)
        .map((l) => `${l.condition}:${l.registrar ?? l.pool}`)
        .sort();
    expect(conds()).toEqual(["pool-below-minimum:EchoPool", "pool-empty:DiscardPool", "takeover:0xaaaa0001"]);
    expect(active.find((a) => a.summary.includes("taken over"))?.summary).toBe(
      "Registrar 0xaaaa0001 taken over by 0xcccc0003",
    );
    // B now announces a checksum for PEs the handlespace does not have: disagreeing, first within the grace.
    services.rserpool.receive(
      "presence",
      encodeEnrp({
        type: 1,
        senderId: 0xbbbb0002,
        receiverId: 0,
        params: [{ kind: "peChecksum", checksum: 0x1234 }],
      }),
      "10.77.0.2",
    );
    await services.rserpool.settled();
    await evaluateAlerts(t.db, services.alerts, services.rserpool);
    active = await t.db.alert.findMany({ where: { source: "rserpool", state: "firing" } });
    expect(conds()).not.toContain("checksum-disagrees:0xbbbb0002");
    clock += 31_000;
    await evaluateAlerts(t.db, services.alerts, services.rserpool);
    active = await t.db.alert.findMany({ where: { source: "rserpool", state: "firing" } });
    // A was taken over (its silence is the takeover's alert); B and C are silent past 10 s.
    expect(conds()).toEqual([
      "checksum-disagrees:0xbbbb0002",
      "pool-below-minimum:EchoPool",
      "pool-empty:DiscardPool",
      "registrar-silent:0xbbbb0002",
      "registrar-silent:0xcccc0003",
      "takeover:0xaaaa0001",
    ]);
    expect((await services.rserpool.health()).health).toBe("degraded");
    // A correct checksum clears the disagreement at the next run.
    services.rserpool.receive(
      "presence",
      encodeEnrp({
        type: 1,
        senderId: 0xbbbb0002,
        receiverId: 0,
        params: [{ kind: "peChecksum", checksum: 0xffff }],
      }),
      "10.77.0.2",
    );
    await services.rserpool.settled();
    await evaluateAlerts(t.db, services.alerts, services.rserpool);
    active = await t.db.alert.findMany({ where: { source: "rserpool", state: "firing" } });
    expect(conds()).not.toContain("checksum-disagrees:0xbbbb0002");
    expect(conds()).not.toContain("registrar-silent:0xbbbb0002");
  });
});
