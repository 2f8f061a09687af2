import { createDb, dbUrl } from "@netops/db";
import { testEngine } from "@netops/db/testing";
import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { LostOwnership, WorkOwnership } from "../../src/services/ownership";
import { closeOwnPgPool } from "../../src/services/pg-own";
import { StorageMonitor } from "../../src/services/storage";
import { type TestDb, testDb, testServices } from "../fixtures";

describe("work ownership through lease rows", () => {
  let t: TestDb;
  afterEach(async () => t?.close());

  it("one replica owns a job; after its heartbeats stop the lease moves on expiry, with a new epoch", async () => {
    t = testDb("ownership");
    let now = Date.parse("2026-12-06T12:00:00Z");
    const clock = () => new Date(now);
    const a = new WorkOwnership(t.db, { replicaId: "a", ttlMs: 30_000, now: clock });
    const b = new WorkOwnership(t.db, { replicaId: "b", ttlMs: 30_000, now: clock });
    for (const r of [a, b]) r.want("dns-check", "dhcp-collect");
    await a.heartbeat();
    await b.heartbeat();
    expect(a.ownedNames()).toEqual(["dhcp-collect", "dns-check"]);
    expect(b.ownedNames()).toEqual([]);
    expect(a.epochOf("dns-check")).toBe(1);

    // a renews within the TTL: b still gets nothing.
    now += 20_000;
    await a.heartbeat();
    await b.heartbeat();
    expect(b.ownedNames()).toEqual([]);

    // a is killed (no more heartbeats). Before its lease runs out b waits; after, b takes it.
    now += 29_000;
    await b.heartbeat();
    expect(b.owns("dns-check")).toBe(false);
    now += 2_000;
    expect(a.owns("dns-check")).toBe(false); // a's own clock says its lease ran out: it stops too
    await b.heartbeat();
    expect(b.ownedNames()).toEqual(["dhcp-collect", "dns-check"]);
    expect(b.epochOf("dns-check")).toBe(2);

    // a comes back (it was only paused): its renewal fails on the epoch, it owns nothing.
    await a.heartbeat();
    expect(a.ownedNames()).toEqual([]);
    expect(b.owns("dns-check")).toBe(true);

    const replicas = await b.replicas();
    expect(replicas.map((r) => [r.id, r.owned]).sort()).toEqual([
      ["a", []],
      ["b", ["dhcp-collect", "dns-check"]],
    ]);
  });

  it("a clean stop hands the leases back at once", async () => {
    t = testDb("ownership-stop");
    const a = new WorkOwnership(t.db, { replicaId: "a", ttlMs: 60_000 });
    const b = new WorkOwnership(t.db, { replicaId: "b", ttlMs: 60_000 });
    a.want("job");
    b.want("job");
    await a.heartbeat();
    await b.heartbeat();
    expect(b.owns("job")).toBe(false);
    await a.stop();
    await b.heartbeat();
    expect(b.owns("job")).toBe(true);
    expect(b.epochOf("job")).toBe(2);
    expect((await b.replicas()).map((r) => r.id)).toEqual(["b"]);
  });

  it("replicas racing for the same free leases: each lease has exactly one owner", async () => {
    t = testDb("ownership-race");
    const names = Array.from({ length: 20 }, (_, i) => `job-${i}`);
    const rs = ["r1", "r2", "r3"].map((id) => new WorkOwnership(t.db, { replicaId: id, ttlMs: 60_000 }));
    for (const r of rs) r.want(...names);
    await Promise.all(rs.map((r) => r.heartbeat()));
    for (const r of rs) expect(r.error).toBeNull();
    const owners = names.map((n) => rs.filter((r) => r.owns(n)).map((r) => r.replicaId));
    expect(owners.every((o) => o.length === 1)).toBe(true);
    const rows = await t.db.workLease.findMany({ orderBy: { name: "asc" } });
    expect(rows.map((r) => [r.name, [r.owner]])).toEqual(
      names.map((n, i) => [n, owners[i]]).sort((x, y) => String(x[0]).localeCompare(String(y[0]))),
    );
  });

  it("fencing: a replica paused past its lease resumes with a stale epoch and writes nothing as owner", async () => {
    t = testDb("ownership-fence");
    let now = Date.parse("2026-12-06T12:00:00Z");
    const clock = () => new Date(now);
    const a = new WorkOwnership(t.db, { replicaId: "a", ttlMs: 30_000, now: clock });
    const b = new WorkOwnership(t.db, { replicaId: "b", ttlMs: 30_000, now: clock });
    a.want("job");
    b.want("job");
    await a.heartbeat();
    await b.heartbeat();
    expect(b.fence("job")).toBeNull();
    const fence = a.fence("job");
    if (!fence) throw new Error("a should own job");
    expect(fence.epoch).toBe(1);
    expect(await fence.stillOwner()).toBe(true);
    const run = (tx: Parameters<Parameters<typeof fence.write>[0]>[0], job: string) =>
      tx.jobRun.create({ data: { job, startedAt: clock(), finishedAt: clock(), ok: true } });
    await fence.write((tx) => run(tx, "epoch-1"));

    // a pauses (a long GC, a stopped VM) past its lease; b takes the job with epoch 2.
    now += 31_000;
    await b.heartbeat();
    const newer = b.fence("job");
    expect(newer?.epoch).toBe(2);

    // a resumes mid-run, still holding its old fence: the database says no, and nothing is written.
    expect(await fence.stillOwner()).toBe(false);
    await expect(fence.write((tx) => run(tx, "stale"))).rejects.toBeInstanceOf(LostOwnership);
    expect((await t.db.jobRun.findMany()).map((r) => r.job)).toEqual(["epoch-1"]);
    // The job service records nothing for the stale run and raises no job alert.
    const services = testServices(t.db);
    const r = await services.jobs.run(
      "job",
      async () => {
        throw new Error("half done");
      },
      { stillOwner: fence.stillOwner },
    );
    expect(r).toMatchObject({ ok: false, lostOwnership: true });
    expect(await t.db.jobRun.count()).toBe(1);
    expect(await t.db.alert.count()).toBe(0);
    // Even if a renews (its heartbeat), it finds the new epoch is b's and drops the job.
    await a.heartbeat();
    expect(a.fence("job")).toBeNull();
    await newer?.write((tx) => run(tx, "epoch-2"));
    expect((await t.db.jobRun.findMany({ orderBy: { id: "asc" } })).map((r) => r.job)).toEqual([
      "epoch-1",
      "epoch-2",
    ]);
  });

  // Through Prisma interactive transactions this stalled: each transaction held one of the 3
  // connections while its code waited for another; all 50 failed on Prisma's 5 s timeout.
  it("50 fenced writes whose code reads through the client, and 50 storage probes, on a 3-connection pool: none stalls", async () => {
    t = testDb("ownership-pool");
    const db = createDb(dbUrl(t.db), { pool: 3 });
    try {
      const owners = Array.from({ length: 50 }, (_, i) => new WorkOwnership(db, { replicaId: `r${i}` }));
      for (const o of owners) o.want(`job-${o.replicaId}`);
      for (const o of owners) await o.heartbeat();
      const fences = owners.map((o) => o.fence(`job-${o.replicaId}`));
      expect(fences.every((f) => f !== null)).toBe(true);
      const results = await Promise.allSettled([
        ...fences.map((f) =>
          f?.write(async (w) => {
            await db.workLease.count(); // a service method inside the run, on the shared client
            await w.jobRun.create({
              data: { job: f.work, startedAt: new Date(), finishedAt: new Date(), ok: true },
            });
          }),
        ),
        ...Array.from({ length: 50 }, () => new StorageMonitor(db, pino({ level: "silent" })).check()),
      ]);
      expect(results.filter((r) => r.status === "rejected")).toEqual([]);
      expect(
        results.slice(50).every((r) => r.status === "fulfilled" && (r.value as { ok: boolean }).ok),
      ).toBe(true);
      expect(await db.jobRun.count()).toBe(50);
    } finally {
      await closeOwnPgPool(db);
      await db.$disconnect();
    }
  });

  it.runIf(testEngine() === "postgres")(
    "fencing on PostgreSQL: a takeover waits for the old owner's fenced write to commit",
    async () => {
      t = testDb("ownership-fence-lock");
      let now = Date.now();
      const clock = () => new Date(now);
      const a = new WorkOwnership(t.db, { replicaId: "a", ttlMs: 30_000, now: clock });
      const b = new WorkOwnership(t.db, { replicaId: "b", ttlMs: 30_000, now: clock });
      a.want("job");
      b.want("job");
      await a.heartbeat();
      const fence = a.fence("job");
      if (!fence) throw new Error("a should own job");
      let takeover: Promise<void> | null = null;
      await fence.write(async (tx) => {
        now += 31_000; // the lease runs out while a's write is in flight
        takeover = b.heartbeat();
        await new Promise((r) => setTimeout(r, 300));
        expect(b.owns("job")).toBe(false); // b's claim waits on the lease row a's write holds
        await tx.jobRun.create({ data: { job: "a", startedAt: clock(), finishedAt: clock(), ok: true } });
      });
      await takeover;
      expect(b.fence("job")?.epoch).toBe(2);
      expect(await t.db.jobRun.count()).toBe(1);
    },
  );
});
