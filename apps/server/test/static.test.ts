/**
 * Delivering the built web app (apps/server/src/static.ts): precompressed copies by Accept-Encoding,
 * caching by kind of file, no source maps, and a 404 (not the app's page) for a missing file such
 * as /favicon.ico.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acceptedEncodings, createStaticHandler } from "../src/static";

const dist = mkdtempSync(path.join(tmpdir(), "netops-static-"));
const INDEX = "<!doctype html><title>NetOps</title>";
const APP = `console.log(${JSON.stringify("x".repeat(2000))});`;
let server: Server;
let base: string;
const errors: string[] = [];

beforeAll(async () => {
  mkdirSync(path.join(dist, "assets"));
  const put = (rel: string, body: string, compressed = true) => {
    writeFileSync(path.join(dist, rel), body);
    if (!compressed) return;
    writeFileSync(path.join(dist, `${rel}.br`), brotliCompressSync(body));
    writeFileSync(path.join(dist, `${rel}.gz`), gzipSync(body));
  };
  put("index.html", INDEX);
  put("assets/app-1234.js", APP);
  put("assets/plain-9.css", "a{}", false);
  put("favicon.svg", "<svg xmlns='http://www.w3.org/2000/svg'/>", false);
  // A map left in the served folder by a careless build must still not go out.
  put("assets/app-1234.js.map", '{"version":3}', false);
  const handle = createStaticHandler(dist, (err) => errors.push(err.message));
  server = createServer((req, res) =>
    handle(req, res, decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname)),
  );
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  rmSync(dist, { recursive: true, force: true });
});

/** A GET with exactly these headers (fetch would add its own Accept-Encoding and decode the body). */
function get(p: string, headers: Record<string, string> = {}, method = "GET") {
  return new Promise<{
    status: number;
    headers: Record<string, string | string[] | undefined>;
    body: Buffer;
  }>((resolve, reject) => {
    const req = request(`${base}${p}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
    });
    req.on("error", reject);
    req.end();
  });
}

describe("precompressed delivery", () => {
  it("sends brotli when the client accepts it, with its length and Vary", async () => {
    const r = await get("/assets/app-1234.js", { "accept-encoding": "gzip, deflate, br, zstd" });
    expect(r.status).toBe(200);
    expect(r.headers["content-encoding"]).toBe("br");
    expect(r.headers.vary).toBe("accept-encoding");
    expect(Number(r.headers["content-length"])).toBe(r.body.length);
    expect(r.body.length).toBeLessThan(APP.length / 10);
    expect(brotliDecompressSync(r.body).toString()).toBe(APP);
    expect(r.headers["content-type"]).toBe("text/javascript; charset=utf-8");
  });

  it("sends gzip to a client without brotli, and the file itself to one that accepts neither", async () => {
    const gz = await get("/assets/app-1234.js", { "accept-encoding": "gzip" });
    expect(gz.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(gz.body).toString()).toBe(APP);
    const plain = await get("/assets/app-1234.js");
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.headers.vary).toBe("accept-encoding");
    expect(plain.body.toString()).toBe(APP);
  });

  it("honours q=0 (RFC 9110 §12.5.3)", async () => {
    const r = await get("/assets/app-1234.js", { "accept-encoding": "br;q=0, gzip;q=0.5" });
    expect(r.headers["content-encoding"]).toBe("gzip");
    const none = await get("/assets/app-1234.js", { "accept-encoding": "*;q=0" });
    expect(none.headers["content-encoding"]).toBeUndefined();
  });

  it("compresses the app page for client routes too, and HEAD gives the same headers without a body", async () => {
    const r = await get("/registry/hosts/c1/ns1.example.test", { "accept-encoding": "br" });
    expect(r.headers["content-encoding"]).toBe("br");
    expect(brotliDecompressSync(r.body).toString()).toBe(INDEX);
    const head = await get("/alerts", { "accept-encoding": "br" }, "HEAD");
    expect(head.headers["content-length"]).toBe(r.headers["content-length"]);
    expect(head.body.length).toBe(0);
  });

  it("sends a file without compressed copies as it is, without Vary", async () => {
    const r = await get("/assets/plain-9.css", { "accept-encoding": "br, gzip" });
    expect(r.headers["content-encoding"]).toBeUndefined();
    expect(r.headers.vary).toBeUndefined();
    expect(r.body.toString()).toBe("a{}");
  });
});

describe("caching", () => {
  it("keeps hashed assets a year as immutable and revalidates the page", async () => {
    expect((await get("/assets/app-1234.js")).headers["cache-control"]).toBe(
      "public, max-age=31536000, immutable",
    );
    expect((await get("/")).headers["cache-control"]).toBe("no-cache");
    expect((await get("/dns/7")).headers["cache-control"]).toBe("no-cache");
    expect((await get("/favicon.svg")).headers["cache-control"]).toBe("no-cache");
  });
});

describe("what is never the app page", () => {
  it("answers 404 to a missing file a browser asks for by name (favicon.ico, robots.txt)", async () => {
    for (const p of [
      "/favicon.ico",
      "/robots.txt",
      "/apple-touch-icon.png",
      "/assets/missing.js",
      "/assets/nope",
    ]) {
      const r = await get(p);
      expect(r.status, p).toBe(404);
      expect(r.body.toString(), p).not.toContain("<title>");
    }
  });

  it("serves the icon the page links to", async () => {
    const r = await get("/favicon.svg");
    expect(r.status).toBe(200);
    expect(r.headers["content-type"]).toBe("image/svg+xml");
  });

  it("never serves a source map or a precompressed copy by its own name", async () => {
    for (const p of [
      "/assets/app-1234.js.map",
      "/assets/app-1234.js.br",
      "/assets/app-1234.js.gz",
      "/index.html.gz",
    ])
      expect((await get(p)).status, p).toBe(404);
    expect(errors).toEqual([]);
  });
});

describe("acceptedEncodings", () => {
  it.each([
    ["gzip, deflate, br", ["br", "gzip"]],
    ["br;q=1.0, gzip;q=0.8", ["br", "gzip"]],
    ["BR", ["br"]],
    ["identity", []],
    ["*", ["br", "gzip"]],
    ["*;q=0.1, gzip;q=0", ["br"]],
    ["br;q=banana", []],
    ["", []],
    [",,;q=1,", []],
  ])("%j → %j", (header, want) => {
    expect([...acceptedEncodings(header)].sort()).toEqual([...want].sort());
  });

  it("reads a header sent more than once", () => {
    expect([...acceptedEncodings(["gzip", "br"])].sort()).toEqual(["br", "gzip"]);
  });
});
