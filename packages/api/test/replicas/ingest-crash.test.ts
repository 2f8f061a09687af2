/**
 * A replica that dies after a batch's BGP events are written but before their alerts are leaves
 * nothing half done (events and alerts are one transaction), and the replica that takes the batch
 * over from the durable queue raises each alert exactly once; storing the batch again raises
 * nothing more. Runs on either engine (NETOPS_TEST_DB=postgres).
 */
import { afterEach, describe, expect, it } from "vitest";
import type { BgpEventDraft } from "../../src/features/bgp";
import { BGP_BATCH, draftsFromBatch } from "../../src/features/bgp/collectors/ingest-queue";
import type { ConsoleEvent } from "../../src/services/bus";
import type { Services } from "../../src/services";
import { shutdownDraft } from "../bgp/draft";
import { type TestDb, testDb, testServices } from "../fixtures";

let now = Date.parse("2026-12-06T12:00:00Z");
const clock = () => new Date(now);
const keys = (ds: BgpEventDraft[]) => ds.map((d) => JSON.stringify(d.identity));

/** Recent events (they raise alerts): rtr1's sessions 1–3 go down, session 3 comes back. */
function batch(): BgpEventDraft[] {
  const down = (n: number, peer: number) =>
    shutdownDraft(n, new Date(now - 60_000 + n), {
      peerAddress: `192.0.2.${peer}`,
      identity: ["rtr1", `line ${n}`],
    });
  const up: BgpEventDraft = {
    ...down(4, 3),
    kind: "up",
    code: null,
    subcode: null,
    codeName: null,
    subcodeName: null,
    text: null,
    textBytes: null,
    status: null,
    rawLine: "line 4",
  };
  return [down(1, 1), down(2, 2), down(3, 3), up];
}

describe("a replica killed between storing a batch's events and raising their alerts", () => {
  let t: TestDb;
  const replicas: Services[] = [];
  const replica = (id: string) => {
    const s = testServices(t.db, { now: clock });
    s.ingestQueue.configure({ replicaId: id, claimMs: 30_000 });
    replicas.push(s);
    return s;
  };
  afterEach(async () => {
    for (const s of replicas.splice(0)) {
      await s.ingestQueue.stop();
      await s.bgp.close();
    }
    await t?.close();
  });

  async function alertsOf(db: TestDb["db"]) {
    const rows = await db.alert.findMany({
      where: { source: "bgp" },
      orderBy: { id: "asc" },
      include: { events: { orderBy: { id: "asc" } } },
    });
    return rows.map((r) => ({
      peer: JSON.parse(r.labels).peer as string,
      state: r.state,
      count: r.count,
      history: r.events.map((e) => e.kind),
    }));
  }

  it("leaves neither; the replica taking the batch over raises each alert once", async () => {
    t = testDb("ingest-crash");
    now = Date.parse("2026-12-06T12:00:00Z");
    const a = replica("a");
    const b = replica("b");
    const heardOnB: ConsoleEvent[] = [];
    b.bus.forwardTo((e) => heardOnB.push(e));
    const drafts = batch();

    // a accepts the batch (durable, claimed by a) and dies inside ingest, after the events' INSERT
    // and before the alerts: the handler is called as a's worker calls it, and a marks nothing.
    const claimed = await a.ingestQueue.write(BGP_BATCH, drafts, keys(drafts));
    if (!claimed) throw new Error("the batch was not written");
    let reached = 0;
    a.bgp.faults.afterEventsStored = () => {
      reached++;
      throw new Error("killed between the events and their alerts");
    };
    await expect(a.bgp.ingest(draftsFromBatch(JSON.parse(claimed.payload)))).rejects.toThrow(/killed/);
    expect(reached).toBe(1);
    await a.ingestQueue.stop();
    // Nothing half done: no event without its alert.
    expect(await t.db.bgpEvent.count()).toBe(0);
    expect(await alertsOf(t.db)).toEqual([]);

    // a's claim runs out; b takes the batch over and stores events and alerts together.
    now += 30_001;
    expect(await b.ingestQueue.drainOrphans()).toBe(1);
    expect(b.ingestQueue.stats.takenOver).toBe(1);
    expect(await t.db.bgpEvent.count()).toBe(4);
    const expected = [
      { peer: "192.0.2.1", state: "firing", count: 1, history: ["fired"] },
      { peer: "192.0.2.2", state: "firing", count: 1, history: ["fired"] },
      { peer: "192.0.2.3", state: "resolved", count: 1, history: ["fired", "resolved"] },
    ];
    expect(await alertsOf(t.db)).toEqual(expected);
    // b announced them after its commit, each once.
    const fired = heardOnB.filter((e) => e.type === "alert").map((e) => (e as { state: string }).state);
    expect(fired.sort()).toEqual(["firing", "firing", "resolved"]);

    // a was only paused and runs the batch again (without the fault): nothing is added, no alert
    // repeats, and it cannot mark what b finished.
    a.bgp.faults.afterEventsStored = undefined;
    expect(await a.ingestQueue.process(claimed)).toBe(false);
    // A router resending the same batch to b: refused by the batch key.
    await b.ingestQueue.submit(BGP_BATCH, drafts, keys(drafts));
    expect(b.ingestQueue.stats.duplicates).toBe(1);
    expect(await t.db.bgpEvent.count()).toBe(4);
    expect(await alertsOf(t.db)).toEqual(expected);
    expect((await t.db.ingestBatch.findFirstOrThrow()).doneBy).toBe("b");
  });

  it("a failure inside the alert writes rolls the events back too; the retry stores both once", async () => {
    t = testDb("ingest-crash-retry");
    now = Date.parse("2026-12-06T12:00:00Z");
    const a = replica("a");
    const drafts = batch();
    let fail = true;
    // The fault stands for any error after the events' INSERT (the alert statements included).
    a.bgp.faults.afterEventsStored = () => {
      if (fail) throw new Error("database went away");
    };
    await a.ingestQueue.submit(BGP_BATCH, drafts, keys(drafts));
    expect(await t.db.bgpEvent.count()).toBe(0);
    expect(await alertsOf(t.db)).toEqual([]);
    // The queue retries the failed batch after its backoff.
    fail = false;
    now += 5_000;
    expect(await a.ingestQueue.drainOrphans()).toBe(1);
    expect(await t.db.bgpEvent.count()).toBe(4);
    expect((await alertsOf(t.db)).map((x) => [x.peer, x.count, x.history.length])).toEqual([
      ["192.0.2.1", 1, 1],
      ["192.0.2.2", 1, 1],
      ["192.0.2.3", 1, 2],
    ]);
  });
});
