import { describe, expect, it } from "vitest";
import { PasswordCheckBusyError, PasswordGate } from "../../src/services/crypto";
import { type LoginAttempt, LoginLimiter } from "../../src/services/rate-limit";

function attempt(l: LoginLimiter, ip: string, user: string): LoginAttempt {
  const r = l.reserve(ip, user);
  if ("wait" in r) throw new Error(`refused: wait ${r.wait} s`);
  return r.attempt;
}

describe("LoginLimiter", () => {
  it("counts an attempt when it is reserved, before its password is checked", () => {
    const l = new LoginLimiter(3, 60_000, () => 0);
    // Three checks in flight at once, none settled yet: the fourth is refused already.
    for (let i = 0; i < 3; i++) attempt(l, "a", "u");
    expect(l.reserve("a", "u")).toEqual({ wait: 60 });
  });

  it("gives back a cancelled attempt (the password was never checked)", () => {
    const l = new LoginLimiter(1, 60_000, () => 0);
    attempt(l, "a", "u").cancel();
    attempt(l, "a", "u").failed();
    expect("wait" in l.reserve("a", "u")).toBe(true);
  });

  it("a success clears the name-and-address count but not the address count", () => {
    const l = new LoginLimiter(2, 60_000, () => 0, { ipFactor: 2 });
    attempt(l, "a", "u").failed();
    attempt(l, "a", "u").succeeded();
    attempt(l, "a", "u").failed(); // the pair may fail twice again…
    attempt(l, "a", "v").failed(); // …but the address has now failed 3 times…
    attempt(l, "a", "w").failed(); // …and 4 = 2 × 2
    expect(l.reserve("a", "x")).toEqual({ wait: 60 });
  });

  it("slows a name guessed from many addresses with a doubling, capped delay instead of locking it", () => {
    let t = 0;
    const l = new LoginLimiter(2, 3_600_000, () => t, { backoffBaseMs: 1000, backoffCapMs: 4000 });
    attempt(l, "10.0.0.1", "admin").failed();
    attempt(l, "10.0.0.2", "admin").failed();
    const waits: number[] = [];
    for (let i = 3; i <= 7; i++) {
      const r = l.reserve(`10.0.0.${i}`, "admin");
      if (!("wait" in r)) throw new Error("expected a wait");
      waits.push(r.wait);
      t += r.wait * 1000;
      attempt(l, `10.0.0.${i}`, "admin").failed();
    }
    expect(waits).toEqual([1, 2, 4, 4, 4]);
    // Other names are not slowed by it.
    expect("attempt" in l.reserve("10.0.0.9", "someone-else")).toBe(true);
  });

  it("forgets everything after the window", () => {
    let t = 0;
    const l = new LoginLimiter(1, 1000, () => t);
    attempt(l, "a", "u").failed();
    expect("wait" in l.reserve("a", "u")).toBe(true);
    t = 1000;
    expect("attempt" in l.reserve("a", "u")).toBe(true);
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
