/**
 * Every tRPC procedure, fed malformed, oversized and hostile input by an admin session: the answer
 * is always a clean 4xx (or a 200 for procedures that take no input), never a 500 or a stack trace;
 * nothing pollutes Object.prototype; the server stays healthy; and nothing is fetched from outside
 * (the console only talks to what is configured, and nothing is configured here).
 */
import { appRouter } from "@netops/api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, type Harness, startHarness } from "./harness";

let h: Harness;
let admin: Client;
const outbound: string[] = [];
beforeAll(async () => {
  h = await startHarness({
    fetch: async (url) => {
      outbound.push(String(url));
      throw new TypeError("fetch failed: outbound requests are not allowed in this test");
    },
  });
  admin = new Client(h);
  await admin.login("admin", "admin-password-1");
});
afterAll(() => h?.close());

const deep = (n: number): unknown => (n === 0 ? "x" : { a: deep(n - 1), b: [n] });
const HOSTILE: [string, unknown][] = [
  ["null", null],
  ["a number", 12345],
  ["a string", "'; DROP TABLE User; --"],
  ["an array", [1, "two", { three: 3 }]],
  [
    "prototype pollution",
    JSON.parse('{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}}'),
  ],
  [
    "wrong types in every usual field",
    { id: "1 OR 1=1", name: ["x"], limit: -1, cursor: {}, q: 7, sourceId: 1e308, enabled: "yes" },
  ],
  [
    "oversized strings",
    { id: 1, name: "n".repeat(200_000), q: "q".repeat(200_000), text: "\u0000".repeat(50_000) },
  ],
  ["200 levels of nesting", deep(200)],
  [
    "control and bidi characters",
    { name: "\u202e\u0000\u001b[31m", q: "\ud800", id: Number.MAX_SAFE_INTEGER },
  ],
];

// Not fed garbage: logout would end the test's session (it takes no input), and the
// subscription is a long-lived SSE stream (its input is checked like any other in alerts.test.ts).
const SKIP = new Set(["auth.logout"]);

/** Refusals by the HTTP layer itself, before tRPC (a query's input rides in the URL). */
const TRANSPORT_LIMITS = new Set([413, 414, 431]);

/** One call as the browser makes it (GET for queries, POST for mutations), keeping the raw answer. */
async function send(type: string, path: string, input: unknown) {
  const base = `${h.url}/api/trpc/${path}`;
  const headers = { cookie: admin.cookie };
  const res =
    type === "query"
      ? await fetch(`${base}?input=${encodeURIComponent(JSON.stringify(input))}`, { headers })
      : await fetch(base, {
          method: "POST",
          headers: { ...headers, "content-type": "application/json", origin: h.origin },
          body: JSON.stringify(input),
        });
  const text = await res.text();
  let message: string | undefined;
  try {
    message = (JSON.parse(text) as { error?: { message?: string } }).error?.message;
  } catch {
    message = undefined;
  }
  return { status: res.status, text, message };
}

describe("every procedure against hostile input", () => {
  it("answers each with a 4xx or 200 and a clean JSON error, never 500", async () => {
    const procedures = Object.entries(
      appRouter._def.procedures as unknown as Record<string, { _def: { type: string } }>,
    );
    expect(procedures.length).toBeGreaterThan(50);
    const failures: string[] = [];
    let calls = 0;
    for (const [path, proc] of procedures) {
      const type = proc._def.type;
      if (SKIP.has(path) || type === "subscription") continue;
      for (const [what, input] of HOSTILE) {
        let r = await send(type, path, input);
        if (r.status === 401) {
          // Something in the list ended the session (e.g. a procedure that takes no input ran): log in again.
          await admin.login("admin", "admin-password-1");
          r = await send(type, path, input);
        }
        calls++;
        if (r.status >= 500) failures.push(`${path} (${what}): HTTP ${r.status} ${r.text.slice(0, 300)}`);
        else if (r.status >= 400 && !r.message && !TRANSPORT_LIMITS.has(r.status))
          failures.push(
            `${path} (${what}): HTTP ${r.status} without an error message: ${r.text.slice(0, 200)}`,
          );
        if (/\bat .+\.(ts|js):\d+/.test(r.text))
          failures.push(`${path} (${what}): stack trace in the answer`);
      }
    }
    expect(failures).toEqual([]);
    expect(calls).toBeGreaterThan(400);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(outbound).toEqual([]);
    // Text that is not valid Unicode is refused with its field, before it reaches a query.
    const lone = await send("query", "alerts.list", { q: "abc\ud800" });
    expect([lone.status, lone.message]).toEqual([
      400,
      "q: text with an unpaired UTF-16 surrogate (not valid Unicode)",
    ]);
    const pair = await send("query", "alerts.list", { q: "\u{1F600}" });
    expect(pair.status).toBe(200);
    // A row that does not exist is a 404 with a message, also where the service assumed it did.
    const gone = await send("mutation", "dhcp.pollNow", { id: 987654 });
    expect(gone.status).toBe(404);
    const health = await fetch(`${h.url}/healthz`);
    expect(health.status).toBe(200);
    expect((await admin.query("auth.me")).status).toBe(200);
  }, 120_000);
});
