import { createDb, type Db, dbUrl } from "@netops/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PasswordCheckBusyError, PasswordGate } from "../../src/services/crypto";
import { type LoginAttempt, LoginLimiter, type LoginLimiterOptions } from "../../src/services/rate-limit";
import { type TestDb, testDb, testServices } from "../fixtures";

// The counters live in the database (NETOPS_TEST_DB=postgres runs these on PostgreSQL).
let tdb: TestDb;
beforeAll(() => {
  tdb = testDb("login-limiter");
});
afterAll(() => tdb?.close());

let n = 0;
/** A limiter on the shared database; each test uses names of its own so counts never mix. */
function limiter(max: number, windowMs: number, now: () => number, opts: LoginLimiterOptions = {}) {
  const tag = `t${++n}-`;
  const l = new LoginLimiter(tdb.db, max, windowMs, now, opts);
  return {
    l,
    ip: (s: string) => `${tag}${s}`,
    reserve: (ip: string, u: string) => l.reserve(tag + ip, u + tag),
  };
}

async function attempt(
  reserve: (ip: string, u: string) => ReturnType<LoginLimiter["reserve"]>,
  ip: string,
  user: string,
): Promise<LoginAttempt> {
  const r = await reserve(ip, user);
  if ("wait" in r) throw new Error(`refused: wait ${r.wait} s`);
  return r.attempt;
}

describe("LoginLimiter", () => {
  it("counts an attempt when it is reserved, before its password is checked", async () => {
    const { reserve } = limiter(3, 60_000, () => 0);
    // Three checks in flight at once, none settled yet: the fourth is refused already.
    for (let i = 0; i < 3; i++) await attempt(reserve, "a", "u");
    expect(await reserve("a", "u")).toEqual({ wait: 60 });
  });

  it("lets exactly maxFailures of many parallel reservations through", async () => {
    const { reserve } = limiter(4, 60_000, () => 0);
    const rs = await Promise.all(Array.from({ length: 25 }, () => reserve("a", "u")));
    expect(rs.filter((r) => "attempt" in r)).toHaveLength(4);
    expect(rs.filter((r) => "wait" in r)).toHaveLength(21);
  });

  it("gives back a cancelled attempt (the password was never checked)", async () => {
    const { reserve } = limiter(1, 60_000, () => 0);
    await (await attempt(reserve, "a", "u")).cancel();
    await (await attempt(reserve, "a", "u")).failed();
    expect("wait" in (await reserve("a", "u"))).toBe(true);
  });

  it("a success clears the name-and-address count but not the address count", async () => {
    const { reserve } = limiter(2, 60_000, () => 0, { ipFactor: 2 });
    await (await attempt(reserve, "a", "u")).failed();
    await (await attempt(reserve, "a", "u")).succeeded();
    await (await attempt(reserve, "a", "u")).failed(); // the pair may fail twice again…
    await (await attempt(reserve, "a", "v")).failed(); // …but the address has now failed 3 times…
    await (await attempt(reserve, "a", "w")).failed(); // …and 4 = 2 × 2
    expect(await reserve("a", "x")).toEqual({ wait: 60 });
  });

  it("a refused attempt counts nothing: a locked pair does not use up its address's allowance", async () => {
    const { reserve } = limiter(1, 60_000, () => 0, { ipFactor: 3 });
    await (await attempt(reserve, "a", "u")).failed();
    for (let i = 0; i < 10; i++) expect("wait" in (await reserve("a", "u"))).toBe(true);
    await (await attempt(reserve, "a", "v")).failed();
    await (await attempt(reserve, "a", "w")).failed();
    expect("wait" in (await reserve("a", "x"))).toBe(true);
  });

  it("slows a name guessed from many addresses with a doubling, capped delay instead of locking it", async () => {
    let t = 0;
    const { reserve } = limiter(2, 3_600_000, () => t, { backoffBaseMs: 1000, backoffCapMs: 4000 });
    await (await attempt(reserve, "10.0.0.1", "admin")).failed();
    await (await attempt(reserve, "10.0.0.2", "admin")).failed();
    const waits: number[] = [];
    for (let i = 3; i <= 7; i++) {
      const r = await reserve(`10.0.0.${i}`, "admin");
      if (!("wait" in r)) throw new Error("expected a wait");
      waits.push(r.wait);
      t += r.wait * 1000;
      await (await attempt(reserve, `10.0.0.${i}`, "admin")).failed();
    }
    expect(waits).toEqual([1, 2, 4, 4, 4]);
    // Other names are not slowed by it.
    expect("attempt" in (await reserve("10.0.0.9", "someone-else"))).toBe(true);
  });

  it("forgets everything after the window, and housekeeping deletes the spent counters", async () => {
    let t = 0;
    const { l, reserve } = limiter(1, 1000, () => t);
    await (await attempt(reserve, "a", "u")).failed();
    expect("wait" in (await reserve("a", "u"))).toBe(true);
    t = 1000;
    expect("attempt" in (await reserve("a", "u"))).toBe(true);
    t = 5000;
    expect(await l.prune()).toBeGreaterThanOrEqual(3);
    expect(await tdb.db.throttle.count({ where: { resetAt: { lte: 5000n } } })).toBe(0);
  });

  it("holds across replicas: two services on one database share one count", async () => {
    // Two "replicas": each its own Prisma client and services on the same database.
    const dbB: Db = createDb(dbUrl(tdb.db));
    try {
      const a = testServices(tdb.db, { loginMaxFailures: 3, loginWindowSeconds: 60 });
      const b = testServices(dbB, { loginMaxFailures: 3, loginWindowSeconds: 60 });
      const ip = `replicas-${n}`;
      // In parallel, spread over both: exactly three reservations pass in all.
      const rs = await Promise.all(
        Array.from({ length: 12 }, (_, i) => (i % 2 ? a : b).limiter.reserve(ip, "shared-user")),
      );
      const passed = rs.filter((r) => "attempt" in r);
      expect(passed).toHaveLength(3);
      for (const r of passed) if ("attempt" in r) await r.attempt.failed();
      // Either replica now refuses the pair, and a success through B is seen by A.
      expect("wait" in (await a.limiter.reserve(ip, "shared-user"))).toBe(true);
      expect("wait" in (await b.limiter.reserve(ip, "shared-user"))).toBe(true);
      const other = await b.limiter.reserve(ip, "second-user");
      if (!("attempt" in other)) throw new Error("the address is not locked yet");
      await other.attempt.failed();
      const rows = await dbB.throttle.findMany({ where: { key: { contains: ip } } });
      expect(rows.find((r) => r.key === `login:ip:${ip}`)?.count).toBe(4);
    } finally {
      await dbB.$disconnect();
    }
  });
});

describe("PasswordGate", () => {
  it("runs at most `limit` checks at once, queues `maxQueued`, and refuses the rest with a retry time", async () => {
    const gate = new PasswordGate(2, 3);
    let running = 0;
    let peak = 0;
    const releases: (() => void)[] = [];
    const job = () =>
      gate.run(async () => {
        running++;
        peak = Math.max(peak, running);
        await new Promise<void>((r) => releases.push(r));
        running--;
        return true;
      });
    const runs = Array.from({ length: 8 }, () =>
      job().then(
        () => "ran",
        (e: unknown) => e,
      ),
    );
    await new Promise((r) => setImmediate(r));
    expect(releases).toHaveLength(2);
    while (releases.length > 0) {
      releases.shift()?.();
      await new Promise((r) => setImmediate(r));
    }
    const outcome = await Promise.all(runs);
    expect(outcome.filter((o) => o === "ran")).toHaveLength(5);
    const refused = outcome.filter((o) => o instanceof PasswordCheckBusyError) as PasswordCheckBusyError[];
    expect(refused).toHaveLength(3);
    expect(refused[0]?.message).toMatch(/^too many login attempts in progress; try again in \d+ s$/);
    expect(refused[0]?.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(peak).toBe(2);
  });
});
