/**
 * The durable ingest queue (services/ingest-queue.ts) on either engine (NETOPS_TEST_DB=postgres):
 * a batch accepted by a replica that is killed before storing it is stored by another replica once
 * the claim runs out, exactly once by natural key; a paused worker cannot mark what was taken over;
 * failures are retried and finally kept; racing workers store each batch once.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { BgpEventDraft } from "../../src/features/bgp";
import { BGP_BATCH, IngestQueue } from "../../src/features/bgp/collectors/ingest-queue";
import type { Services } from "../../src/services";
import { shutdownDraft } from "../bgp/draft";
import { type TestDb, testDb, testServices } from "../fixtures";

let now = Date.parse("2026-12-06T12:00:00Z");
const clock = () => new Date(now);

// Two hours old: stored without raising alerts (BgpAlerting's maxAge), which this test is not about.
const draft = (n: number) =>
  shutdownDraft(n, new Date(now - 7_200_000 + n), {
    peerAddress: `192.0.2.${n % 250}`,
    source: "syslog",
    identity: ["log", "rtr1", `line ${n}`],
  });
const keys = (ds: BgpEventDraft[]) => ds.map((d) => JSON.stringify(d.identity));

describe("durable ingest queue", () => {
  let t: TestDb;
  const replicas: Services[] = [];
  const replica = (id: string, claimMs = 30_000) => {
    const s = testServices(t.db, { now: clock });
    s.ingestQueue.configure({ replicaId: id, claimMs });
    replicas.push(s);
    return s;
  };
  afterEach(async () => {
    for (const s of replicas.splice(0)) await s.ingestQueue.stop();
    await t?.close();
  });

  it("a batch claimed by a replica killed before storing it is stored by another after the claim expires, once", async () => {
    t = testDb("queue-kill");
    now = Date.parse("2026-12-06T12:00:00Z");
    const a = replica("a");
    const b = replica("b");
    const drafts = Array.from({ length: 50 }, (_, i) => draft(i));

    // a accepts the batch (written and claimed), then is killed before storing it.
    const claimed = await a.ingestQueue.write(BGP_BATCH, drafts, keys(drafts));
    expect(claimed).not.toBeNull();
    await a.ingestQueue.stop(); // killed: nothing renews its claim any more
    const row = await t.db.ingestBatch.findFirstOrThrow();
    expect(row.receivedAt.getTime()).toBe(now); // the raw INSERT's dates read back as written
    expect(row.claimedUntil?.getTime()).toBe(now + 30_000);
    expect(row.claimedBy).toBe("a");

    // While a's claim lasts, b leaves it alone.
    now += 29_000;
    expect(await b.ingestQueue.drainOrphans()).toBe(0);
    expect(await t.db.bgpEvent.count()).toBe(0);

    // The claim has run out: b stores it.
    now += 2_000;
    expect(await b.ingestQueue.drainOrphans()).toBe(1);
    expect(await t.db.bgpEvent.count()).toBe(50);
    expect(b.ingestQueue.stats.takenOver).toBe(1);
    const done = await t.db.ingestBatch.findFirstOrThrow();
    expect([done.doneBy, done.claimToken, done.attempts]).toEqual(["b", null, 2]);

    // a was only paused: it resumes and stores the batch too. Nothing is added, and it cannot mark
    // (or unmark) what b finished.
    if (!claimed) throw new Error("unreachable");
    expect(await a.ingestQueue.process(claimed)).toBe(false);
    expect(await t.db.bgpEvent.count()).toBe(50);
    expect((await t.db.ingestBatch.findFirstOrThrow()).doneBy).toBe("b");

    // The same batch sent again (a router resending to the survivor): the key refuses it.
    await b.ingestQueue.submit(BGP_BATCH, drafts, keys(drafts));
    expect(b.ingestQueue.stats.duplicates).toBe(1);
    expect(await t.db.ingestBatch.count()).toBe(1);
    // Overlapping but different batch: a new row, and only the new events are stored.
    const more = Array.from({ length: 60 }, (_, i) => draft(i + 20));
    await b.ingestQueue.submit(BGP_BATCH, more, keys(more));
    expect(await t.db.ingestBatch.count()).toBe(2);
    expect(await t.db.bgpEvent.count()).toBe(80);
    expect(await b.ingestQueue.backlog()).toBe(0);
  });

  it("a failing batch is released for a retry after a backoff, and kept as failed after five attempts", async () => {
    t = testDb("queue-fail");
    now = Date.parse("2026-12-06T12:00:00Z");
    const a = replica("a");
    let failures = 1;
    const seen: unknown[][] = [];
    a.ingestQueue.handle("test", async (items) => {
      if (failures-- > 0) throw new Error("database busy");
      seen.push(items);
    });
    await a.ingestQueue.submit("test", [{ n: 1 }], ["1"]);
    let row = await t.db.ingestBatch.findFirstOrThrow();
    expect([row.doneAt, row.claimToken, row.error]).toEqual([null, null, "database busy"]);
    expect(await a.ingestQueue.drainOrphans()).toBe(0); // backing off
    now += 5_000;
    expect(await a.ingestQueue.drainOrphans()).toBe(1);
    expect(seen).toEqual([[{ n: 1 }]]);
    row = await t.db.ingestBatch.findFirstOrThrow();
    expect([row.doneBy, row.error, row.attempts]).toEqual(["a", null, 2]);

    // A batch whose payload is not drafts fails with the item and field, and is finally kept.
    await t.db.ingestBatch.create({
      data: {
        key: "bad",
        kind: BGP_BATCH,
        payload: '[{"at":"never"}]',
        count: 1,
        receivedBy: "x",
        receivedAt: clock(),
      },
    });
    for (let i = 0; i < 5; i++) {
      now += 61_000;
      await a.ingestQueue.drainOrphans();
    }
    const bad = await t.db.ingestBatch.findUniqueOrThrow({ where: { key: "bad" } });
    expect(bad.error).toBe("ingest batch item 0: at: not a date");
    expect(bad.attempts).toBe(5);
    expect(bad.doneAt).not.toBeNull();
    expect(a.ingestQueue.stats.failed).toBe(1);
    expect(await a.ingestQueue.backlog()).toBe(0);
  });

  it("workers racing for orphaned batches store each one exactly once", async () => {
    t = testDb("queue-race");
    now = Date.parse("2026-12-06T12:00:00Z");
    const dead = replica("dead");
    for (let i = 0; i < 12; i++) {
      const ds = Array.from({ length: 10 }, (_, j) => draft(i * 10 + j));
      await dead.ingestQueue.write(BGP_BATCH, ds, keys(ds));
    }
    now += 31_000;
    const ws = ["w1", "w2", "w3"].map((id) => replica(id));
    const stored = await Promise.all(ws.map((w) => w.ingestQueue.drainOrphans()));
    expect(stored.reduce((x, y) => x + y, 0)).toBe(12);
    expect(ws.reduce((n, w) => n + w.ingestQueue.stats.takenOver, 0)).toBe(12);
    expect(await t.db.bgpEvent.count()).toBe(120);
    const rows = await t.db.ingestBatch.findMany();
    expect(rows.every((r) => r.doneAt !== null && r.attempts === 2)).toBe(true);
  });

  it("a collector's drafts go through batch rows of at most 500, in order, and are all stored", async () => {
    t = testDb("queue-collector");
    now = Date.parse("2026-12-06T12:00:00Z");
    const a = replica("a");
    const q = new IngestQueue(a, "test", 5000);
    const all = Array.from({ length: 1200 }, (_, i) => draft(i));
    const pushed = all.map((d) => q.push([d]));
    await q.drain();
    await Promise.all(pushed);
    const rows = await t.db.ingestBatch.findMany({ orderBy: { id: "asc" } });
    expect(rows.map((r) => r.count)).toEqual([500, 500, 200]);
    expect(await t.db.bgpEvent.count()).toBe(1200);
    const first = await t.db.bgpEvent.findMany({
      orderBy: { id: "asc" },
      take: 3,
      select: { rawLine: true },
    });
    expect(first.map((e) => e.rawLine)).toEqual(["line 0", "line 1", "line 2"]);
  });
});
