/**
 * tRPC batching: a batch runs its calls in parallel, so a batch of logins would check every
 * password before the rate limiter counts the first failure (measured: one request of 1,000
 * auth.login calls made 1,000 password checks), and a batch of heavy queries multiplies one
 * request's cost. Password procedures are refused inside a batch of more than one call, and every
 * batch is capped at server.maxBatchSize.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { Client, type Harness, startHarness } from "./harness";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ env: { NETOPS_MAX_BATCH_SIZE: "15" } });
});
afterAll(() => h?.close());

/** A batch as httpBatchLink sends it: `/api/trpc/a,b?batch=1`, inputs keyed "0", "1", … */
async function batch(
  method: "GET" | "POST",
  path: string,
  inputs: unknown[],
  headers: Record<string, string> = {},
) {
  const byIndex = Object.fromEntries(inputs.map((v, i) => [String(i), v]));
  const url = `${h.url}/api/trpc/${path}?batch=1`;
  const res =
    method === "GET"
      ? await fetch(`${url}&input=${encodeURIComponent(JSON.stringify(byIndex))}`, { headers })
      : await fetch(url, {
          method: "POST",
          headers: { "content-type": "application/json", origin: h.origin, ...headers },
          body: JSON.stringify(byIndex),
        });
  const text = await res.text();
  return { status: res.status, text, json: JSON.parse(text) as unknown, headers: res.headers };
}

const times = (n: number, s: string) => Array.from({ length: n }, () => s).join(",");

describe("password procedures in a batch", () => {
  it("refuses a batch of 1,000 logins with a 400 before checking a single password", async () => {
    const check = vi.spyOn(h.app.services.auth, "checkPassword");
    try {
      const n = 1000;
      const inputs = Array.from({ length: n }, (_, i) => ({ username: "admin", password: `guess-${i}` }));
      const r = await batch("POST", times(n, "auth.login"), inputs);
      expect(r.status).toBe(400);
      expect(r.json).toMatchObject({
        error: {
          message: "auth.login must be sent alone, not in a batch of 1000 calls",
          data: { code: "BAD_REQUEST", httpStatus: 400 },
        },
      });
      // Two logins, one with the right password, and a comma spelled %2C: refused all the same.
      const two = [inputs[0], { username: "admin", password: "admin-password-1" }];
      expect((await batch("POST", "auth.login,auth.login", two)).status).toBe(400);
      expect((await batch("POST", "auth.login%2Cauth.login", two)).status).toBe(400);
      expect((await batch("POST", "auth.logout,auth.login", [undefined, two[1]])).status).toBe(400);
      expect(check).not.toHaveBeenCalled();
      // Alone (a batch of one, as the web app's batch link would send it) it still works.
      const one = await batch("POST", "auth.login", [two[1]]);
      expect(one.status).toBe(200);
      expect(check).toHaveBeenCalledTimes(1);
    } finally {
      check.mockRestore();
    }
  });

  it("refuses a password change inside a batch", async () => {
    const c = new Client(h);
    await c.login("admin", "admin-password-1");
    const change = { currentPassword: "admin-password-1", newPassword: "another-password-2" };
    const r = await batch("POST", "auth.changePassword,auth.changePassword", [change, change], {
      cookie: c.cookie,
    });
    expect(r.status).toBe(400);
    expect(r.text).toContain("auth.changePassword must be sent alone, not in a batch of 2 calls");
    expect((await c.query("auth.me")).status).toBe(200);
  });
});

describe("batch size", () => {
  it("answers a batch of server.maxBatchSize calls and refuses one more with a 400 that names the limit", async () => {
    const c = new Client(h);
    await c.login("admin", "admin-password-1");
    const ok = await batch("GET", times(15, "auth.me"), [], { cookie: c.cookie });
    expect(ok.status).toBe(200);
    expect(ok.json).toHaveLength(15);
    const over = await batch("GET", times(16, "auth.me"), [], { cookie: c.cookie });
    expect(over.status).toBe(400);
    expect(over.json).toMatchObject({
      error: { message: "a batch of 16 calls; at most 15 per request (server.maxBatchSize)" },
    });
    // Mutations are batched by POST: the same limit.
    expect((await batch("POST", times(16, "auth.logout"), [], { cookie: c.cookie })).status).toBe(400);
    expect((await c.query("auth.me")).status).toBe(200);
  });
});
