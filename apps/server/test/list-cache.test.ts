/**
 * The replica's list cache (list-cache.ts): how long an answer lives, what drops it, and that an
 * answer computed before a change is never kept after it.
 */
import { describe, expect, it } from "vitest";
import { ListCache } from "../src/list-cache";

const answer = (s: string) => ({ body: Buffer.from(s), contentType: "application/json" });

/** Computes and keeps `text` as `key`'s answer, as one request would. */
function keep(cache: ListCache, key: string, procedure: string, text: string) {
  const fill = cache.begin(key, [procedure]);
  fill.store(answer(text));
  fill.done();
}

function clock() {
  let t = 1_000;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe("ListCache", () => {
  it("serves an answer until maxAgeMs, then computes it again", () => {
    const c = clock();
    const cache = new ListCache({ maxAgeMs: 1000, now: c.now });
    keep(cache, "/a", "alerts.list", "one");
    c.advance(749);
    expect(cache.get("/a")?.body.toString()).toBe("one");
    // Nobody refreshes it (see below): it is dropped at maxAgeMs.
    c.advance(251);
    expect(cache.get("/a")).toBeUndefined();
    expect(cache.size).toEqual({ entries: 0, bytes: 0 });
    expect(cache.counts).toMatchObject({ hit: 1, miss: 1, stored: 1 });
  });

  it("past three quarters of its age, sends one caller to compute it again and serves the others the kept answer", () => {
    const c = clock();
    const cache = new ListCache({ maxAgeMs: 1000, now: c.now });
    keep(cache, "/a", "bgp.events", "one");
    c.advance(750);
    expect(cache.get("/a")).toBeUndefined(); // this caller refreshes…
    const refresh = cache.begin("/a", ["bgp.events"]);
    expect(cache.get("/a")?.body.toString()).toBe("one"); // …the others are answered meanwhile
    expect(cache.pending("/a")).toBeInstanceOf(Promise);
    c.advance(100);
    refresh.store(answer("two"));
    refresh.done();
    // The new answer's age counts from when it was stored.
    c.advance(749);
    expect(cache.get("/a")?.body.toString()).toBe("two");
    c.advance(1);
    expect(cache.get("/a")).toBeUndefined();
    expect(cache.counts).toMatchObject({ miss: 1, refresh: 2, hit: 2, stored: 2 });
  });

  it("keeps an answer whose computation took longer than maxAgeMs (overload), for the requests waiting on it", () => {
    const c = clock();
    const cache = new ListCache({ maxAgeMs: 1000, now: c.now });
    const slow = cache.begin("/a", ["bgp.events"]);
    c.advance(1500);
    slow.store(answer("late"));
    slow.done();
    // Waiters read it at once: none of them computes it again.
    expect(cache.get("/a")?.body.toString()).toBe("late");
  });

  it("drops a kept answer at maxAgeMs even while its refresh is still computing, and keeps it when a refresh fails", () => {
    const c = clock();
    const cache = new ListCache({ maxAgeMs: 1000, now: c.now });
    keep(cache, "/a", "bgp.events", "one");
    c.advance(800);
    expect(cache.get("/a")).toBeUndefined();
    // The refresh fails (an error answer is never stored): the kept one still serves, and the next
    // caller tries again.
    cache.begin("/a", ["bgp.events"]).done();
    expect(cache.get("/a")).toBeUndefined();
    const slow = cache.begin("/a", ["bgp.events"]);
    expect(cache.get("/a")?.body.toString()).toBe("one");
    c.advance(200); // a slow refresh: the kept answer is a second old now
    expect(cache.get("/a")).toBeUndefined();
    expect(cache.size.entries).toBe(0);
    slow.store(answer("two"));
    slow.done();
    expect(cache.get("/a")?.body.toString()).toBe("two");
  });

  it("never serves a dropped answer while its refresh computes", () => {
    const c = clock();
    const cache = new ListCache({ maxAgeMs: 1000, now: c.now });
    keep(cache, "/a", "alerts.list", "one");
    c.advance(800);
    expect(cache.get("/a")).toBeUndefined();
    const refresh = cache.begin("/a", ["alerts.list"]);
    cache.drop(["alerts.list"]);
    expect(cache.get("/a")).toBeUndefined();
    refresh.store(answer("computed before the change"));
    refresh.done();
    expect(cache.get("/a")).toBeUndefined();
  });

  it("does not keep an answer when its procedure was dropped while it was computed", () => {
    const cache = new ListCache({ maxAgeMs: 1000 });
    const fill = cache.begin("/a", ["alerts.list"]);
    const other = cache.begin("/b", ["bgp.events"]);
    cache.drop(["alerts.list"]); // an alert changed while both were being read
    fill.store(answer("old"));
    other.store(answer("bgp"));
    fill.done();
    other.done();
    expect(cache.get("/a")).toBeUndefined();
    expect(cache.get("/b")?.body.toString()).toBe("bgp");
    expect(cache.counts.stale).toBe(1);
  });

  it("drop removes the answers of the named procedures only; dropAll removes all and refuses fills begun before", () => {
    const cache = new ListCache({ maxAgeMs: 1000 });
    for (const [k, p] of [
      ["/a", "alerts.list"],
      ["/b", "bgp.events"],
      ["/ab", "alerts.list"],
    ] as const) {
      keep(cache, k, p, k);
    }
    cache.drop(["alerts.list"]);
    expect(cache.get("/a")).toBeUndefined();
    expect(cache.get("/ab")).toBeUndefined();
    expect(cache.get("/b")).toBeDefined();
    const late = cache.begin("/c", ["dhcp.leases"]);
    cache.dropAll();
    expect(cache.get("/b")).toBeUndefined();
    late.store(answer("c"));
    late.done();
    expect(cache.get("/c")).toBeUndefined();
    expect(cache.size.entries).toBe(0);
  });

  it("bounds what it keeps: no answer above maxEntryBytes, the oldest go past maxTotalBytes", () => {
    const cache = new ListCache({ maxAgeMs: 1000, maxEntryBytes: 10, maxTotalBytes: 25 });
    const put = (k: string, s: string) => keep(cache, k, "p", s);
    put("/big", "x".repeat(11));
    expect(cache.get("/big")).toBeUndefined();
    put("/1", "a".repeat(10));
    put("/2", "b".repeat(10));
    put("/3", "c".repeat(10));
    expect(cache.get("/1")).toBeUndefined();
    expect(cache.get("/2")).toBeDefined();
    expect(cache.get("/3")).toBeDefined();
    expect(cache.size).toEqual({ entries: 2, bytes: 20 });
    // Storing a key again replaces it, counted once.
    put("/3", "d".repeat(5));
    expect(cache.size).toEqual({ entries: 2, bytes: 15 });
  });

  it("lets concurrent requests for one key wait for the fill in flight", async () => {
    const cache = new ListCache({ maxAgeMs: 1000 });
    expect(cache.pending("/a")).toBeUndefined();
    const fill = cache.begin("/a", ["p"]);
    const waiting = cache.pending("/a");
    expect(waiting).toBeInstanceOf(Promise);
    let released = false;
    const w = waiting?.then(() => {
      released = true;
    });
    await Promise.resolve();
    expect(released).toBe(false);
    fill.store(answer("x"));
    fill.done();
    await w;
    expect(released).toBe(true);
    expect(cache.pending("/a")).toBeUndefined();
    expect(cache.get("/a")?.body.toString()).toBe("x");
  });

  it("is off at maxAgeMs 0", () => {
    expect(new ListCache({ maxAgeMs: 0 }).enabled).toBe(false);
    expect(new ListCache({ maxAgeMs: 1 }).enabled).toBe(true);
  });
});
