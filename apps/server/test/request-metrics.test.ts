// /metrics shows the server time of each request (handler start to last byte, by route class) and
// how the session checks were answered: the first from the database, the rest from the cache.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, type Harness, startHarness } from "./harness";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ env: { NETOPS_SESSION_CACHE_SECONDS: "30" } });
});
afterAll(() => h?.close());

/** The value of `name` whose labels include `label` (every series also carries the replica's id). */
const series = (text: string, name: string, label = "") => {
  const line = text
    .split("\n")
    .find((l) => (l.startsWith(`${name}{`) || l.startsWith(`${name} `)) && l.includes(label));
  return line === undefined ? 0 : Number(line.slice(line.lastIndexOf(" ") + 1));
};

describe("request metrics", () => {
  it("times API requests on the server and counts session cache hits and reads", async () => {
    const c = new Client(h);
    await c.login("admin", "admin-password-1");
    const scrape = async () => (await fetch(`${h.url}/metrics`, { headers: { cookie: c.cookie } })).text();
    const before = await scrape();
    for (let i = 0; i < 4; i++) expect((await c.query("alerts.list", { limit: 5 })).status).toBe(200);
    const after = await scrape();
    const d = (name: string, label = "") => series(after, name, label) - series(before, name, label);
    // The four calls, and the scrape before them (observed once it had finished).
    expect(d("netops_http_request_duration_seconds_count", 'route="api"')).toBe(4);
    expect(d("netops_http_request_duration_seconds_sum", 'route="api"')).toBeGreaterThan(0);
    expect(d("netops_http_request_duration_seconds_count", 'route="metrics"')).toBe(1);
    // The session was checked (and cached) by the first scrape: every call after it is a hit.
    expect(d("netops_session_cache_total", 'result="hit"')).toBe(5);
    expect(d("netops_session_reads_total")).toBe(0);
  });
});
