/**
 * Mock RSerPool data and resolvers (tests, Storybook, dev:mock). The handlespace comes from the real
 * pure code: ASAP/ENRP messages encoded and replayed through @netops/protocols' Handlespace (a lab
 * takeover of registrar 0x0000aaa1 by 0x0000ccc3); addresses are documentation ranges and every text
 * starts with "Example:", so none of it can pass for real data.
 */
import type { RouterInputs, RouterOutputs } from "@netops/api";
import {
  type CaptureItem,
  decodeAsap,
  decodeCapture,
  decodeEnrp,
  encodeAsap,
  encodeEnrp,
  Handlespace,
  type HandlespaceSnapshot,
  hex32,
  makePolicy,
  type Param,
  peChecksum,
  poolHandleParam,
} from "@netops/protocols/rserpool";
import { fixtureTime } from "./fixtures";
import type { MockSubsystem } from "./subsystem";

type Overview = RouterOutputs["rserpool"]["overview"];
type EventRow = RouterOutputs["rserpool"]["events"]["items"][number];
export type RserpoolScenario = "steady" | "takeover" | "empty";

const A = 0x0000aaa1;
const B = 0x0000bbb2;
const C = 0x0000ccc3;
const BASE = Date.parse(fixtureTime(-30));

function pe(
  id: number,
  home: number,
  policyType: number,
  values: Record<string, number>,
  last: number,
): Param {
  return {
    kind: "poolElement",
    pe: {
      id,
      homeRegistrar: home,
      registrationLife: 30_000,
      userTransport: { kind: "udp", port: 7, addresses: [`192.0.2.${last}`] },
      policy: makePolicy(policyType, values),
    },
  };
}

/** Replays the scenario's messages, in time order, through the pure model; `takeover` adds the failure of A. */
function replay(scenario: RserpoolScenario): HandlespaceSnapshot {
  const h = new Handlespace();
  const steps: [number, () => void][] = [];
  const at = (t: number, src: string, f: (m: { timeMs: number; src: string; dst: string }) => void) =>
    steps.push([t, () => f({ timeMs: BASE + t * 1000, src, dst: "192.0.2.254" })]);
  const enrp = (t: number, src: string, m: Parameters<typeof encodeEnrp>[0]) =>
    at(t, src, (x) => h.applyEnrp(decodeEnrp(encodeEnrp(m)), x));
  const update = (home: number, p: Param, pool: string, t: number) =>
    enrp(t, "192.0.2.1", {
      type: 4,
      senderId: home,
      receiverId: B,
      updateAction: 0,
      params: [poolHandleParam(pool), p],
    });
  // Presences every 2 s, as rsplib's heartbeat; A stops at 8 s when the takeover scenario kills it.
  const until = scenario === "takeover" ? 8 : 24;
  for (let t = 0; t <= 24; t += 2) {
    const ck = [{ kind: "peChecksum" as const, checksum: 0xffff }];
    if (t <= until) enrp(t, "192.0.2.1", { type: 1, senderId: A, receiverId: 0, params: ck });
    enrp(t + 0.1, "192.0.2.2", { type: 1, senderId: B, receiverId: 0, params: ck });
    enrp(t + 0.2, "192.0.2.3", { type: 1, senderId: C, receiverId: 0, params: ck });
  }
  update(A, pe(0x00e0001, A, 1, {}, 11), "Example-EchoPool", 1);
  update(A, pe(0x00e0002, A, 1, {}, 12), "Example-EchoPool", 1.1);
  update(B, pe(0x00e0003, B, 0x40000001, { load: 0x40000000 }, 13), "Example-DiscardPool", 1.2);
  update(B, pe(0x00e0003, B, 0x40000001, { load: 0x80000000 }, 13), "Example-DiscardPool", 10);
  at(12, "192.0.2.50", (x) =>
    h.applyAsap(
      decodeAsap(
        encodeAsap({
          type: 9,
          params: [poolHandleParam("Example-DiscardPool"), { kind: "peIdentifier", id: 0x00e0003 }],
        }),
      ),
      x,
    ),
  );
  if (scenario === "takeover") {
    enrp(20, "192.0.2.3", { type: 7, senderId: C, receiverId: B, targetId: A, params: [] });
    enrp(20.1, "192.0.2.3", { type: 9, senderId: C, receiverId: B, targetId: A, params: [] });
  }
  for (const [, f] of steps.sort((a, b) => a[0] - b[0])) f();
  return h.snapshot();
}

function checksumOf(s: HandlespaceSnapshot, home: number): number {
  const enc = new TextEncoder();
  return peChecksum(
    s.pes.filter((p) => p.homeRegistrar === home).map((p) => ({ handle: enc.encode(p.pool), peId: p.id })),
  );
}

export function rserpoolOverviewFixture(scenario: RserpoolScenario): Overview {
  if (scenario === "empty")
    return {
      registrars: [],
      pools: [],
      pes: [],
      components: [],
      captures: [],
      listeners: [],
      stats: { datagrams: 0, announces: 0, presences: 0, reports: 0, errors: 0, dropped: 0 },
      recentErrors: [],
    };
  const s = replay(scenario);
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    registrars: s.registrars.map((r) => {
      const computed = checksumOf(s, r.id);
      // B announces a stale checksum in the mock, so the disagreement is on screen.
      const announced = r.id === B ? 0x1234 : computed;
      return {
        serverId: hex32(r.id),
        addresses: r.addresses,
        firstSeen: iso(r.firstSeenMs),
        lastPresence: r.status === "active" ? fixtureTime(0) : iso(BASE),
        lastAnnounce: r.status === "active" ? fixtureTime(0) : null,
        checksum: announced,
        expectedChecksum: computed,
        disagreeSince: announced === computed ? null : fixtureTime(-2),
        status: r.status,
        takenOverBy: r.takenOverBy === undefined ? null : hex32(r.takenOverBy),
        source: "udp",
      };
    }),
    pools: [
      ...s.pools.map((p) => ({
        name: p.name,
        policy: p.policy ?? null,
        registered: p.pes.length,
        total: p.pes.length,
        minimum: p.name === "Example-EchoPool" ? 2 : null,
      })),
      { name: "Example-EmptyPool", policy: "Round Robin (RR)", registered: 0, total: 1, minimum: null },
    ],
    pes: [
      ...s.pes.map((p) => ({
        pool: p.pool,
        peId: hex32(p.id),
        policy: p.policy?.name ?? null,
        home: hex32(p.homeRegistrar),
        address: p.address ?? null,
        load: p.load ?? null,
        registrationLifeMs: p.registrationLifeMs,
        registeredAt: iso(p.registeredAtMs),
        lastSeen: iso(p.lastSeenMs),
        state: "registered",
        unreachableReports: p.unreachableReports,
      })),
      {
        pool: "Example-EmptyPool",
        peId: "0x000e0009",
        policy: "Round Robin (RR)",
        home: hex32(A),
        address: "192.0.2.19",
        load: null,
        registrationLifeMs: 30000,
        registeredAt: fixtureTime(-40),
        lastSeen: fixtureTime(-20),
        state: "deregistered",
        unreachableReports: 0,
      },
    ],
    components: [
      {
        senderId: "01000000aaa10001",
        groupName: "Registrar",
        address: "192.0.2.1",
        location: "Example: lab registrar A",
        status: "3 PEs in 2 Pools, 2 Peers",
        workload: null,
        uptimeMs: 3_600_000,
        reportIntervalMs: 1000,
        associations: 2,
        lastReport: fixtureTime(0),
      },
      {
        senderId: "0200000000000011",
        groupName: "Pool Element",
        address: "192.0.2.11",
        location: "Example: echo PE",
        status: "1 Session",
        workload: 0.25,
        uptimeMs: 120_000,
        reportIntervalMs: 1000,
        associations: 1,
        lastReport: fixtureTime(0),
      },
    ],
    captures: [
      {
        id: 1,
        name: "Example: lab capture",
        importedAt: fixtureTime(-10),
        frames: 1407,
        messages: 455,
        csp: 413,
        errors: 0,
      },
    ],
    listeners: [{ channel: "announce", detail: "mock: no listener runs in mock mode" }],
    stats: { datagrams: 120, announces: 60, presences: 40, reports: 20, errors: 1, dropped: 0 },
    recentErrors: [
      {
        at: fixtureTime(-1),
        channel: "presence",
        from: "192.0.2.99",
        error: "offset 2: ENRP message length: says 44, only 20 bytes",
      },
    ],
  };
}

export function rserpoolEventsFixture(scenario: RserpoolScenario): EventRow[] {
  if (scenario === "empty") return [];
  return replay(scenario)
    .events.map((e, i) => ({
      id: i + 1,
      at: new Date(e.timeMs).toISOString(),
      receivedAt: new Date(e.timeMs).toISOString(),
      kind: e.kind,
      pool: e.pool ?? null,
      peId: e.peId === undefined ? null : hex32(e.peId),
      registrar: e.registrar === undefined ? null : hex32(e.registrar),
      by: e.by === undefined ? null : hex32(e.by),
      detail: e.detail,
      source: "udp",
      captureId: null,
      frame: e.frame ?? null,
    }))
    .reverse();
}

/** The tile as RserpoolService.health() words it. */
export function rserpoolTile(o: Overview): { health: "ok" | "degraded" | "not_configured"; summary: string } {
  if (o.registrars.length === 0 && o.captures.length === 0 && o.listeners.length === 0)
    return { health: "not_configured", summary: "No RSerPool listener configured and no capture imported" };
  const registered = o.pes.filter((p) => p.state === "registered").length;
  const n = o.listeners.length;
  return {
    health: "ok",
    summary: `${o.registrars.length} registrar${o.registrars.length === 1 ? "" : "s"}, ${registered} registered PE${registered === 1 ? "" : "s"}; listening on ${n} channel${n === 1 ? "" : "s"}`,
  };
}

async function bytesOf(input: unknown): Promise<Uint8Array> {
  const body = input as Partial<ReadableStream<Uint8Array> & Blob> | null;
  const reader = body?.getReader?.();
  const parts: Uint8Array[] = [];
  if (reader) for (let r = await reader.read(); !r.done; r = await reader.read()) parts.push(r.value);
  else if (body?.arrayBuffer) parts.push(new Uint8Array(await body.arrayBuffer()));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

export function createRserpoolResolvers(scenario: RserpoolScenario) {
  const overview = rserpoolOverviewFixture(scenario);
  const events = rserpoolEventsFixture(scenario);
  return {
    "rserpool.overview": () => overview,
    "rserpool.events": (input: RouterInputs["rserpool"]["events"]) => {
      const limit = input.limit ?? 100;
      const rows = events.filter(
        (e) =>
          (!input.kinds?.length || (input.kinds as string[]).includes(e.kind)) &&
          (!input.pool || e.pool === input.pool) &&
          (!input.peId || e.peId === input.peId) &&
          (!input.beforeId || e.id < input.beforeId),
      );
      return { items: rows.slice(0, limit), more: rows.length > limit };
    },
    "rserpool.importCapture": async (input: unknown) => {
      // The real decoder and model on the uploaded bytes; nothing is stored in the mock.
      const { items, stats, issues } = decodeCapture(await bytesOf(input));
      const h = new Handlespace();
      for (const i of items as CaptureItem[]) h.applyItem(i);
      const s = h.snapshot();
      return {
        captureId: 99,
        name: "uploaded capture",
        stats,
        issues: issues.slice(0, 50),
        pools: s.pools.length,
        pes: s.pes.length,
        registrars: s.registrars.length,
        events: s.events.length,
      };
    },
  };
}

/** The RSerPool mock: a steady lab handlespace with a takeover (none in the empty console). */
export const mockSubsystem: MockSubsystem<"rserpool"> = ({ empty }) => {
  const scenario: RserpoolScenario = empty ? "empty" : "takeover";
  return {
    resolvers: createRserpoolResolvers(scenario),
    tile: () => rserpoolTile(rserpoolOverviewFixture(scenario)),
  };
};
