import type { ServerResponse } from "node:http";
import { Bootstrap, type Domain, type Entity, summarizeMetadata } from "@netops/protocols/rdap";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RdapClient, type RdapClientOptions, type RdapResult } from "../../src/features/rdap/index";
import { NAMES, type TestServer, json, makeCert, sample, startServer } from "./server";

let tls: ReturnType<typeof makeCert>;
let srv: TestServer;
let base: string;
const hits = new Map<string, number>();
let inFlight = 0;
let maxInFlight = 0;
const held: ServerResponse[] = [];

/** Pages of the 30 real ARIN domain search results, 10 per page, linked by cursors (RFC 8977). */
function searchPage(cursor: string | null, url: URL): string {
  const all = JSON.parse(sample("icann-rdap/common/domains_ldhname_ns1_arin_net.json"));
  const start = cursor ? Number(Buffer.from(cursor, "base64url").toString()) : 0;
  const results = all.domainSearchResults.slice(start, start + 10);
  const self = `${base}domains?nsLdhName=ns1.arin.net`;
  const nextStart = start + 10;
  return JSON.stringify({
    rdapConformance: ["rdap_level_0", "paging", "sorting"],
    notices: all.notices,
    sorting_metadata: {
      currentSort: url.searchParams.get("sort") ?? "name",
      availableSorts: [
        { property: "name", jsonPath: "$.domainSearchResults[*].ldhName", default: true, links: [] },
      ],
    },
    paging_metadata: {
      totalCount: url.searchParams.get("count") === "true" ? all.domainSearchResults.length : undefined,
      pageSize: 10,
      pageNumber: start / 10 + 1,
      links:
        nextStart < all.domainSearchResults.length
          ? [
              {
                value: self,
                rel: "next",
                href: `${self}&cursor=${Buffer.from(String(nextStart)).toString("base64url")}`,
                type: "application/rdap+json",
              },
            ]
          : [],
    },
    domainSearchResults: results,
  });
}

beforeAll(async () => {
  tls = makeCert();
  srv = await startServer(tls, (_req, res, url) => {
    const p = url.pathname;
    hits.set(p, (hits.get(p) ?? 0) + 1);
    const n = hits.get(p) ?? 0;
    if (p === "/rdap/domain/google.com") {
      // The real Verisign response, its related link pointed at our registrar host.
      const body = sample("whoisit/data_rdap_response_domain1.json").replaceAll(
        "https://rdap.markmonitor.com/rdap/",
        `https://registrar.lab.test:${srv.port}/rdap/`,
      );
      return json(res, 200, body, { "cache-control": "max-age=60" });
    }
    if (p === "/rdap/domain/GOOGLE.COM")
      return json(res, 200, sample("whoisit/data_rdap_response_domain2.json"));
    if (p === "/rdap/entity/ARIN-HOSTMASTER")
      return json(res, 200, sample("icann-rdap/common/entity_arin_hostmaster.json"), {
        "cache-control": "no-store",
      });
    if (p === "/rdap/domains") return json(res, 200, searchPage(url.searchParams.get("cursor"), url));
    if (p === "/rdap/domain/nope.test")
      return json(
        res,
        404,
        JSON.stringify({
          errorCode: 404,
          title: "Not Found",
          description: ["no such domain"],
          rdapConformance: ["rdap_level_0"],
        }),
      );
    if (p === "/rdap/domain/ripe.test")
      return json(res, 501, sample("icann-rdap/common/error_ripe_net.json"));
    if (p === "/rdap/domain/html.test") {
      res.writeHead(200, { "content-type": "text/html" });
      return res.end("<html><body>Service temporarily unavailable</body></html>");
    }
    if (p === "/rdap/domain/html404.test") {
      res.writeHead(404, { "content-type": "text/html" });
      return res.end("<html>404</html>");
    }
    if (p === "/rdap/domain/huge.test") {
      // 8 MiB streamed without Content-Length.
      res.writeHead(200, { "content-type": "application/rdap+json" });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      let sent = 0;
      const write = () => {
        while (sent < 128) {
          sent++;
          if (!res.write(chunk)) return void res.once("drain", write);
        }
        res.end();
      };
      res.on("error", () => {});
      return write();
    }
    if (p === "/rdap/domain/declared.test") {
      res.writeHead(200, {
        "content-type": "application/rdap+json",
        "content-length": String(50 * 1024 * 1024),
      });
      return res.write("{");
    }
    if (p === "/rdap/domain/deep.test") return json(res, 200, `${"[".repeat(50000)}${"]".repeat(50000)}`);
    if (p === "/rdap/entity/BADCARD") {
      const e = JSON.parse(sample("icann-rdap/common/entity_arin_hostmaster.json"));
      e.vcardArray = ["vcard", [["version", {}, "text"]]];
      return json(res, 200, JSON.stringify(e));
    }
    if (p === "/rdap/domain/loop.test")
      return void res.writeHead(302, { location: "/rdap/domain/loop2.test" }).end();
    if (p === "/rdap/domain/loop2.test")
      return void res.writeHead(301, { location: "/rdap/domain/loop.test" }).end();
    if (p === "/rdap/domain/moved.test")
      return void res
        .writeHead(307, { location: `https://registrar.lab.test:${srv.port}/rdap/domain/google.com` })
        .end();
    if (p === "/rdap/domain/out.test")
      return void res.writeHead(302, { location: `https://other.test:${srv.port}/rdap/secret` }).end();
    if (p === "/rdap/domain/evil.test")
      return void res.writeHead(302, { location: `https://evil.test:${srv.port}/rdap/secret` }).end();
    if (p === "/rdap/domain/plain.test")
      return void res.writeHead(302, { location: `http://rdap.lab.test:${srv.port}/rdap/secret` }).end();
    if (p === "/rdap/domain/slow.test") {
      res.writeHead(200, { "content-type": "application/rdap+json" });
      return res.write("{"); // and never more
    }
    if (p === "/rdap/domain/busy.test") {
      if (n === 1) return json(res, 429, "{}", { "retry-after": "2" });
      if (n === 2) return json(res, 503, "{}", { "retry-after": new Date(Date.now() + 1000).toUTCString() });
      return json(res, 200, sample("icann-rdap/common/domain_afnic_fr.json"));
    }
    if (p === "/rdap/domain/overloaded.test") return json(res, 503, "{}", { "retry-after": "3600" });
    if (p === "/rdap/domain/limited.test") return json(res, 429, "{}", { "retry-after": "0" });
    if (p.startsWith("/rdap/nameserver/")) {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      res.on("close", () => inFlight--);
      held.push(res);
      return;
    }
    if (p === "/rdap/secret") return json(res, 200, "{}");
    json(res, 404, JSON.stringify({ errorCode: 404, title: "Not Found" }));
  });
  base = `https://rdap.lab.test:${srv.port}/rdap/`;
});

afterAll(async () => {
  await srv.close();
  tls.cleanup();
});

const sleeps: number[] = [];
function client(extra: Partial<RdapClientOptions> = {}): RdapClient {
  return new RdapClient({
    bootstrap: new Bootstrap([], { dns: { test: [base], com: [base], arpa: [base] }, default: [base] }),
    // Configured hosts name their port: the policy allows host AND port, nothing else on that host.
    allowedHosts: [`registrar.lab.test:${srv.port}`, `evil.test:${srv.port}`],
    privateHosts: ["rdap.lab.test", "registrar.lab.test"],
    ca: tls.cert,
    // Every test name points at the loopback server; only configured ones may use it.
    resolve: async (h) => (NAMES.includes(h) ? ["127.0.0.1"] : []),
    sleep: async (ms) => void sleeps.push(ms),
    timeoutMs: 5000,
    maxBodyBytes: 1024 * 1024,
    ...extra,
  });
}
const err = (r: RdapResult) => (r.ok ? null : r.error);

describe("lookups and searches against real responses", () => {
  it("looks up a domain, parses it, and caches it per Cache-Control", async () => {
    const c = client();
    const r = await c.query({ kind: "domain", name: "google.com" });
    expect(r.ok && (r.response.object as Domain).ldhName).toBe("GOOGLE.COM");
    expect(r.ok && r.url).toBe(`${base}domain/google.com`);
    const again = await c.query({ kind: "domain", name: "google.com" });
    expect(again.ok && again.fromCache).toBe(true);
    expect(hits.get("/rdap/domain/google.com")).toBe(1);
  });

  it("does not reuse a no-store response", async () => {
    const c = client();
    await c.query({ kind: "entity", handle: "ARIN-HOSTMASTER" });
    const r = await c.query({ kind: "entity", handle: "ARIN-HOSTMASTER" });
    expect(r.ok && r.fromCache).toBe(false);
    expect(r.ok && (r.response.object as Entity).contact?.fn).toBe("Registration Services Department");
    expect(hits.get("/rdap/entity/ARIN-HOSTMASTER")).toBe(2);
  });

  it("follows next links through every page of a search (RFC 8977)", async () => {
    const c = client();
    const first = await c.query(
      { kind: "domains", by: "nsLdhName", value: "ns1.arin.net" },
      { count: true, sort: [{ property: "name", direction: "d" }] },
    );
    expect(first.ok && summarizeMetadata(first.response)).toMatchObject({
      totalCount: 30,
      currentSort: "name:d",
      pageNumber: 1,
      resultCount: 10,
    });
    const pages: RdapResult[] = [];
    for await (const p of c.pages(first, 10)) pages.push(p);
    expect(pages.map((p) => p.ok && p.response.results?.length)).toEqual([10, 10, 10]);
    const names = pages.flatMap((p) =>
      p.ok ? (p.response.results ?? []).map((d) => (d as Domain).ldhName) : [],
    );
    expect(new Set(names).size).toBe(30);
    expect(await c.nextPage(pages[2] as RdapResult)).toBeNull();
  });

  it("follows related links of RDAP JSON type to the registrar", async () => {
    const c = client();
    const r = await c.query({ kind: "domain", name: "google.com" });
    const rel = await c.related(r);
    expect(rel).toHaveLength(1);
    expect(rel[0]?.ok && rel[0].url).toBe(`https://registrar.lab.test:${srv.port}/rdap/domain/GOOGLE.COM`);
    expect(rel[0]?.ok && (rel[0].response.object as Domain).entities.length).toBeGreaterThan(0);
  });

  it("returns RDAP error responses as responses, with their status", async () => {
    const c = client();
    const r = await c.query({ kind: "domain", name: "nope.test" });
    expect(r.ok && [r.status, r.response.kind, r.response.error?.errorCode]).toEqual([404, "error", 404]);
    const ripe = await c.query({ kind: "domain", name: "ripe.test" });
    expect(ripe.ok && ripe.response.error?.description).toEqual(["Nameserver not supported"]);
  });

  it("follows a redirect to another allowed host", async () => {
    const r = await client().query({ kind: "domain", name: "moved.test" });
    expect(r.ok && r.finalUrl).toBe(`https://registrar.lab.test:${srv.port}/rdap/domain/google.com`);
  });
});

describe("bad input: one clear error per query, nothing fetched that the guard forbids", () => {
  it.each([
    ["html.test", "not-json", /^not JSON \(\d+ bytes, not shown\)$/],
    ["html404.test", "http", /^HTTP 404; not JSON/],
    ["huge.test", "too-large", /^body exceeds the 1048576-byte limit$/],
    ["declared.test", "too-large", /^body of 52428800 bytes exceeds the 1048576-byte limit$/],
    ["deep.test", "too-deep", /^JSON nested deeper than 64 levels$/],
    [
      "loop.test",
      "redirect-loop",
      /^redirect loop at https:\/\/rdap\.lab\.test:\d+\/rdap\/domain\/loop\.test$/,
    ],
    [
      "out.test",
      "guard",
      /refused: other\.test:\d+ is not an allowed destination \(neither in the bootstrap registry nor in rdap\.allowedHosts\)$/,
    ],
    ["plain.test", "guard", /refused: http is not allowed \(https only\) for rdap\.lab\.test$/],
    ["overloaded.test", "rate-limited", /^HTTP 503: Retry-After of 3600 s exceeds the 30 s limit$/],
    ["limited.test", "rate-limited", /^HTTP 429 after 3 attempts$/],
  ])("%s → %s", async (name, code, message) => {
    const r = await client().query({ kind: "domain", name });
    expect(err(r)?.code).toBe(code);
    expect(err(r)?.message).toMatch(message);
  });

  it("a redirect to an allowed host that resolves to loopback is refused before connecting", async () => {
    const r = await client().query({ kind: "domain", name: "evil.test" });
    expect(err(r)).toEqual({
      code: "guard",
      message: "evil.test resolves to 127.0.0.1, which is a private, loopback or special-purpose address",
    });
    expect(srv.log.filter((l) => l.endsWith("/rdap/secret"))).toEqual([]);
  });

  it("a slow server is cut off at the deadline", async () => {
    const r = await client({ timeoutMs: 300 }).query({ kind: "domain", name: "slow.test" });
    expect(err(r)).toEqual({ code: "timeout", message: "no complete response within 300 ms" });
  });

  it("an invalid jCard is a finding, not a failure", async () => {
    const r = await client().query({ kind: "entity", handle: "BADCARD" });
    expect(r.ok && (r.response.object as Entity).contact).toBeUndefined();
    expect(r.ok && r.response.findings.map((f) => [f.code, f.path])).toContainEqual([
      "jcard.property",
      "$.vcardArray[1][0]",
    ]);
  });

  it("refuses hosts that are not configured, loopback without configuration, and http", async () => {
    const strict = new RdapClient({
      bootstrap: new Bootstrap([], { dns: { test: [base] } }),
      ca: tls.cert,
      resolve: async () => ["127.0.0.1"],
    });
    expect(err(await strict.query({ kind: "domain", name: "x.test" }))?.message).toBe(
      "rdap.lab.test resolves to 127.0.0.1, which is a private, loopback or special-purpose address",
    );
    const c = client();
    expect(err(await c.fetch(`https://other.test:${srv.port}/rdap/secret`))?.code).toBe("guard");
    expect(err(await c.fetch(`https://127.0.0.1:${srv.port}/rdap/secret`))?.message).toBe(
      `127.0.0.1:${srv.port} is not an allowed destination (neither in the bootstrap registry nor in rdap.allowedHosts)`,
    );
    expect(err(await c.fetch(`http://rdap.lab.test:${srv.port}/rdap/secret`))?.code).toBe("guard");
    expect(err(await c.fetch("https://user:pw@rdap.lab.test/rdap/secret"))?.message).toBe(
      "URLs with credentials are not followed",
    );
    expect(srv.log.filter((l) => l.endsWith("/rdap/secret"))).toEqual([]);
  });

  it("reports queries with no server or bad input without fetching", async () => {
    const c = new RdapClient({ bootstrap: new Bootstrap([]) });
    expect(err(await c.query({ kind: "entities", by: "fn", value: "x" }))?.code).toBe("no-server");
    expect(err(await client().query({ kind: "autnum", asn: -1 }))).toEqual({
      code: "bad-query",
      message: "-1 is not an AS number (0–4294967295)",
    });
  });
});

describe("retries and concurrency", () => {
  it("retries 429 and 503 honouring Retry-After (seconds and HTTP-date)", async () => {
    sleeps.length = 0;
    const r = await client().query({ kind: "domain", name: "busy.test" });
    expect(r.ok && (r.response.object as Domain).ldhName).toBe("afnic.fr");
    expect(hits.get("/rdap/domain/busy.test")).toBe(3);
    expect(sleeps[0]).toBe(2000);
    expect(sleeps[1]).toBeGreaterThanOrEqual(0);
    expect(sleeps[1]).toBeLessThanOrEqual(1000);
  });

  it("keeps at most perHostConcurrency requests in flight to one host", async () => {
    const c = client({ perHostConcurrency: 2 });
    const all = Promise.all(
      ["a", "b", "c", "d", "e"].map((n) => c.query({ kind: "nameserver", name: `ns.${n}.test` })),
    );
    // Release held responses one at a time as they arrive; the limiter decides how many arrive.
    let released = 0;
    while (released < 5) {
      const res = held.shift();
      if (!res) {
        await new Promise((r) => setImmediate(r));
        continue;
      }
      expect(inFlight).toBeLessThanOrEqual(2);
      json(res, 200, sample("icann-rdap/srv-rfc9083/ns2_example_com.json"));
      released++;
    }
    const results = await all;
    expect(results.every((r) => r.ok)).toBe(true);
    expect(maxInFlight).toBe(2);
  });
});
