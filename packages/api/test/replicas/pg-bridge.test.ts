import { type PgCluster, pgAvailable, startPgCluster } from "@netops/db/testing";
import pg from "pg";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ConsoleEvent, EventBus } from "../../src/services/bus";
import { EVENTS_CHANNEL, PgEventBridge, payloads } from "../../src/services/pg-bridge";

const logger = pino({ level: "silent" });

/** The next `n` events of `bus`, or what arrived when `ms` ran out. */
async function collect(bus: EventBus, n: number, ms = 3000): Promise<ConsoleEvent[]> {
  const ac = new AbortController();
  const got: ConsoleEvent[] = [];
  const timer = setTimeout(() => ac.abort(), ms);
  try {
    for await (const e of bus.stream(ac.signal)) {
      got.push(e);
      if (got.length >= n) break;
    }
  } catch {
    // aborted: return what came
  } finally {
    clearTimeout(timer);
  }
  return got;
}

describe("payloads", () => {
  it("splits a large batch into NOTIFY payloads under 8,000 bytes, keeping every event in order", () => {
    const events: ConsoleEvent[] = Array.from({ length: 1000 }, (_, i) => ({
      type: "alert",
      alertId: i,
      state: "firing",
      change: "fired",
    }));
    const out = payloads("replica-a", events);
    expect(out.length).toBeGreaterThan(5);
    for (const p of out) expect(Buffer.byteLength(p)).toBeLessThan(8000);
    expect(out.flatMap((p) => (JSON.parse(p) as { e: ConsoleEvent[] }).e)).toEqual(events);
  });
});

describe.skipIf(!pgAvailable())("LISTEN/NOTIFY between two replicas on PostgreSQL 15", () => {
  let cluster: PgCluster;
  let url: string;
  beforeAll(() => {
    cluster = startPgCluster();
    url = cluster.createDatabase("bridge");
  });
  afterAll(() => cluster?.stop());

  it("an event emitted on A reaches B's subscribers once; a burst goes out as one NOTIFY", async () => {
    const [busA, busB] = [new EventBus(), new EventBus()];
    const a = new PgEventBridge(url, "a", busA, logger);
    const b = new PgEventBridge(url, "b", busB, logger);
    await a.start();
    await b.start();
    // A third connection counts what actually went over the channel.
    const spy = new pg.Client({ connectionString: url });
    await spy.connect();
    const seen: string[] = [];
    spy.on("notification", (n) => seen.push(n.payload ?? ""));
    await spy.query(`LISTEN ${EVENTS_CHANNEL}`);
    try {
      const onB = collect(busB, 50);
      const onA = collect(busA, 51, 1500);
      for (let i = 1; i <= 50; i++)
        busA.emit({ type: "alert", alertId: i, state: "firing", change: "fired" });
      const got = await onB;
      expect(got.map((e) => (e as { alertId: number }).alertId)).toEqual(
        Array.from({ length: 50 }, (_, i) => i + 1),
      );
      // A's subscribers saw each of its own events once (locally), not again from the channel.
      expect((await onA).length).toBe(50);
      expect(seen.length).toBe(1);
      expect(a.stats.sent).toBe(1);
      expect(b.stats.received).toBe(1);
    } finally {
      await spy.end();
      await a.stop();
      await b.stop();
    }
  });
});
