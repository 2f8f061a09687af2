/**
 * The HTTP layer against hostile requests, sent byte for byte over raw sockets: malformed and
 * overlong paths, traversal, NUL bytes, odd methods, oversized, garbled and duplicate headers, bad
 * Content-Length, bodies that are not JSON or stop short, oversized batches — to every route, with
 * and without a session. Every one is answered by a client error (or a normal answer), never a 5xx;
 * nothing is logged as a server failure; and the same process answers /healthz afterwards.
 * (endpoints-hostile.test.ts feeds hostile input to every tRPC procedure through a normal client.)
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { appRouter } from "@netops/api";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { Client, type WebHarness, startWebHarness } from "./harness";
import { rawHttp } from "./raw-http";

let h: WebHarness;
let cookie: string;
beforeAll(async () => {
  h = await startWebHarness();
  const admin = new Client(h);
  await admin.login("admin", "admin-password-1");
  cookie = admin.cookie;
});
afterAll(async () => {
  await h?.close();
});

/** Every kind of route: tRPC query, mutation and subscription (SSE), a feature route, health, metrics, the web app. */
const ROUTES = [
  "/api/trpc/auth.me",
  "/api/trpc/alerts.list",
  "/api/trpc/auth.login",
  "/api/trpc/alerts.onChange",
  "/api/trpc/no.such",
  "/api/export/dhcp/leases.csv",
  "/api/export/none",
  "/healthz",
  "/metrics",
  "/",
  "/alerts/12",
  "/assets/app-1234.js",
  "/assets/missing.js",
];

interface Case {
  what: string;
  bytes: (route: string, headers: string) => string | Buffer;
  /** The one right answer, where there is one. */
  status?: number;
  /** Some 4xx (the route may answer before it reads the faulty part). */
  clientError?: boolean;
  /**
   * The request never completes: the client stops sending and half-closes, and closing without
   * an answer is right. (Other requests end with `Connection: close`, not a half-close, which
   * Node's server answers by closing at once.)
   */
  mayClose?: boolean;
}

const CRLF = "\r\n";
const req = (method: string, target: string, headers: string, body = "") =>
  `${method} ${target} HTTP/1.1${CRLF}Host: localhost${CRLF}${headers}Connection: close${CRLF}${CRLF}${body}`;
const post = (route: string, headers: string, body: string, type = "application/json") =>
  req(
    "POST",
    route,
    `${headers}Content-Type: ${type}${CRLF}Content-Length: ${Buffer.byteLength(body)}${CRLF}`,
    body,
  );

const CASES: Case[] = [
  // Paths
  { what: "malformed percent-encoding", bytes: (r, hd) => req("GET", `${r}%E0%A4%A`, hd), status: 400 },
  { what: "a lone %", bytes: (r, hd) => req("GET", `${r}%`, hd), status: 400 },
  { what: "%zz", bytes: (r, hd) => req("GET", `${r}/%zz`, hd), status: 400 },
  { what: "an encoded NUL", bytes: (r, hd) => req("GET", `${r}%00`, hd), status: 400 },
  { what: "encoded traversal", bytes: (r, hd) => req("GET", `${r}/..%2f..%2f..%2f..%2fetc%2fpasswd`, hd) },
  { what: "plain traversal", bytes: (r, hd) => req("GET", `${r}/../../../../etc/passwd`, hd) },
  { what: "backslash traversal", bytes: (r, hd) => req("GET", `${r}/..%5c..%5c..%5cetc%5cpasswd`, hd) },
  { what: "a long path", bytes: (r, hd) => req("GET", `${r}/${"a".repeat(8000)}`, hd) },
  { what: "a long file name", bytes: (r, hd) => req("GET", `${r}${"/x".repeat(3000)}.js`, hd) },
  { what: "an overlong path", bytes: (r, hd) => req("GET", `${r}/${"a".repeat(20_000)}`, hd), status: 431 },
  { what: "a long query", bytes: (r, hd) => req("GET", `${r}?input=${"%7B".repeat(3000)}`, hd) },
  { what: "malformed query escapes", bytes: (r, hd) => req("GET", `${r}?input=%E0%A4%A&batch=%zz`, hd) },
  { what: "truncated JSON input", bytes: (r, hd) => req("GET", `${r}?input=%7B%220%22%3A`, hd) },
  { what: "batch input not an object", bytes: (r, hd) => req("GET", `${r}?batch=1&input=[1,2]`, hd) },
  {
    what: "a batch of 500",
    bytes: (r, hd) => req("GET", `${r}${`,${r.split("/").pop()}`.repeat(499)}?batch=1`, hd),
  },
  { what: "an empty batch", bytes: (r, hd) => req("GET", `${r},,,?batch=1`, hd) },
  { what: "raw UTF-8 in the path", bytes: (r, hd) => Buffer.from(req("GET", `${r}/é☃`, hd), "utf8") },
  { what: "raw control bytes in the path", bytes: (r, hd) => req("GET", `${r}/\u0001\u007f`, hd) },
  { what: "an absolute-form target", bytes: (r, hd) => req("GET", `http://evil.example${r}`, hd) },
  { what: "an asterisk target", bytes: (_r, hd) => req("OPTIONS", "*", hd) },
  // Methods
  ...["PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "HEAD", "PROPFIND", "get", "FOO", "G\u0000T"].map(
    (m): Case => ({ what: `method ${JSON.stringify(m)}`, bytes: (r, hd) => req(m, r, hd) }),
  ),
  { what: "CONNECT", bytes: (r, hd) => req("CONNECT", r, hd) },
  { what: "HTTP/1.0 without Host", bytes: (r) => `GET ${r} HTTP/1.0${CRLF}${CRLF}` },
  { what: "HTTP/2 preface", bytes: () => "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n" },
  { what: "HTTP/9.9", bytes: (r) => `GET ${r} HTTP/9.9${CRLF}Host: x${CRLF}${CRLF}` },
  { what: "no Host header", bytes: (r) => `GET ${r} HTTP/1.1${CRLF}Connection: close${CRLF}${CRLF}` },
  // Headers
  {
    what: "a 20 kB header",
    bytes: (r, hd) => req("GET", r, `${hd}X-Big: ${"a".repeat(20_000)}${CRLF}`),
    status: 431,
  },
  { what: "1,000 headers", bytes: (r, hd) => req("GET", r, `${hd}${"X-N: v\r\n".repeat(1000)}`) },
  { what: "a NUL in a header", bytes: (r, hd) => req("GET", r, `${hd}X-Bad: a\u0000b${CRLF}`), status: 400 },
  { what: "a header without a colon", bytes: (r, hd) => req("GET", r, `${hd}Garbage${CRLF}`), status: 400 },
  { what: "a folded header", bytes: (r, hd) => req("GET", r, `${hd}X-Fold: a${CRLF} b${CRLF}`) },
  {
    what: "a space before the colon",
    bytes: (r, hd) => req("GET", r, `${hd}X-Space : a${CRLF}`),
    status: 400,
  },
  { what: "two Host headers", bytes: (r, hd) => req("GET", r, `${hd}Host: evil.example${CRLF}`) },
  { what: "a malformed Host", bytes: (r, hd) => `GET ${r} HTTP/1.1${CRLF}Host: [::1${CRLF}${hd}${CRLF}` },
  {
    what: "a Host with a path",
    bytes: (r, hd) => `GET ${r} HTTP/1.1${CRLF}Host: a/b?c#d${CRLF}${hd}${CRLF}`,
  },
  ...[
    "Bearer",
    "Bearer ",
    "bEaReR not-a-token",
    "Bearer a b c",
    "Basic %%%",
    `Bearer ${"x".repeat(8000)}`,
  ].map(
    (v): Case => ({
      what: `Authorization ${v.slice(0, 20)}`,
      bytes: (r, hd) => req("GET", r, `${hd}Authorization: ${v}${CRLF}`),
    }),
  ),
  {
    what: "two Authorization headers",
    bytes: (r, hd) => req("GET", r, `${hd}Authorization: Bearer a${CRLF}Authorization: Bearer b${CRLF}`),
  },
  {
    what: "a malformed session cookie",
    bytes: (r, hd) => req("GET", r, `${hd}Cookie: netops_session=%E0%A4%A${CRLF}`),
  },
  { what: "2,000 cookies", bytes: (r, hd) => req("GET", r, `${hd}Cookie: ${"a=%zz; ".repeat(2000)}${CRLF}`) },
  {
    what: "two session cookies",
    bytes: (r, hd) => req("GET", r, `${hd}Cookie: netops_session=x; netops_session=y${CRLF}`),
  },
  {
    what: "Accept: text/event-stream",
    bytes: (r, hd) => req("GET", r, `${hd}Accept: text/event-stream${CRLF}Last-Event-ID: %%%${CRLF}`),
  },
  {
    what: "trpc-accept: jsonl",
    bytes: (r, hd) => req("GET", r, `${hd}trpc-accept: application/jsonl${CRLF}`),
  },
  {
    what: "an Upgrade request",
    bytes: (r, hd) =>
      req(
        "GET",
        r,
        `${hd}Upgrade: websocket${CRLF}Sec-WebSocket-Key: x${CRLF}`.replace(
          "Connection: close",
          "Connection: Upgrade",
        ),
      ),
  },
  { what: "Expect: 100-continue", bytes: (r, hd) => post(r, `${hd}Expect: 100-continue${CRLF}`, "{}") },
  { what: "Expect: nonsense", bytes: (r, hd) => req("GET", r, `${hd}Expect: teapot${CRLF}`) },
  {
    what: "a huge Range",
    bytes: (r, hd) => req("GET", r, `${hd}Range: bytes=0-99999999999999999999,-1${CRLF}`),
  },
  // Content-Length and Transfer-Encoding
  {
    what: "Content-Length: abc",
    bytes: (r, hd) => req("POST", r, `${hd}Content-Length: abc${CRLF}`),
    status: 400,
  },
  {
    what: "Content-Length: -1",
    bytes: (r, hd) => req("POST", r, `${hd}Content-Length: -1${CRLF}`),
    status: 400,
  },
  {
    what: "two different Content-Lengths",
    bytes: (r, hd) => req("POST", r, `${hd}Content-Length: 2${CRLF}Content-Length: 3${CRLF}`, "{}"),
    status: 400,
  },
  {
    what: "an enormous Content-Length",
    bytes: (r, hd) =>
      req(
        "POST",
        r,
        `${hd}Content-Type: application/json${CRLF}Content-Length: 99999999999999999999${CRLF}`,
        "{}",
      ),
    mayClose: true,
  },
  {
    what: "Content-Length with chunked",
    bytes: (r, hd) =>
      req("POST", r, `${hd}Content-Length: 5${CRLF}Transfer-Encoding: chunked${CRLF}`, "0\r\n\r\n"),
    status: 400,
  },
  {
    what: "garbage chunks",
    bytes: (r, hd) =>
      req(
        "POST",
        r,
        `${hd}Content-Type: application/json${CRLF}Transfer-Encoding: chunked${CRLF}`,
        "zz\r\nhello\r\n0\r\n\r\n",
      ),
    clientError: true,
  },
  {
    what: "a body that stops short",
    bytes: (r, hd) =>
      req("POST", r, `${hd}Content-Type: application/json${CRLF}Content-Length: 100${CRLF}`, '{"0":{"usern'),
    mayClose: true,
  },
  {
    what: "chunks that stop short",
    bytes: (r, hd) =>
      req(
        "POST",
        r,
        `${hd}Content-Type: application/json${CRLF}Transfer-Encoding: chunked${CRLF}`,
        '5\r\n{"0":\r\n',
      ),
    mayClose: true,
  },
  { what: "a body on a GET", bytes: (r, hd) => req("GET", r, `${hd}Content-Length: 5${CRLF}`, "hello") },
  // Bodies
  { what: "a body that is not JSON", bytes: (r, hd) => post(r, hd, "not json at all") },
  { what: "truncated JSON", bytes: (r, hd) => post(r, hd, '{"0":{"username":"adm') },
  { what: "JSON null", bytes: (r, hd) => post(r, hd, "null") },
  { what: "a JSON BOM", bytes: (r, hd) => post(r, hd, '\ufeff{"username":"a","password":"b"}') },
  {
    what: "invalid UTF-8",
    bytes: (r, hd) =>
      Buffer.concat([
        Buffer.from(post(r, hd, "").replace("Content-Length: 0", "Content-Length: 4")),
        Buffer.from([0x22, 0xff, 0xfe, 0x22]),
      ]),
  },
  { what: "deep JSON", bytes: (r, hd) => post(r, hd, `${"[".repeat(100_000)}${"]".repeat(100_000)}`) },
  { what: "a body over maxBodyBytes", bytes: (r, hd) => post(r, hd, `"${"a".repeat(1_100_000)}"`) },
  {
    what: "a batch body for a batch URL",
    bytes: (r, hd) => post(`${r},${r.split("/").pop()}?batch=1`, hd, '{"0":1,"1":[]}'),
  },
  {
    what: "form data",
    bytes: (r, hd) =>
      post(
        r,
        hd,
        '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nb\r\n--x--',
        "multipart/form-data; boundary=x",
      ),
  },
  {
    what: "broken form data",
    bytes: (r, hd) => post(r, hd, "--x\r\ngarbage", "multipart/form-data; boundary=x"),
  },
  { what: "octet stream", bytes: (r, hd) => post(r, hd, "\u0000\u0001\u0002", "application/octet-stream") },
  {
    what: "an odd Content-Type",
    bytes: (r, hd) => post(r, hd, "{}", 'application/json; charset=utf-16; x="'),
  },
];

describe("the HTTP layer against hostile requests", () => {
  it("answers every one with a client error or a normal answer, never a 5xx, and keeps serving", async () => {
    const logged = vi.spyOn(h.app.services.logger, "error");
    // What the server itself answered, also where the client could not read it any more.
    const answered: { url: string | undefined; status: number }[] = [];
    const onRequest = (rq: IncomingMessage, res: ServerResponse) =>
      res.on("close", () => {
        if (res.headersSent) answered.push({ url: rq.url?.slice(0, 80), status: res.statusCode });
      });
    h.app.http.on("request", onRequest);
    const failures: string[] = [];
    let sent = 0;
    try {
      for (const [who, hd] of [
        ["anonymous", ""],
        ["signed in", `Cookie: ${cookie}${CRLF}Origin: ${h.origin}${CRLF}`],
      ] as const) {
        for (const route of ROUTES) {
          for (const c of CASES) {
            const label = `${who} ${route} ${c.what}`;
            sent++;
            let r: Awaited<ReturnType<typeof rawHttp>>;
            try {
              r = await rawHttp(h.url, c.bytes(route, hd), { end: c.mayClose === true });
            } catch (e) {
              failures.push(`${label}: ${(e as Error).message}`);
              continue;
            }
            if (r.status === null) {
              if (!c.mayClose) failures.push(`${label}: connection closed without an answer`);
            } else if (r.status >= 500) failures.push(`${label}: HTTP ${r.status} ${r.body.slice(0, 200)}`);
            else if (c.status !== undefined && r.status !== c.status)
              failures.push(`${label}: HTTP ${r.status}, expected ${c.status}`);
            else if (c.clientError && (r.status < 400 || r.status >= 500))
              failures.push(`${label}: HTTP ${r.status}, expected a 4xx`);
            if (/root:x?:0:0/.test(r.body)) failures.push(`${label}: served /etc/passwd`);
            if (/\bat .+\.(ts|js):\d+/.test(r.body)) failures.push(`${label}: stack trace in the answer`);
          }
        }
      }
    } finally {
      h.app.http.off("request", onRequest);
    }
    expect(failures).toEqual([]);
    expect(sent).toBeGreaterThan(1500);
    expect(answered.filter((a) => a.status >= 500)).toEqual([]);
    expect(logged).not.toHaveBeenCalled();
    // The same process, still answering.
    const health = await fetch(`${h.url}/healthz`);
    expect(health.status).toBe(200);
    const me = await fetch(`${h.url}/api/trpc/auth.me`, { headers: { cookie } });
    expect(me.status).toBe(200);
  }, 240_000);
});

describe("every procedure in a batch", () => {
  it("answers batches of hostile calls to each procedure without a 5xx, and refuses password calls in them", async () => {
    const procedures = Object.entries(
      appRouter._def.procedures as unknown as Record<string, { _def: { type: string } }>,
    ).filter(([p, proc]) => proc._def.type !== "subscription" && p !== "auth.logout");
    expect(procedures.length).toBeGreaterThan(50);
    const inputs = {
      "0": null,
      "1": "'; DROP TABLE User; --",
      "2": { id: "1 OR 1=1", limit: -1, q: "\ud800" },
    };
    const failures: string[] = [];
    for (const [p, proc] of procedures) {
      const target = `/api/trpc/${p},${p},${p}?batch=1`;
      const send = () =>
        proc._def.type === "query"
          ? fetch(`${h.url}${target}&input=${encodeURIComponent(JSON.stringify(inputs))}`, {
              headers: { cookie },
            })
          : fetch(`${h.url}${target}`, {
              method: "POST",
              headers: { cookie, origin: h.origin, "content-type": "application/json" },
              body: JSON.stringify(inputs),
            });
      let res = await send();
      if (res.status === 401) {
        // A call in the batch ended the session (a procedure that takes no input ran): log in again.
        const again = new Client(h);
        await again.login("admin", "admin-password-1");
        cookie = again.cookie;
        res = await send();
      }
      const text = await res.text();
      if (res.status >= 500 || /"httpStatus":5\d\d/.test(text))
        failures.push(`${p}: HTTP ${res.status} ${text.slice(0, 200)}`);
      if ((p === "auth.login" || p === "auth.changePassword") && res.status !== 400)
        failures.push(`${p}: a batch of 3 was not refused (HTTP ${res.status})`);
    }
    expect(failures).toEqual([]);
    expect((await fetch(`${h.url}/healthz`)).status).toBe(200);
  }, 120_000);
});
