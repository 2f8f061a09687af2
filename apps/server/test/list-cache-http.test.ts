/**
 * List answers from the replica's cache, through a real console: who may read is checked on every
 * request, a change to alerts drops the alert lists at once, a mutation drops everything, other
 * lists show new rows within server.listCacheMs, concurrent misses compute once, errors are never kept.
 */
import { appRouter } from "@netops/api";
import { LIST_CACHED_PROCEDURES } from "@netops/protocols";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { request } from "node:http";
import { gunzipSync } from "node:zlib";
import { acceptsGzip, cacheableQueries } from "../src/cached-queries";
import { shutdownDraft } from "../../../packages/api/test/bgp/draft";
import { Client, type Harness, startHarness } from "./harness";

const CACHE_MS = 400;
let h: Harness;
let admin: Client;

beforeAll(async () => {
  h = await startHarness({ env: { NETOPS_LIST_CACHE_MS: String(CACHE_MS) } });
  admin = new Client(h);
  await admin.login("admin", "admin-password-1");
});
afterAll(() => h?.close());

async function get(path: string, cookie = admin.cookie) {
  const res = await fetch(`${h.url}/api/trpc/${path}`, { headers: cookie ? { cookie } : {} });
  return { status: res.status, cache: res.headers.get("x-netops-cache"), text: await res.text() };
}
const input = (v: unknown) => encodeURIComponent(JSON.stringify(v));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A shutdown event of router rtr1 from peer 192.0.2.i (each its own event). */
const bgpDraft = (i: number) =>
  shutdownDraft(i, new Date(Date.now() - 1000 + i), {
    peerAddress: `192.0.2.${i}`,
    identity: ["list-cache-test", String(i)],
  });

describe("which queries are cached", () => {
  it("are the procedures declaring listCache, the list the web app sends alone", () => {
    const declared = cacheableQueries(appRouter);
    expect([...declared.keys()].sort()).toEqual([...LIST_CACHED_PROCEDURES].sort());
    // Every one needs a session: an anonymous answer is never kept.
    for (const q of declared.values()) expect(q.role).toBe("viewer");
  });
});

describe("list cache over HTTP", () => {
  it("answers the same query again from the cache, byte for byte, and checks the session every time", async () => {
    const path = `dhcp.leases?input=${input({ limit: 7 })}`;
    const first = await get(path);
    expect(first.status).toBe(200);
    expect(first.cache).toBe("miss");
    const again = await get(path);
    expect(again.cache).toBe("hit");
    expect(again.text).toBe(first.text);
    // No session, a made-up one, or one that has logged out: refused although the answer is cached.
    expect((await get(path, "")).status).toBe(401);
    expect((await get(path, "netops_session=not-a-session")).status).toBe(401);
    const other = new Client(h);
    await other.login("admin", "admin-password-1"); // a mutation: drops every answer
    expect((await get(path, other.cookie)).cache).toBe("miss");
    expect((await get(path, other.cookie)).cache).toBe("hit");
    await other.mutate("auth.logout");
    const out = await get(path, other.cookie);
    expect(out.status).toBe(401);
    expect(out.cache).toBeNull();
  });

  it("drops the alert lists as soon as an alert changes, on this replica or (through the bus) another", async () => {
    const path = `alerts.list?input=${input({ limit: 50, q: "cache-drop" })}`;
    expect(JSON.parse((await get(path)).text).result.data.items).toHaveLength(0);
    expect((await get(path)).cache).toBe("hit");
    await h.app.services.alerts.raise({
      source: "epp",
      severity: "warning",
      labels: { t: "cache-drop" },
      summary: "cache-drop alert",
    });
    const after = await get(path);
    expect(after.cache).toBe("miss");
    expect(JSON.parse(after.text).result.data.items.map((a: { summary: string }) => a.summary)).toEqual([
      "cache-drop alert",
    ]);
    // A change announced by another replica arrives through bus.deliver: it drops the answers too.
    expect((await get(path)).cache).toBe("hit");
    h.app.services.bus.deliver({ type: "alert", alertId: 1, state: "firing", change: "repeated" });
    expect((await get(path)).cache).toBe("miss");
  });

  it("shows BGP events ingested elsewhere within server.listCacheMs", async () => {
    const path = `bgp.events?input=${input({ limit: 50, router: "rtr1" })}`;
    const before = JSON.parse((await get(path)).text).result.data.items.length;
    await h.app.services.bgp.ingest([bgpDraft(1), bgpDraft(2)]);
    // Events carry no change event: within the cache time the old page may still be served…
    const soon = await get(path);
    expect(soon.cache).toBe("hit");
    expect(JSON.parse(soon.text).result.data.items).toHaveLength(before);
    // …and never after it.
    await sleep(CACHE_MS + 50);
    const later = await get(path);
    expect(later.cache).toBe("miss");
    expect(JSON.parse(later.text).result.data.items).toHaveLength(before + 2);
  });

  it("counts answers from the cache in the per-procedure metrics, like computed ones", async () => {
    const calls = async () => {
      const text = await (await fetch(`${h.url}/metrics`, { headers: { cookie: admin.cookie } })).text();
      const line = text
        .split("\n")
        .find(
          (l) =>
            l.startsWith("netops_api_requests_total{") &&
            l.includes('procedure="dhcp.leases"') &&
            l.includes('code="OK"'),
        );
      return Number(line?.split(" ").pop() ?? 0);
    };
    const path = `dhcp.leases?input=${input({ limit: 3, q: "metrics" })}`;
    const before = await calls();
    expect((await get(path)).cache).toBe("miss");
    expect((await get(path)).cache).toBe("hit");
    expect((await get(path)).cache).toBe("hit");
    expect(await calls()).toBe(before + 3);
  });

  it("computes again, ahead of expiry, for one caller while the others are served the kept answer", async () => {
    const path = `dhcp.leases?input=${input({ limit: 4 })}`;
    await get(path);
    await sleep(CACHE_MS * 0.8);
    const answers = await Promise.all(Array.from({ length: 6 }, () => get(path)));
    expect(answers.map((a) => a.cache).sort()).toEqual(["hit", "hit", "hit", "hit", "hit", "miss"]);
    expect(new Set(answers.map((a) => a.text)).size).toBe(1);
    // The refreshed answer is kept: asked again at once, it is a hit.
    expect((await get(path)).cache).toBe("hit");
  });

  it("drops every list after a mutation through this replica", async () => {
    const path = `dhcp.leases?input=${input({ limit: 5 })}`;
    await get(path);
    expect((await get(path)).cache).toBe("hit");
    const r = await admin.mutate("tokens.create", { name: "cache-test", role: "viewer" });
    expect(r.status).toBe(200);
    expect((await get(path)).cache).toBe("miss");
  });

  it("computes a query asked by many at once only once", async () => {
    const list = vi.spyOn(h.app.services.dhcp, "leases");
    try {
      const path = `dhcp.leases?input=${input({ limit: 11 })}`;
      const answers = await Promise.all(Array.from({ length: 20 }, () => get(path)));
      expect(answers.every((a) => a.status === 200 && a.text === answers[0]?.text)).toBe(true);
      expect(list).toHaveBeenCalledTimes(1);
      expect(answers.filter((a) => a.cache === "miss")).toHaveLength(1);
    } finally {
      list.mockRestore();
    }
  });

  it("computes once more, not once per waiting request, when an alert changes during the read", async () => {
    const alerts = h.app.services.alerts;
    const real = alerts.list.bind(alerts);
    let calls = 0;
    const list = vi.spyOn(alerts, "list").mockImplementation(async (f) => {
      calls++;
      const r = await real(f);
      // An alert storm: the first read is overtaken by a change, so its answer is not kept.
      if (calls === 1)
        h.app.services.bus.deliver({ type: "alert", alertId: 1, state: "firing", change: "repeated" });
      await sleep(20);
      return r;
    });
    try {
      const path = `alerts.list?input=${input({ limit: 9, q: "storm" })}`;
      const answers = await Promise.all(Array.from({ length: 20 }, () => get(path)));
      expect(answers.every((a) => a.status === 200)).toBe(true);
      expect(list).toHaveBeenCalledTimes(2);
      expect(answers.filter((a) => a.cache === "miss")).toHaveLength(2);
    } finally {
      list.mockRestore();
    }
  });

  it("never keeps a refusal, a batch with an uncached query, or a POSTed query", async () => {
    const bad = `alerts.list?input=${input({ limit: -1 })}`;
    expect((await get(bad)).status).toBe(400);
    const second = await get(bad);
    expect(second.status).toBe(400);
    expect(second.cache).toBe("miss");
    const mixed = `alerts.list,auth.me?batch=1&input=${input({ 0: { limit: 3 }, 1: undefined })}`;
    expect((await get(mixed)).status).toBe(200);
    expect((await get(mixed)).cache).toBeNull();
    const both = `alerts.list,bgp.events?batch=1&input=${input({ 0: { limit: 3 }, 1: { limit: 3 } })}`;
    expect((await get(both)).cache).toBe("miss");
    expect((await get(both)).cache).toBe("hit");
  });
});

describe("gzip from the cache", () => {
  /** One GET through node:http, which (unlike fetch) leaves the body as sent. */
  function raw(path: string, headers: Record<string, string>) {
    return new Promise<{ headers: Record<string, unknown>; body: Buffer }>((resolve, reject) => {
      const req = request(
        `${h.url}/api/trpc/${path}`,
        { headers: { cookie: admin.cookie, ...headers } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
        },
      );
      req.on("error", reject);
      req.end();
    });
  }

  it("sends a kept answer above 1 KB gzipped to a client that accepts gzip, the same bytes unpacked", async () => {
    await h.app.services.bgp.ingest(Array.from({ length: 30 }, (_, i) => bgpDraft(100 + i)));
    await sleep(CACHE_MS + 50);
    const path = `bgp.events?input=${input({ limit: 30 })}`;
    const plain = await raw(path, {});
    expect(plain.headers["x-netops-cache"]).toBe("miss");
    expect(plain.body.length).toBeGreaterThan(1024);
    const gz = await raw(path, { "accept-encoding": "br, gzip;q=0.8" });
    expect(gz.headers["x-netops-cache"]).toBe("hit");
    expect(gz.headers["content-encoding"]).toBe("gzip");
    expect(String(gz.headers.vary)).toContain("accept-encoding");
    expect(gz.body.length).toBeLessThan(plain.body.length / 3);
    expect(gunzipSync(gz.body).equals(plain.body)).toBe(true);
    // Refused (q=0) or not offered: as it is.
    for (const ae of ["gzip;q=0", "identity", ""]) {
      const r = await raw(path, ae ? { "accept-encoding": ae } : {});
      expect(r.headers["content-encoding"]).toBeUndefined();
      expect(r.body.equals(plain.body)).toBe(true);
    }
  });

  it("reads Accept-Encoding as RFC 9110 says", () => {
    expect(acceptsGzip("gzip, deflate, br")).toBe(true);
    expect(acceptsGzip("GZIP")).toBe(true);
    expect(acceptsGzip("*")).toBe(true);
    expect(acceptsGzip("gzip;q=0")).toBe(false);
    expect(acceptsGzip("gzip; q=0.5")).toBe(true);
    expect(acceptsGzip("br, deflate")).toBe(false);
    expect(acceptsGzip(undefined)).toBe(false);
  });
});

describe("list cache off", () => {
  it("computes every answer at server.listCacheMs 0", async () => {
    const off = await startHarness({ env: { NETOPS_LIST_CACHE_MS: "0" } });
    try {
      const c = new Client(off);
      await c.login("admin", "admin-password-1");
      for (let i = 0; i < 2; i++) {
        const res = await fetch(`${off.url}/api/trpc/alerts.list?input=${input({ limit: 5 })}`, {
          headers: { cookie: c.cookie },
        });
        expect(res.status).toBe(200);
        expect(res.headers.get("x-netops-cache")).toBeNull();
      }
    } finally {
      await off.close();
    }
  });
});
