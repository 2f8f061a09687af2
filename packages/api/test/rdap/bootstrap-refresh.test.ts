/**
 * RFC 9224 bootstrap refresh against a local HTTPS server on loopback configured as the bootstrap
 * URL: good files are used (a TLD only the refreshed dns.json lists becomes queryable), a
 * malformed file is rejected with its reason and the previous file kept, an unreachable or
 * disallowed mirror changes nothing, and only the configured host is contacted.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RdapService } from "../../src/features/rdap/index";
import { json, makeCert, sample, type TestServer, startServer } from "./server";

const SNAPSHOT = path.join(import.meta.dirname, "../../../protocols/src/rdap/bootstrap-data");
const KINDS = ["dns", "ipv4", "ipv6", "asn", "object-tags"];

let tls: ReturnType<typeof makeCert>;
let srv: TestServer;
let bootUrl: string;
/** What the mirror serves for dns.json: "good", "malformed" or "not-json". */
let dnsMode: "good" | "malformed" | "not-json" = "good";

function dnsFile(): string {
  const base = JSON.parse(readFileSync(path.join(SNAPSHOT, "dns.json"), "utf8"));
  // A TLD only the refreshed file knows, served by this same test server.
  base.publication = "2099-01-01T00:00:00Z";
  base.services.push([["lab-refresh"], [`https://rdap.lab.test:${srv.port}/rdap/`]]);
  return JSON.stringify(base);
}

beforeAll(async () => {
  tls = makeCert();
  srv = await startServer(tls, (_req, res, url) => {
    const m = /^\/bootstrap\/([a-z0-9-]+)\.json$/.exec(url.pathname);
    if (m && KINDS.includes(m[1] as string)) {
      const kind = m[1] as string;
      if (kind === "dns") {
        if (dnsMode === "malformed") return json(res, 200, '{"version":"1.0","services":"everything"}');
        if (dnsMode === "not-json") return json(res, 200, "<html>maintenance</html>");
        return json(res, 200, dnsFile());
      }
      return json(res, 200, readFileSync(path.join(SNAPSHOT, `${kind}.json`), "utf8"));
    }
    if (url.pathname === "/rdap/domain/one.lab-refresh")
      return json(res, 200, sample("icann-rdap/srv-rfc9083/xn--fo-5ja_example.json"));
    json(res, 404, '{"errorCode":404,"title":"Not Found"}');
  });
  bootUrl = `https://127.0.0.1:${srv.port}/bootstrap/`;
});
afterAll(async () => {
  await srv?.close();
  tls?.cleanup();
});

const service = (over: { url?: string; allowPrivate?: boolean } = {}) =>
  new RdapService({
    bootstrapRefresh: { url: over.url ?? bootUrl, allowPrivate: over.allowPrivate ?? true, ca: tls.cert },
    privateHosts: ["rdap.lab.test"],
    client: { ca: tls.cert, resolve: async () => ["127.0.0.1"] },
  });

describe("bootstrap refresh", () => {
  it("uses good files: a TLD only the refreshed registry lists becomes queryable", async () => {
    dnsMode = "good";
    const rdap = service();
    const before = await rdap.query({ q: "one.lab-refresh" });
    expect(before.result).toMatchObject({ ok: false, error: { code: "no-server" } });
    expect(rdap.bootstrapStatus().files.every((f) => f.source === "snapshot")).toBe(true);

    srv.log.length = 0;
    const r = await rdap.refreshBootstrap();
    expect(r).toMatchObject({ ok: true, failures: [] });
    // Only the five files, only from the configured host.
    expect(srv.log.sort()).toEqual(KINDS.map((k) => `127.0.0.1 /bootstrap/${k}.json`).sort());
    const st = rdap.bootstrapStatus();
    expect(st.refreshUrl).toBe(bootUrl);
    expect(st.files.map((f) => f.source)).toEqual(KINDS.map(() => "refreshed"));
    expect(st.files[0]).toMatchObject({ kind: "dns", publication: "2099-01-01T00:00:00Z" });

    const after = await rdap.query({ q: "one.lab-refresh" });
    expect(after.result).toMatchObject({
      ok: true,
      url: `https://rdap.lab.test:${srv.port}/rdap/domain/one.lab-refresh`,
    });
    expect(await rdap.health()).toMatchObject({
      health: "ok",
      summary: expect.stringContaining("refreshed (5/5 files)"),
    });
  });

  it("rejects a malformed file with the reason and keeps the previous one", async () => {
    dnsMode = "good";
    const rdap = service();
    await rdap.refreshBootstrap();
    dnsMode = "malformed";
    const r = await rdap.refreshBootstrap();
    expect(r?.ok).toBe(false);
    expect(r?.failures).toHaveLength(1);
    expect(r?.failures[0]).toMatch(/dns\.json: dns: no "services" array/);
    // The refreshed dns.json of the first run stays in use.
    const st = rdap.bootstrapStatus();
    expect(st.files[0]).toMatchObject({
      kind: "dns",
      source: "refreshed",
      publication: "2099-01-01T00:00:00Z",
    });
    expect((await rdap.query({ q: "one.lab-refresh" })).result.ok).toBe(true);
    const s = await rdap.health();
    expect(s.health).toBe("ok");
    expect(s.summary).toContain("bootstrap refresh failed (kept the previous files)");
    expect(s.summary).toContain('no "services" array');

    // On a first refresh, a file that is not JSON leaves the shipped snapshot in use.
    dnsMode = "not-json";
    const fresh = service();
    const f = await fresh.refreshBootstrap();
    expect(f?.failures[0]).toMatch(/dns\.json: dns: not JSON/);
    expect(fresh.bootstrapStatus().files.map((x) => x.source)).toEqual([
      "snapshot",
      "refreshed",
      "refreshed",
      "refreshed",
      "refreshed",
    ]);
    expect((await fresh.query({ q: "one.lab-refresh" })).result).toMatchObject({
      ok: false,
      error: { code: "no-server" },
    });
  });

  it("keeps the snapshot when the mirror is unreachable, and tries no further file", async () => {
    const down = await startServer(tls, () => {});
    const port = down.port;
    await down.close();
    const rdap = service({ url: `https://127.0.0.1:${port}/bootstrap/` });
    const r = await rdap.refreshBootstrap();
    expect(r?.ok).toBe(false);
    expect(r?.failures[0]).toMatch(/dns\.json: could not reach 127\.0\.0\.1:\d+: connection failed$/);
    expect(r?.failures.slice(1)).toEqual(
      KINDS.slice(1).map((k) => `${k}.json not tried: 127.0.0.1:${port} unreachable`),
    );
    expect(rdap.bootstrapStatus().files.every((f) => f.source === "snapshot")).toBe(true);
    expect((await rdap.health()).summary).toContain("bootstrap refresh failed");
  });

  it("contacts a loopback mirror only when it is configured as private, and https only", async () => {
    srv.log.length = 0;
    const rdap = service({ allowPrivate: false });
    const r = await rdap.refreshBootstrap();
    expect(r?.failures[0]).toMatch(/private, loopback or special-purpose address/);
    expect(srv.log).toEqual([]);

    const plain = service({ url: `http://127.0.0.1:${srv.port}/bootstrap/` });
    expect(await plain.refreshBootstrap()).toBeNull();
    expect(plain.bootstrapStatus().refreshError).toMatch(/https only/);
    expect((await plain.health()).summary).toContain("bootstrap refresh off");
    expect(srv.log).toEqual([]);
  });
});
