import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, type WebHarness, startHarness, startWebHarness } from "./harness";

let h: WebHarness;
beforeAll(async () => {
  h = await startWebHarness();
});
afterAll(() => h.close());

/** Raw request, so paths are sent exactly as written (fetch would normalise `..`). */
function raw(p: string): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  const u = new URL(h.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: u.hostname, port: u.port, path: p, method: "GET" }, (res) => {
      let body = "";
      res.on("data", (c) => {
        body += c;
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("serving the web app", () => {
  it("serves index.html for client routes and assets with long caching", async () => {
    const page = await raw("/alerts/12?state=firing");
    expect(page.status).toBe(200);
    expect(page.body).toContain("<title>NetOps</title>");
    expect(page.headers["cache-control"]).toBe("no-cache");
    const asset = await raw("/assets/app-1234.js");
    expect(asset.headers["cache-control"]).toMatch(/immutable/);
    expect((await raw("/assets/missing.js")).status).toBe(404);
  });

  it("never serves files outside the build folder", async () => {
    for (const p of [
      "/../../../../etc/passwd",
      "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
      "/assets/..%2f..%2f..%2fetc%2fpasswd",
    ]) {
      const r = await raw(p);
      expect(r.body, p).not.toMatch(/root:/);
    }
  });

  it("sends a strict CSP and other security headers on every response", async () => {
    const r = await raw("/");
    expect(r.headers["content-security-policy"]).toMatch(/script-src 'self'/);
    expect(r.headers["x-frame-options"]).toBe("DENY");
    expect(r.headers["x-content-type-options"]).toBe("nosniff");
    const api = await fetch(`${h.url}/api/trpc/auth.me`);
    expect(api.headers.get("content-security-policy")).toMatch(/default-src 'self'/);
  });

  it("answers 405 to writes outside the API", async () => {
    expect((await fetch(`${h.url}/index.html`, { method: "DELETE" })).status).toBe(405);
  });
});

describe("graceful shutdown", () => {
  it("finishes a request in flight, then refuses new connections", async () => {
    const local = await startHarness();
    const c = new Client(local);
    await c.login("admin", "admin-password-1");
    // Stop as soon as the server has the request (a login costs an argon2 hash, so it is still
    // running then): a connection that has not sent its request yet would count as idle.
    const arrived = new Promise<void>((r) => local.app.http.once("request", () => r()));
    const inflight = new Client(local).mutate("auth.login", {
      username: "admin",
      password: "admin-password-1",
    });
    await arrived;
    const stopping = local.close();
    const r = await inflight;
    expect(r.status).toBe(200);
    await stopping;
    await expect(fetch(`${local.url}/healthz`)).rejects.toThrow();
  });

  it("gives a request still arriving the grace period, not a fraction of a second", async () => {
    const local = await startHarness();
    const body = JSON.stringify({ username: "admin", password: "admin-password-1" });
    const u = new URL(local.url);
    const arrived = new Promise<void>((r) => local.app.http.once("request", () => r()));
    const answer = new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: u.hostname,
          port: u.port,
          path: "/api/trpc/auth.login",
          method: "POST",
          headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
        },
        (res) => {
          res.resume();
          res.on("end", () => resolve(res.statusCode ?? 0));
        },
      );
      req.on("error", reject);
      req.flushHeaders();
      // The body follows only once shutdown has begun and its own steps are long done.
      void arrived.then(async () => {
        await new Promise((r) => setTimeout(r, 600));
        req.end(body);
      });
    });
    await arrived;
    const stopping = local.close();
    expect(await answer).toBe(200);
    await stopping;
  });
});
