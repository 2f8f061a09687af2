// The per-replica session cache (services/session-cache.ts): a signed-in request is answered without
// a database read, and a revoked session stops working at once on the replica that revoked it and
// within auth.sessionCacheSeconds on every other. Two AuthService objects on one database stand for
// two replicas; runs on SQLite and, with NETOPS_TEST_DB=postgres, on PostgreSQL.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AuthService } from "../../src/services/auth";
import { SessionCache } from "../../src/services/session-cache";
import { type TestDb, testDb } from "../fixtures";

const CACHE_MS = 5000;
const PASSWORD = "Correct-Horse-Battery-7";

describe("session cache", () => {
  let t: TestDb;
  let clock: number;
  const now = () => new Date(clock);
  /** Replica A and replica B: each its own cache, one database. */
  let a: AuthService;
  let b: AuthService;
  let userId: string;

  beforeEach(async () => {
    t = testDb("session-cache");
    clock = Date.parse("2026-12-07T03:00:00Z");
    a = new AuthService(t.db, 3_600_000, now, CACHE_MS);
    b = new AuthService(t.db, 3_600_000, now, CACHE_MS);
    userId = (await a.createUser("alice", PASSWORD, "operator")).id;
  });
  afterEach(() => t.close());

  it("answers a checked session from the cache: no database read until the entry runs out", async () => {
    const { secret } = await a.createSession(userId, {});
    expect((await a.sessionPrincipal(secret))?.username).toBe("alice");
    expect(a.sessions.stats).toEqual({ hits: 0, misses: 1, reads: 1 });
    for (let i = 0; i < 5; i++) expect((await a.sessionPrincipal(secret))?.role).toBe("operator");
    expect(a.sessions.stats).toEqual({ hits: 5, misses: 1, reads: 1 });
    clock += CACHE_MS;
    expect((await a.sessionPrincipal(secret))?.username).toBe("alice");
    expect(a.sessions.stats.reads).toBe(2);
  });

  it("requests that miss together share one database read", async () => {
    const { secret } = await a.createSession(userId, {});
    const all = await Promise.all(Array.from({ length: 10 }, () => a.sessionPrincipal(secret)));
    expect(all.map((p) => p?.username)).toEqual(Array(10).fill("alice"));
    expect(a.sessions.stats).toEqual({ hits: 0, misses: 10, reads: 1 });
  });

  it("a logout ends the session at once on its replica and within the cache time on the others", async () => {
    const { secret } = await a.createSession(userId, {});
    expect(await a.sessionPrincipal(secret)).not.toBeNull();
    expect(await b.sessionPrincipal(secret)).not.toBeNull();
    const p = await a.sessionPrincipal(secret);
    await a.endSession(p?.sessionId ?? "");
    expect(await a.sessionPrincipal(secret)).toBeNull();
    // B checked it 0 s ago: it still trusts it, but never longer than the cache time.
    clock += CACHE_MS - 1;
    expect(await b.sessionPrincipal(secret)).not.toBeNull();
    clock += 1;
    expect(await b.sessionPrincipal(secret)).toBeNull();
  });

  it("a password change, a role change and disabling the user end the cached sessions at once", async () => {
    const s1 = await a.createSession(userId, {});
    expect(await a.sessionPrincipal(s1.secret)).not.toBeNull();
    await a.setPassword(userId, "Another-Long-Passphrase-9");
    expect(await a.sessionPrincipal(s1.secret)).toBeNull();

    const s2 = await a.createSession(userId, {});
    expect((await a.sessionPrincipal(s2.secret))?.role).toBe("operator");
    await a.setRole(userId, "viewer");
    expect(await a.sessionPrincipal(s2.secret)).toBeNull();

    const s3 = await a.createSession(userId, {});
    expect((await a.sessionPrincipal(s3.secret))?.role).toBe("viewer");
    await a.setDisabled(userId, true);
    expect(await a.sessionPrincipal(s3.secret)).toBeNull();
    await a.setDisabled(userId, false);
    const s4 = await a.createSession(userId, {});
    expect(await a.sessionPrincipal(s4.secret)).not.toBeNull();
  });

  it("the session kept by one's own password change is read again, with the new row", async () => {
    const s = await a.createSession(userId, {});
    const p = await a.sessionPrincipal(s.secret);
    await a.setPassword(userId, "Another-Long-Passphrase-9", { keepSessionId: p?.sessionId });
    const reads = a.sessions.stats.reads;
    expect((await a.sessionPrincipal(s.secret))?.username).toBe("alice");
    expect(a.sessions.stats.reads).toBe(reads + 1);
  });

  it("a cached session never outlives its own expiry", async () => {
    const short = new AuthService(t.db, 2000, now, CACHE_MS);
    const { secret } = await short.createSession(userId, {});
    expect(await short.sessionPrincipal(secret)).not.toBeNull();
    clock += 1999;
    expect(await short.sessionPrincipal(secret)).not.toBeNull();
    clock += 1;
    expect(await short.sessionPrincipal(secret)).toBeNull();
  });

  it("an unknown session is not cached: a session made on another replica works at once", async () => {
    const secret = "a".repeat(43);
    expect(await a.sessionPrincipal(secret)).toBeNull();
    expect(a.sessions.size).toBe(0);
    const made = await b.createSession(userId, {});
    expect(await a.sessionPrincipal(made.secret)).not.toBeNull();
  });

  it("with sessionCacheSeconds 0 every request reads its session: another replica's logout counts at once", async () => {
    const off = new AuthService(t.db, 3_600_000, now, 0);
    const { secret } = await a.createSession(userId, {});
    const p = await off.sessionPrincipal(secret);
    expect(p).not.toBeNull();
    expect(off.sessions.size).toBe(0);
    await a.endSession(p?.sessionId ?? "");
    expect(await off.sessionPrincipal(secret)).toBeNull();
  });
});

describe("SessionCache", () => {
  const principal = (id: string) => ({ id, username: id, role: "viewer" as const, via: "session" as const });

  it("does not keep a principal read before something was forgotten (a read that overlapped a logout)", () => {
    const c = new SessionCache(5000);
    const readIn = c.generation;
    c.forget("s1");
    c.set("s1", principal("u1"), 0, 10_000, readIn);
    expect(c.get("s1", 1)).toBeNull();
    c.set("s1", principal("u1"), 0, 10_000, c.generation);
    expect(c.get("s1", 1)?.id).toBe("u1");
  });

  it("forgets every session of one user only", () => {
    const c = new SessionCache(5000);
    c.set("s1", principal("u1"), 0, 10_000, c.generation);
    c.set("s2", principal("u1"), 0, 10_000, c.generation);
    c.set("s3", principal("u2"), 0, 10_000, c.generation);
    c.forgetUser("u1");
    expect([c.get("s1", 1), c.get("s2", 1), c.get("s3", 1)?.id]).toEqual([null, null, "u2"]);
  });

  it("holds at most maxEntries, dropping the oldest", () => {
    const c = new SessionCache(5000, 3);
    for (const s of ["s1", "s2", "s3", "s4"]) c.set(s, principal(s), 0, 10_000, c.generation);
    expect(c.size).toBe(3);
    expect(c.get("s1", 1)).toBeNull();
    expect(c.get("s4", 1)?.id).toBe("s4");
  });
});
