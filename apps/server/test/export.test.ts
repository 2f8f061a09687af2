/**
 * The list exports (issue 15, "Export: CSV and JSON … with the filters applied"): through a real
 * console on loopback, every row of the filtered set across keyset pages, roles as the lists' own,
 * and a refused filter answered 400 with the procedure's reason (never an unfiltered file).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCsv } from "./csv";
import { Client, type Harness, startHarness } from "./harness";

let h: Harness;
let admin: Client;
let viewer: Client;
const N = 1_234; // more than two of the export's 500-row pages

/** A GET; once more when the pooled keep-alive socket was closed by the server during the long set-up. */
async function get(p: string, headers: Record<string, string> = {}): Promise<Response> {
  try {
    return await fetch(`${h.url}${p}`, { headers });
  } catch (err) {
    if ((err as { cause?: { code?: string } }).cause?.code !== "ECONNRESET") throw err;
    return fetch(`${h.url}${p}`, { headers });
  }
}
const q = (input: unknown) => `?input=${encodeURIComponent(JSON.stringify(input))}`;

beforeAll(async () => {
  h = await startHarness();
  admin = new Client(h);
  await admin.login("admin", "admin-password-1");
  await admin.mutate("users.create", { username: "xview", password: "viewer-password-1", role: "viewer" });
  viewer = new Client(h);
  await viewer.login("xview", "viewer-password-1");
  const audit = h.app.services.audit;
  for (let i = 0; i < N; i++)
    await audit.record({
      actorId: null,
      actorName: "exporter",
      action: i % 2 ? "test.odd" : "test.even",
      target: i === 7 ? '=cmd|" /C calc"!A0, "quoted"' : `object ${i}`,
    });
  for (let i = 0; i < 3; i++)
    await h.app.services.alerts.raise({
      source: "zonemd",
      severity: i === 0 ? "critical" : "warning",
      labels: { n: String(i) },
      summary: `example alert ${i}`,
    });
}, 120_000);
afterAll(async () => {
  await h.close();
});

describe("GET /api/export/<list>.<csv|json>", () => {
  it("streams every audit entry of the filter, across pages, as CSV", async () => {
    const r = await get(`/api/export/audit.csv${q({ actor: "exporter", action: "test." })}`, {
      cookie: admin.cookie,
    });
    expect(r.status).toBe(200);
    expect(r.headers.get("content-disposition")).toMatch(/^attachment; filename="audit-\d{8}T\d{6}Z\.csv"$/);
    const rows = parseCsv(await r.text());
    expect(rows[0]).toEqual([
      "id",
      "at",
      "actorName",
      "action",
      "target",
      "ok",
      "result",
      "ip",
      "before",
      "after",
    ]);
    expect(rows).toHaveLength(N + 1);
    expect(new Set(rows.slice(1).map((x) => x[0])).size).toBe(N);
    // A formula is defused, commas and quotes survive the round trip.
    expect(rows.find((x) => x[4]?.includes("calc"))?.[4]).toBe(`'=cmd|" /C calc"!A0, "quoted"`);
  });

  it("applies the filter: only the odd actions", async () => {
    const r = await get(`/api/export/audit.json${q({ action: "test.odd" })}`, { cookie: admin.cookie });
    expect(r.status).toBe(200);
    const rows = (await r.json()) as { action: string }[];
    expect(rows).toHaveLength(N / 2);
    expect(rows.every((x) => x.action === "test.odd")).toBe(true);
  });

  it("keeps the lists' roles: the audit log is for admins", async () => {
    expect((await get("/api/export/audit.csv", { cookie: viewer.cookie })).status).toBe(403);
    expect((await get("/api/export/alerts.csv")).status).toBe(401);
    const alerts = await get(`/api/export/alerts.json${q({ severity: ["critical"], state: ["firing"] })}`, {
      cookie: viewer.cookie,
    });
    expect(alerts.status).toBe(200);
    expect(((await alerts.json()) as { summary: string }[]).map((a) => a.summary)).toEqual([
      "example alert 0",
    ]);
  });

  it("refuses a filter the list refuses, with its reason, instead of exporting everything", async () => {
    const bad = await get(`/api/export/bgp-events.csv${q({ peerAs: -1 })}`, { cookie: viewer.cookie });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { issues: string[] } }).error.issues[0]).toMatch(/^peerAs: /);
    for (const [p, reason] of [
      ["?input=%7Bnope", "input is not a JSON object"],
      ["?input=[1]", "input is not a JSON object"],
      [`?input=${"x".repeat(4001)}`, "input is longer than 4000 characters"],
      ["?input={}&extra=1", "unknown parameter extra (only input)"],
    ] as const) {
      const r = await get(`/api/export/alerts.csv${p}`, { cookie: viewer.cookie });
      expect(r.status, p).toBe(400);
      expect(((await r.json()) as { error: { message: string } }).error.message).toBe(reason);
    }
    const range = await get(
      `/api/export/audit.csv${q({ from: "2026-12-06T12:00Z", to: "2026-12-06T11:00Z" })}`,
      {
        cookie: admin.cookie,
      },
    );
    expect(range.status).toBe(400);
  });

  it("exports the unpaged lists too (zones, registry objects), header only when empty", async () => {
    for (const name of ["dns-zones", "registry-hosts", "registry-domains"]) {
      const r = await get(`/api/export/${name}.csv`, { cookie: viewer.cookie });
      expect(r.status, name).toBe(200);
      expect(parseCsv(await r.text())).toHaveLength(1);
      const j = await get(`/api/export/${name}.json`, { cookie: viewer.cookie });
      expect(await j.json()).toEqual([]);
    }
    const missing = await get(`/api/export/dns-checks.csv${q({ id: "nope" })}`, { cookie: viewer.cookie });
    expect(missing.status).toBe(404);
  });
});
