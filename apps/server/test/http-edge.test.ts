/**
 * The HTTP edge: what reaches the request listener before any route, what Node refuses before the
 * listener, and what happens when a handler throws. The process must outlive all of it.
 */
import { readdirSync, readlinkSync, writeFileSync } from "node:fs";
import { ServerResponse } from "node:http";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { featureRoutes } from "../src/feature-routes";
import { Client, type WebHarness, startWebHarness, until } from "./harness";
import { rawHttp } from "./raw-http";

let h: WebHarness;
let admin: Client;
beforeAll(async () => {
  h = await startWebHarness();
  admin = new Client(h);
  await admin.login("admin", "admin-password-1");
});
afterAll(async () => {
  await h?.close();
});
afterEach(() => {
  vi.restoreAllMocks();
});

const get = (target: string, headers = "") =>
  rawHttp(h.url, `GET ${target} HTTP/1.1\r\nHost: localhost\r\n${headers}Connection: close\r\n\r\n`);

async function healthy() {
  const r = await fetch(`${h.url}/healthz`);
  return r.status;
}

describe("malformed paths", () => {
  it("answers a path with malformed percent-encoding with 400 on every route, and keeps serving", async () => {
    for (const target of [
      "/%E0%A4%A",
      "/alerts/%E0%A4%A",
      "/assets/%",
      "/api/trpc/auth.me%E0%A4%A",
      "/api/export/dhcp/leases.csv%ff",
      "/healthz%zz",
      "/metrics%E0",
    ]) {
      const r = await get(target);
      expect([target, r.status]).toEqual([target, 400]);
      expect(r.body).toMatch(/bad request/);
    }
    expect(await healthy()).toBe(200);
  });

  it("answers a NUL in the path with 400", async () => {
    expect((await get("/index.html%00.js")).status).toBe(400);
    expect((await get("/api/trpc/auth.me%00")).status).toBe(400);
  });
});

describe("requests Node cannot parse", () => {
  it("answers 400 (431 for oversized headers) and closes, without reaching a handler", async () => {
    const seen: string[] = [];
    const onRequest = (req: { url?: string }) => seen.push(req.url ?? "");
    h.app.http.on("request", onRequest);
    try {
      const base = h.url;
      const bad = [
        ["GARBAGE\r\n\r\n", 400],
        ["GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello", 400],
        ["POST /api/trpc/auth.login HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n", 400],
        ["GET / HTTP/1.1\r\nHost: x\r\nX-Bad: a\u0000b\r\n\r\n", 400],
        [`GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${"a".repeat(20_000)}\r\n\r\n`, 431],
        [`GET /${"a".repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`, 431],
      ] as const;
      for (const [bytes, status] of bad) {
        const r = await rawHttp(base, bytes);
        expect([bytes.slice(0, 60), r.status]).toEqual([bytes.slice(0, 60), status]);
        expect(r.headers.connection).toBe("close");
      }
      expect(seen).toEqual([]);
    } finally {
      h.app.http.off("request", onRequest);
    }
    expect(await healthy()).toBe(200);
  });

  it("answers CONNECT with 405 instead of dropping the connection", async () => {
    const r = await rawHttp(h.url, "CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n");
    expect(r.status).toBe(405);
    expect(await healthy()).toBe(200);
  });
});

describe("the last-resort handler", () => {
  it("answers 500 when a handler throws synchronously, logs it, and the next request is served", async () => {
    const logged = vi.spyOn(h.app.services.logger, "error");
    // The static handler's first writeHead throws, as a bug in any handler might.
    vi.spyOn(ServerResponse.prototype, "writeHead").mockImplementationOnce(() => {
      throw new Error("handler bug");
    });
    const r = await get("/alerts");
    expect(r.status).toBe(500);
    expect(r.body).toContain("internal error");
    expect(logged).toHaveBeenCalledWith(expect.objectContaining({ url: "/alerts" }), "request failed");
    vi.restoreAllMocks();
    expect((await get("/alerts")).status).toBe(200);
    expect(await healthy()).toBe(200);
  });

  it("cuts the connection when a handler throws after its answer has begun", async () => {
    const route = featureRoutes.find((r) => r.path === "/api/export/dhcp/leases.csv");
    if (!route) throw new Error("no export route");
    vi.spyOn(route, "handle").mockImplementationOnce(async ({ res }) => {
      res.writeHead(200, { "content-type": "text/csv" });
      res.write("address,hostname\n");
      // Let the head and first chunk reach the client before the failure.
      await new Promise((r) => setImmediate(r));
      throw new Error("failed mid-export");
    });
    const r = await get("/api/export/dhcp/leases.csv", `Cookie: ${admin.cookie}\r\n`);
    expect(r.status).toBe(200);
    expect(r.headers["transfer-encoding"]).toBe("chunked");
    // A chunked body ends with a zero-size chunk; this one never does, so no client takes it as whole.
    expect(r.body).toContain("address,hostname");
    expect(r.body).not.toMatch(/\r\n0\r\n\r\n$/);
    expect(await healthy()).toBe(200);
  });

  it("answers 500 on every route when the session store fails, without the cause", async () => {
    vi.spyOn(h.app.services.auth, "sessionPrincipal").mockImplementation(() => {
      throw new Error("session store exploded at /secret/path.ts:12");
    });
    for (const target of [
      "/metrics",
      "/api/export/dhcp/leases.csv",
      "/api/trpc/alerts.onChange",
      "/api/trpc/auth.me",
    ]) {
      const r = await get(target, `Cookie: ${admin.cookie}\r\n`);
      expect([target, r.status]).toEqual([target, 500]);
      expect(r.body).not.toMatch(/exploded|secret/);
    }
    vi.restoreAllMocks();
    expect((await admin.query("auth.me")).status).toBe(200);
    expect(await healthy()).toBe(200);
  });
});

describe("caching", () => {
  it("marks API, export, metrics and health answers no-store; the web app keeps its own caching", async () => {
    const me = await fetch(`${h.url}/api/trpc/auth.me`, { headers: { cookie: admin.cookie } });
    expect([me.status, me.headers.get("cache-control")]).toEqual([200, "no-store"]);
    const anon = await fetch(`${h.url}/api/trpc/auth.me`);
    expect(anon.headers.get("cache-control")).toBe("no-store");
    const mutation = await admin.mutate("alerts.acknowledge", { id: 987654 });
    expect(mutation.status).toBe(404);
    const batch = await fetch(`${h.url}/api/trpc/auth.me,auth.me?batch=1`, {
      headers: { cookie: admin.cookie },
    });
    expect([batch.status, batch.headers.get("cache-control")]).toEqual([200, "no-store"]);
    for (const p of ["/metrics", "/api/export/dhcp/leases.csv", "/healthz", "/api/export/none"]) {
      const r = await fetch(`${h.url}${p}`, { headers: { cookie: admin.cookie } });
      expect([p, r.headers.get("cache-control")]).toEqual([p, "no-store"]);
    }
    expect((await fetch(`${h.url}/`)).headers.get("cache-control")).toBe("no-cache");
    expect((await fetch(`${h.url}/assets/app-1234.js`)).headers.get("cache-control")).toMatch(/immutable/);
  });
});

describe("the Authorization header", () => {
  it("takes the Bearer scheme in any letter case (RFC 7235 §2.1)", async () => {
    const created = await admin.mutate("tokens.create", { name: "case" });
    const token = (created.data as { token: string }).token;
    for (const scheme of ["Bearer", "bearer", "BEARER", "bEaReR"]) {
      const r = await fetch(`${h.url}/metrics`, { headers: { authorization: `${scheme} ${token}` } });
      expect([scheme, r.status]).toEqual([scheme, 200]);
      const me = await new Client(h, { authorization: `${scheme} ${token}` }).query("auth.me");
      expect(me.data).toMatchObject({ username: "admin", via: "token" });
    }
    // Not a token: refused, and a Bearer header never falls back to the cookie.
    for (const value of ["Bearer", "Bearer ", "bearer x y", `Bearer ${token}x`, "Bearerx"]) {
      const r = await fetch(`${h.url}/metrics`, { headers: { authorization: value, cookie: admin.cookie } });
      expect([value, r.status]).toEqual([value, value === "Bearerx" ? 200 : 401]);
    }
  });

  it("ignores a session cookie that is not valid percent-encoding (401, not 500)", async () => {
    for (const p of ["/metrics", "/api/trpc/auth.me", "/api/export/dhcp/leases.csv"]) {
      const r = await fetch(`${h.url}${p}`, { headers: { cookie: "netops_session=%E0%A4%A" } });
      expect([p, r.status]).toEqual([p, 401]);
    }
  });
});

describe("serving files", () => {
  it("closes the file when the client goes away mid-download", async () => {
    const big = path.join(h.dist, "assets", "big-1234.js");
    writeFileSync(big, "x".repeat(8 * 1024 * 1024));
    const openOnBig = () =>
      readdirSync("/proc/self/fd").filter((fd) => {
        try {
          return readlinkSync(`/proc/self/fd/${fd}`) === big;
        } catch {
          return false;
        }
      }).length;
    // Read the head only, then hang up: the server is still in the middle of the file.
    const r = await rawHttp(
      h.url,
      "GET /assets/big-1234.js HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
      { headOnly: true },
    );
    expect(r.status).toBe(200);
    expect(await until(() => openOnBig() === 0, "the server to close the file")).toBe(true);
    expect(await healthy()).toBe(200);
  });
});
