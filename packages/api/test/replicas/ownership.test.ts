import { afterEach, describe, expect, it } from "vitest";
import { WorkOwnership } from "../../src/services/ownership";
import { type TestDb, testDb } from "../fixtures";

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
});
