/**
 * The login limiter against a real server: attempts are counted before the password is checked
 * (so parallel calls cannot overtake the count), a success does not reset the address's count, and
 * a guesser at one address cannot lock the user out at another. Behind a trusted proxy
 * (server.trustedProxies) the address is the one it forwards, so clients behind one balancer are
 * told apart and what a client writes into X-Forwarded-For itself is not believed.
 */
import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { Client, type Harness, startHarness, until } from "./harness";

const MAX = 10;
/** The "load balancer": requests from this loopback address carry the client in X-Forwarded-For. */
const PROXY = "127.0.0.9";
let h: Harness;
beforeAll(async () => {
  h = await startHarness({
    env: {
      NETOPS_LOGIN_MAX_FAILURES: String(MAX),
      NETOPS_LOGIN_WINDOW_SECONDS: "600",
      NETOPS_TRUSTED_PROXIES: PROXY,
    },
  });
  const admin = new Client(h);
  await admin.login("admin", "admin-password-1");
  for (const u of ["target", "mallory", "carol", "dave", "erin"])
    await admin.mutate("users.create", { username: u, password: `${u}-password-1`, role: "viewer" });
  for (let i = 0; i < 12; i++)
    await admin.mutate("users.create", { username: `user${i}`, password: "some-password-1", role: "viewer" });
});
afterAll(() => h?.close());

/** A login POST from a chosen loopback address (127.0.0.0/8), so tests can be two different clients. */
function loginFrom(
  localAddress: string,
  username: string,
  password: string,
  forwardedFor?: string,
): Promise<number> {
  const url = new URL(`${h.url}/api/trpc/auth.login`);
  const body = JSON.stringify({ username, password });
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: "POST",
        localAddress,
        headers: {
          "content-type": "application/json",
          origin: h.origin,
          "content-length": body.length,
          ...(forwardedFor !== undefined && { "x-forwarded-for": forwardedFor }),
        },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

describe("login limiter", () => {
  it("checks exactly maxFailures passwords for 40 parallel wrong-password requests", async () => {
    const checks = vi.spyOn(h.app.services.auth, "checkPassword");
    try {
      const statuses = await Promise.all(
        Array.from({ length: 40 }, (_, i) => loginFrom("127.0.0.3", "target", `wrong-${i}`)),
      );
      expect(checks).toHaveBeenCalledTimes(MAX);
      expect(statuses.filter((s) => s === 401)).toHaveLength(MAX);
      expect(statuses.filter((s) => s === 429)).toHaveLength(40 - MAX);
    } finally {
      checks.mockRestore();
    }
  });

  it("a success does not reset the address's count (one valid account cannot buy more guesses)", async () => {
    const ip = "127.0.0.4";
    const addressLimit = MAX * 5;
    // Spread over names, so only the per-address count fills up: 4 guesses at each of 12 names.
    let n = 0;
    for (let i = 0; n < addressLimit - 1; i++, n++)
      expect(await loginFrom(ip, `user${i % 12}`, `guess-${i}`)).toBe(401);
    expect(await loginFrom(ip, "mallory", "mallory-password-1")).toBe(200);
    expect(await loginFrom(ip, "carol", "guess-last")).toBe(401);
    // The address has now failed addressLimit times: it waits, whatever it tries.
    expect(await loginFrom(ip, "mallory", "mallory-password-1")).toBe(429);
    expect(await loginFrom(ip, "carol", "carol-password-1")).toBe(429);
  });

  it("a guesser at one address locks that address out, not the user: the admin still logs in elsewhere", async () => {
    const attacker = "127.0.0.5";
    for (let i = 0; i < MAX; i++) expect(await loginFrom(attacker, "admin", `guess-${i}`)).toBe(401);
    expect(await loginFrom(attacker, "admin", "admin-password-1")).toBe(429);
    // From another address the user is only slowed (a backoff of a second or so), not locked for the window.
    await until(
      async () => (await loginFrom("127.0.0.6", "admin", "admin-password-1")) === 200,
      "the admin's login from another address",
      { tries: 40, everyMs: 250 },
    );
    expect(await loginFrom(attacker, "admin", "admin-password-1")).toBe(429);
  });

  it("behind a trusted proxy, a guesser locks out only its own forwarded address, and cannot forge another", async () => {
    const guesser = "203.0.113.5";
    for (let i = 0; i < MAX; i++) expect(await loginFrom(PROXY, "dave", `guess-${i}`, guesser)).toBe(401);
    expect(await loginFrom(PROXY, "dave", "dave-password-1", guesser)).toBe(429);
    // What the guesser writes left of the proxy's entry is its own text: still the guesser.
    expect(await loginFrom(PROXY, "dave", "dave-password-1", `198.51.100.77, ${guesser}`)).toBe(429);
    // Another client through the same balancer is not locked out (only the per-user backoff applies).
    await until(
      async () => (await loginFrom(PROXY, "dave", "dave-password-1", "203.0.113.6")) === 200,
      "dave's login through the proxy from another client",
      { tries: 40, everyMs: 250 },
    );
    // A client that is not a trusted proxy cannot pick its throttle key with the header.
    for (let i = 0; i < MAX; i++)
      expect(await loginFrom("127.0.0.7", "erin", `guess-${i}`, `10.9.9.${i}`)).toBe(401);
    expect(await loginFrom("127.0.0.7", "erin", "erin-password-1", "10.9.9.200")).toBe(429);
  });
});
