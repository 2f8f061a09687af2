// The handlespace model rebuilt from the rsplib captures (pools, PEs, homes, the takeover), and the
// events the captures do not show (expiry, unreachable, load change) from encoded messages.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  type CaptureItem,
  decodeAsap,
  decodeCapture,
  decodeEnrp,
  encodeAsap,
  encodeEnrp,
  ENRP,
  Handlespace,
  makePolicy,
  type PoolElement,
  poolHandleParam,
} from "../../src/rserpool/index";

const VEC = path.join(import.meta.dirname, "vectors");
const items = (n: string) => decodeCapture(new Uint8Array(readFileSync(path.join(VEC, `${n}.pcapng`)))).items;

function replay(list: CaptureItem[], until = Number.POSITIVE_INFINITY) {
  const h = new Handlespace();
  for (const i of list) if (i.frame <= until) h.applyItem(i);
  return h.snapshot();
}

describe("enrp-takeover", () => {
  const list = items("enrp-takeover");

  it("before the kill: two pools, four PEs homed at registrar A, policies and addresses", () => {
    const s = replay(list, 500);
    expect(s.pools.map((p) => [p.name, p.policy, p.pes])).toEqual([
      ["DiscardPool", "Least Used (LU)", [0xde000003, 0xde000004]],
      ["EchoPool", "Round Robin (RR)", [0xde000001, 0xde000002]],
    ]);
    expect(s.pes.map((p) => [p.id, p.homeRegistrar, p.address, p.registrationLifeMs])).toEqual([
      [0xde000003, 0xaaaa0001, "10.77.0.6", 120000],
      [0xde000004, 0xaaaa0001, "10.77.0.7", 120000],
      [0xde000001, 0xaaaa0001, "10.77.0.4", 120000],
      [0xde000002, 0xaaaa0001, "10.77.0.5", 120000],
    ]);
    expect(s.pes[0]?.load).toBe(0);
    expect(
      s.registrars.map((r) => [r.id, r.status, r.addresses, r.announcedChecksum, r.computedChecksum]),
    ).toEqual([
      [0xaaaa0001, "active", ["10.77.0.1"], 0xfa96, 0xfa96],
      [0xbbbb0002, "active", ["10.77.0.2"], 0xffff, 0xffff],
      [0xcccc0003, "active", ["10.77.0.3"], 0xffff, 0xffff],
    ]);
  });

  it("the announced checksum agrees with the model at every Presence", () => {
    const h = new Handlespace();
    let checked = 0;
    for (const i of list) {
      h.applyItem(i);
      if (i.kind !== "enrp" || i.message.type !== ENRP.presence) continue;
      const r = h.snapshot().registrars.find((x) => x.id === i.message.senderId);
      expect(r?.announcedChecksum).toBe(r?.computedChecksum);
      checked++;
    }
    expect(checked).toBe(168);
  });

  it("registrar A is lost, taken over by C, its PEs re-homed, then all deregister", () => {
    const s = replay(list);
    const ev = s.events
      .filter((e) => e.kind !== "registrar-found")
      .map((e) => [e.kind, e.frame, e.peId ?? e.registrar, e.by]);
    expect(ev.filter((e) => e[0] === "registrar-lost")).toEqual([
      ["registrar-lost", undefined, 0xaaaa0001, undefined],
    ]);
    expect(ev.filter((e) => e[0] === "takeover-started")).toEqual([
      ["takeover-started", 649, 0xaaaa0001, 0xcccc0003],
    ]);
    expect(ev.filter((e) => e[0] === "taken-over")).toEqual([["taken-over", 653, 0xaaaa0001, 0xcccc0003]]);
    expect(ev.filter((e) => e[0] === "home-changed").map((e) => e[2])).toEqual([
      0xde000003, 0xde000001, 0xde000004, 0xde000002,
    ]);
    expect(ev.filter((e) => e[0] === "re-registered").map((e) => e[1])).toEqual([927, 932, 938, 943]);
    expect(ev.filter((e) => e[0] === "deregistered").map((e) => e[2])).toEqual([
      0xde000001, 0xde000003, 0xde000002, 0xde000004,
    ]);
    expect(s.registrars[0]).toMatchObject({ status: "taken-over", takenOverBy: 0xcccc0003 });
    expect(s.pes).toEqual([]);
    const lost = s.events.find((e) => e.kind === "registrar-lost");
    expect((lost?.timeMs ?? 0) - (list[0]?.timeMs ?? 0)).toBeGreaterThan(31_000);
  });
});

describe("enrp-two-registrars", () => {
  it("PE-2 registers at B (WRR weight 5) and reaches A through a Handle Update", () => {
    const s = replay(items("enrp-two-registrars"), 200);
    const pe2 = s.pes.find((p) => p.id === 0xde000002);
    expect(pe2).toMatchObject({ pool: "DaytimePool", homeRegistrar: 0xbbbb0002 });
    expect(pe2?.policy).toMatchObject({ type: 2, values: { weight: 5 } });
  });
});

describe("events from encoded messages", () => {
  const meta = (t: number, src = "10.0.0.1") => ({ timeMs: t, src, dst: "10.0.0.9" });
  const pe = (load: number): PoolElement => ({
    id: 7,
    homeRegistrar: 0x11,
    registrationLife: 1000,
    userTransport: { kind: "udp", port: 7, addresses: ["10.0.0.7"] },
    policy: makePolicy(0x40000001, { load }),
  });
  const update = (action: number, load: number) =>
    decodeEnrp(
      encodeEnrp({
        type: 4,
        senderId: 0x11,
        receiverId: 0x22,
        updateAction: action,
        params: [poolHandleParam("P"), { kind: "poolElement", pe: pe(load) }],
      }),
    );

  it("registered, load changed, unreachable reported, expired", () => {
    const h = new Handlespace();
    h.applyEnrp(update(0, 0), meta(0));
    h.applyEnrp(update(0, 0x80000000), meta(500));
    h.applyAsap(
      decodeAsap(encodeAsap({ type: 9, params: [poolHandleParam("P"), { kind: "peIdentifier", id: 7 }] })),
      meta(600, "10.0.0.50"),
    );
    h.advance(1400);
    expect(h.snapshot().pes).toHaveLength(1);
    h.advance(1600);
    const s = h.snapshot();
    expect(s.pes).toEqual([]);
    expect(s.events.map((e) => e.kind)).toEqual([
      "registrar-found",
      "registered",
      "load-changed",
      "unreachable",
      "expired",
    ]);
    expect(s.events[2]?.detail).toBe("load 0.00% -> 50.00%");
    expect(s.events[3]?.detail).toMatch(/10\.0\.0\.50/);
  });

  it("a Handle Update DEL_PE deregisters; the event list is bounded", () => {
    const h = new Handlespace({ maxEvents: 3, dedupeMs: 0 });
    for (let t = 0; t < 10; t++) h.applyEnrp(update(t % 2, 0), meta(t * 10));
    const s = h.snapshot();
    expect(s.events).toHaveLength(3);
    expect(s.droppedEvents).toBe(8);
    expect(s.events.at(-1)?.kind).toBe("deregistered");
  });
});
