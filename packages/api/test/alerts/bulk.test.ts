/**
 * Issue 15, alerts: bulk acknowledge / resolve / silence, related alerts (the object's other
 * alerts), and silences scheduled ahead and edited (Alertmanager's rules), through the router with
 * roles and audit.
 */
import type { Role } from "@netops/protocols";
import { TRPCError } from "@trpc/server";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Context } from "../../src/context";
import { appRouter } from "../../src/router";
import type { Services } from "../../src/services";
import { createCallerFactory } from "../../src/trpc";
import { type TestDb, testDb, testServices } from "../fixtures";

let t: TestDb;
let services: Services;

beforeEach(() => {
  t = testDb("bulk");
  services = testServices(t.db);
});
afterEach(() => t.close());

async function as(role: Role) {
  const u = await services.auth.createUser(`u-${role}`, `${role}-password-1x`, role);
  const ctx: Context = {
    services,
    req: { method: "POST", headers: {}, ip: "127.0.0.1", secure: false, setCookie: () => {} },
    user: { id: u.id, username: u.username, role, via: "token" },
    audit: { written: false },
  };
  return createCallerFactory(appRouter)(ctx);
}

const raise = (k: string, href?: string) =>
  services.alerts
    .raise({
      source: "zonemd",
      severity: "warning",
      labels: { k },
      summary: `example ${k}`,
      links: href ? [{ label: "Zone", href }] : [],
    })
    .then((r) => r.alert);

const code = (e: unknown) => (e instanceof TRPCError ? e.code : String(e));
const HOUR = 3_600_000;
const inHours = (h: number) => new Date(Date.now() + h * HOUR).toISOString();

describe("bulk alert actions", () => {
  it("acknowledges and resolves several, each audited, with refusals per alert", async () => {
    const op = await as("operator");
    const [a, b, c] = [await raise("a"), await raise("b"), await raise("c")];
    await services.alerts.resolveById(c.id, "auto");
    const acked = await op.alerts.acknowledgeMany({ ids: [a.id, b.id, c.id, 999] });
    expect(acked.results).toEqual([
      { id: a.id, ok: true, state: "acknowledged", error: null },
      { id: b.id, ok: true, state: "acknowledged", error: null },
      { id: c.id, ok: false, state: null, error: `alert ${c.id} is resolved` },
      { id: 999, ok: false, state: null, error: "no such alert" },
    ]);
    const resolved = await op.alerts.resolveMany({ ids: [a.id, b.id], note: "fixed upstream" });
    expect(resolved.results.map((r) => r.state)).toEqual(["resolved", "resolved"]);
    const audit = await t.db.auditEntry.findMany({ orderBy: { id: "asc" } });
    expect(audit.filter((e) => e.action === "alerts.acknowledge").map((e) => e.target)).toEqual([
      `alert ${a.id}`,
      `alert ${b.id}`,
    ]);
    expect(audit.filter((e) => e.action === "alerts.resolve").map((e) => e.target)).toEqual([
      `alert ${a.id}`,
      `alert ${b.id}`,
    ]);
  });

  it("refuses viewers and malformed id lists with the field named", async () => {
    const viewer = await as("viewer");
    const a = await raise("a");
    expect(code(await viewer.alerts.acknowledgeMany({ ids: [a.id] }).catch((e) => e))).toBe("FORBIDDEN");
    const op = await as("operator");
    for (const [ids, msg] of [
      [[], "select at least one alert"],
      [[a.id, a.id], "each alert once"],
      [Array.from({ length: 201 }, (_, i) => i + 1), "at most 200 alerts at once"],
      [[0], "Too small"],
    ] as const) {
      const e = await op.alerts.resolveMany({ ids: [...ids] }).catch((x: unknown) => x);
      expect(code(e)).toBe("BAD_REQUEST");
      expect(String((e as Error).message)).toMatch(new RegExp(msg, "i"));
    }
  });

  it("silences each selected alert by its exact condition, possibly starting later", async () => {
    const op = await as("operator");
    const [a, b] = [await raise("a"), await raise("b")];
    const made = await op.silences.createForAlerts({
      ids: [a.id, b.id],
      startsAt: inHours(1),
      endsAt: inHours(3),
      comment: "maintenance window",
    });
    expect(made.map((s) => [s.state, s.matchers])).toEqual([
      [
        "pending",
        [
          { name: "source", op: "=", value: "zonemd" },
          { name: "k", op: "=", value: "a" },
        ],
      ],
      [
        "pending",
        [
          { name: "source", op: "=", value: "zonemd" },
          { name: "k", op: "=", value: "b" },
        ],
      ],
    ]);
    // Pending: nothing is silenced yet.
    expect((await services.alerts.counts()).silenced).toBe(0);
    const e = await op.silences
      .createForAlerts({ ids: [a.id], endsAt: inHours(-1), comment: "x" })
      .catch((x: unknown) => x);
    expect([code(e), (e as Error).message]).toEqual(["BAD_REQUEST", "endsAt: must be in the future"]);
  });
});

describe("related alerts", () => {
  it("lists the other alerts about the same object, newest first, and none without an object", async () => {
    const viewer = await as("viewer");
    const a = await raise("a", "/dns/1");
    const b = await raise("b", "/dns/1");
    await raise("c", "/dns/2");
    const d = await raise("d", "/dns/1");
    await services.alerts.resolveById(b.id, "auto");
    const r = await viewer.alerts.related({ id: a.id });
    expect(r.object).toBe("/dns/1");
    expect(r.items.map((x) => x.id)).toEqual([d.id, b.id]);
    const lone = await raise("e");
    expect(await viewer.alerts.related({ id: lone.id })).toEqual({ object: null, items: [] });
  });
});

describe("an object's alerts (alerts.forObject)", () => {
  it("lists the alerts linking to any of the object's pages, any link, newest first, any state", async () => {
    const viewer = await as("viewer");
    const byId = await raise("a", "/dns/z1");
    const byName = await raise("b", "/dns/one.example");
    await raise("c", "/dns/z2");
    // Linked second (an RDAP finding links the host first, then the lookup).
    const second = await services.alerts
      .raise({
        source: "rdap",
        severity: "info",
        labels: { k: "d" },
        summary: "second link",
        links: [
          { label: "Other", href: "/registry/hosts/c/ns1.example" },
          { label: "Zone", href: "/dns/z1" },
        ],
      })
      .then((r) => r.alert);
    await services.alerts.resolveById(byId.id, "auto");
    const r = await viewer.alerts.forObject({ hrefs: ["/dns/z1", "/dns/one.example"] });
    expect(r.items.map((x) => x.id)).toEqual([second.id, byName.id, byId.id]);
    expect(r.more).toBe(false);
    const one = await viewer.alerts.forObject({ hrefs: ["/dns/z1", "/dns/one.example"], limit: 1 });
    expect([one.items.length, one.more]).toEqual([1, true]);
    // A prefix of a page is not the page ("/dns/z" is not "/dns/z1").
    expect((await viewer.alerts.forObject({ hrefs: ["/dns/z"] })).items).toEqual([]);
  });

  it("refuses what is not a console path, and too many pages", async () => {
    const viewer = await as("viewer");
    for (const hrefs of [[], ["https://evil.example/"], ["//evil.example"], Array(9).fill("/dns/x")])
      expect(code(await viewer.alerts.forObject({ hrefs }).catch((e) => e))).toBe("BAD_REQUEST");
  });
});

describe("editing silences", () => {
  const base = { matchers: [{ name: "k", op: "=" as const, value: "a" }], comment: "why" };

  it("edits a pending silence in place, including its start", async () => {
    const op = await as("operator");
    const s = await op.silences.create({ ...base, startsAt: inHours(1), endsAt: inHours(2) });
    const u = await op.silences.update({
      id: s.id,
      ...base,
      startsAt: inHours(2),
      endsAt: inHours(4),
      comment: "later",
    });
    expect([u.id, u.state, u.comment, u.startsAt]).toEqual([s.id, "pending", "later", expect.any(String)]);
    expect(Date.parse(u.startsAt)).toBeGreaterThan(Date.parse(s.startsAt));
  });

  it("extends an active silence in place, replaces it when its matchers change, refuses an expired one", async () => {
    const op = await as("operator");
    const s = await op.silences.create({ ...base, endsAt: inHours(1) });
    const longer = await op.silences.update({ id: s.id, ...base, endsAt: inHours(5) });
    expect([longer.id, longer.state]).toEqual([s.id, "active"]);
    const other = await op.silences.update({
      id: s.id,
      matchers: [{ name: "k", op: "=~", value: "a|b" }],
      endsAt: inHours(5),
      comment: "wider",
    });
    expect(other.id).not.toBe(s.id);
    const all = await op.silences.list({});
    expect(all.find((x) => x.id === s.id)?.state).toBe("expired");
    const e = await op.silences.update({ id: s.id, ...base, endsAt: inHours(2) }).catch((x: unknown) => x);
    expect([code(e), (e as Error).message]).toEqual(["CONFLICT", "an expired silence cannot be edited"]);
    const missing = await op.silences
      .update({ id: "nope", ...base, endsAt: inHours(2) })
      .catch((x: unknown) => x);
    expect(code(missing)).toBe("NOT_FOUND");
  });
});
