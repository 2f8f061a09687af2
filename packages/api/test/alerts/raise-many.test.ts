/**
 * Batched alert changes (raiseMany, apply) leave exactly what the same raises and clears made one
 * call at a time leave: the same alerts (counts, severities, re-fired after a resolve, acknowledged
 * ones kept so), the same history, the same webhook deliveries (silenced alerts send nothing, a
 * worse severity sends again), the same results; the bus hears of every changed alert in its final
 * state. A batch costs the same number of statements whatever its size. Runs on either engine
 * (NETOPS_TEST_DB=postgres).
 */
import type { Db } from "@netops/db";
import type { AlertInput, Labels } from "@netops/protocols";
import { afterEach, describe, expect, it } from "vitest";
import { type AlertOp, AlertService } from "../../src/services/alerts";
import { type ConsoleEvent, EventBus } from "../../src/services/bus";
import { SecretBox } from "../../src/services/crypto";
import { WebhookService } from "../../src/services/webhooks";
import { openSql } from "../../src/sql";
import { type TestDb, testDb } from "../fixtures";

const NOW = new Date("2026-11-21T06:00:00Z");
const open: TestDb[] = [];
afterEach(async () => {
  for (const t of open.splice(0)) await t.close();
});

/** A database with receivers, a silence and three alerts already there (firing, acknowledged, resolved). */
async function world(name: string) {
  const t = testDb(name);
  open.push(t);
  let statements = 0;
  // Counts every statement the services send, inside transactions too.
  const db = t.db.$extends({
    query: {
      async $allOperations({ args, query }) {
        statements++;
        return query(args);
      },
    },
  }) as unknown as Db;
  const bus = new EventBus();
  const heard: ConsoleEvent[] = [];
  bus.forwardTo((e) => heard.push(e));
  const alerts = new AlertService(db, bus, () => NOW);
  const webhooks = new WebhookService(
    db,
    new SecretBox("test-key"),
    bus,
    { timeoutMs: 1000, maxAttempts: 1, backoffMs: 10, publicOrigin: "http://console.test" },
    () => NOW,
  );
  alerts.notifier = webhooks;
  const receiver = { url: "http://127.0.0.1:9/", secret: "s", sources: [] };
  await webhooks.create({ ...receiver, name: "all", minSeverity: "info", sendResolved: true });
  await webhooks.create({ ...receiver, name: "critical", minSeverity: "critical", sendResolved: false });
  const silence = await alerts.createSilence(
    {
      matchers: [{ name: "router", op: "=", value: "quiet" }],
      endsAt: "2026-11-22T00:00:00Z",
      comment: "work",
    },
    "admin",
  );
  await alerts.raise(raise("prior", "warning"));
  const { alert: acked } = await alerts.raise(raise("acked", "warning"));
  await alerts.acknowledge(acked.id, "admin");
  await alerts.raise(raise("gone", "warning"));
  await alerts.clear("bgp", labels("gone"));
  heard.length = 0;
  return {
    db,
    /** The client made by createDb (the hot-path connection is opened on it). */
    raw: t.db,
    /** `x` with this database's generated silence id spelled the same in every database. */
    plain: (x: unknown): unknown => JSON.parse(JSON.stringify(x).replaceAll(silence.id, "SILENCE")),
    alerts,
    heard,
    count: async <T>(fn: () => Promise<T>) => {
      statements = 0;
      await fn();
      return statements;
    },
  };
}

const labels = (router: string): Labels => ({ condition: "session-down", router, peer: "192.0.2.1" });
const raise = (router: string, severity: "info" | "warning" | "critical", summary = `${router} down`) =>
  ({
    source: "bgp",
    severity,
    labels: labels(router),
    summary,
    details: `${router}: ${severity}`,
    links: [{ label: "Session", href: `/bgp/session?router=${router}` }],
  }) satisfies AlertInput;
const clear = (router: string): AlertOp => ({
  kind: "clear",
  source: "bgp",
  labels: labels(router),
  note: "up",
});

/** Everything a batch can leave behind, without the receivers' generated ids. */
async function stored(db: Db) {
  const receivers = new Map((await db.webhookReceiver.findMany()).map((r) => [r.id, r.name]));
  return {
    alerts: await db.alert.findMany({ orderBy: { id: "asc" } }),
    events: (await db.alertEvent.findMany({ orderBy: { id: "asc" } })).map(({ id: _, ...e }) => e),
    deliveries: (await db.webhookDelivery.findMany({ orderBy: { id: "asc" } })).map(
      ({ id: _, receiverId, ...d }) => ({ ...d, receiver: receivers.get(receiverId) }),
    ),
  };
}

/** The ops one call at a time, through raise and clear. */
async function oneByOne(alerts: AlertService, ops: readonly AlertOp[]) {
  const out = [];
  for (const op of ops) {
    if (op.kind === "raise") out.push(await alerts.raise(op.input));
    else if (op.kind === "clear")
      out.push({ alert: await alerts.clear(op.source, op.labels, op.note), created: false });
  }
  return out;
}

/** Each alert's last change as the bus heard it (the batch says each change once, in its final state). */
function lastHeard(events: readonly ConsoleEvent[]) {
  const last = new Map<number, string>();
  for (const e of events) if (e.type === "alert") last.set(e.alertId, e.state);
  return [...last.entries()].sort((a, b) => a[0] - b[0]);
}

const MIXED: AlertOp[] = [
  { kind: "raise", input: raise("r1", "warning") }, // fires
  { kind: "raise", input: raise("r1", "warning", "r1 down again") }, // repeats
  { kind: "raise", input: raise("r1", "critical") }, // worse: history and a second notification
  { kind: "raise", input: raise("quiet", "critical") }, // silenced: history says so, nobody is sent it
  clear("r1"), // resolved
  { kind: "raise", input: raise("r1", "warning") }, // fires again: a new alert
  { kind: "raise", input: raise("prior", "info") }, // an earlier batch's alert: better, repeated
  { kind: "raise", input: raise("acked", "warning") }, // repeated, stays acknowledged
  clear("acked"), // an acknowledged alert resolves
  clear("never"), // nothing to clear
  { kind: "raise", input: raise("gone", "critical") }, // resolved earlier: fires again
  { kind: "raise", input: raise("r2", "critical") },
  { kind: "raise", input: raise("r2", "critical") },
  clear("quiet"),
  { kind: "raise", input: raise("r2", "info") },
];

describe("batched alert changes", () => {
  it("apply leaves what the same raises and clears one by one leave", async () => {
    const a = await world("batch-a");
    const b = await world("batch-b");
    const single = await oneByOne(a.alerts, MIXED);
    const batched = await b.alerts.apply(MIXED);
    expect(b.plain(batched)).toEqual(a.plain(single));
    expect(b.plain(await stored(b.db))).toEqual(a.plain(await stored(a.db)));
    expect(lastHeard(b.heard)).toEqual(lastHeard(a.heard));
    // Sanity: the script did what its comments say.
    const s = await stored(a.db);
    expect(s.alerts.filter((r) => r.labels.includes('"r1"')).map((r) => [r.state, r.count])).toEqual([
      ["resolved", 3],
      ["firing", 1],
    ]);
    expect(s.alerts.find((r) => r.labels.includes('"acked"'))?.acknowledgedBy).toBe("admin");
    expect(s.deliveries.filter((d) => d.receiver === "critical").length).toBeGreaterThan(0);
    expect(s.deliveries.some((d) => d.payload.includes('"quiet"') && d.event === "firing")).toBe(false);
    expect(s.events.some((e) => e.note?.startsWith("silenced by"))).toBe(true);
    expect(batched[9]).toEqual({ alert: null, created: false });
  });

  it("staged as steps of one SQL transaction (BGP ingest's path) leaves and reports what apply does", async () => {
    const a = await world("steps-a");
    const b = await world("steps-b");
    const viaApply = await a.alerts.apply(MIXED);
    const sql = await openSql(b.raw);
    try {
      const staged = await sql.steps(() => b.alerts.stage(sql.engine, MIXED));
      // Written, not yet announced: the bus hears of the batch only when it is published.
      expect(b.heard).toEqual([]);
      expect(b.plain(await staged.publish())).toEqual(a.plain(viaApply));
    } finally {
      await sql.close();
    }
    expect(b.plain(await stored(b.db))).toEqual(a.plain(await stored(a.db)));
    expect(lastHeard(b.heard)).toEqual(lastHeard(a.heard));
  });

  it("a batch staged in a transaction that fails leaves nothing and announces nothing", async () => {
    const w = await world("steps-rollback");
    const before = await stored(w.db);
    const sql = await openSql(w.raw);
    try {
      await expect(
        sql.steps(function* () {
          yield* w.alerts.stage(sql.engine, MIXED);
          throw new Error("the caller's own write failed");
        }),
      ).rejects.toThrow(/own write failed/);
    } finally {
      await sql.close();
    }
    expect(await stored(w.db)).toEqual(before);
    expect(w.heard).toEqual([]);
  });

  it("raiseMany returns and stores what as many raise calls do", async () => {
    const a = await world("many-a");
    const b = await world("many-b");
    const inputs = Array.from({ length: 40 }, (_, i) =>
      raise(`r${i % 7}`, i % 3 === 0 ? "info" : i % 3 === 1 ? "warning" : "critical", `down ${i}`),
    );
    const single = [];
    for (const input of inputs) single.push(await a.alerts.raise(input));
    expect(b.plain(await b.alerts.raiseMany(inputs))).toEqual(a.plain(single));
    expect(b.plain(await stored(b.db))).toEqual(a.plain(await stored(a.db)));
    expect((await stored(b.db)).alerts.filter((r) => r.state === "firing").map((r) => r.count)).toContain(6);
  });

  it("costs the same number of statements for 6 changes as for 450", async () => {
    const batch = (n: number, tag: string): AlertOp[] =>
      Array.from({ length: n }, (_, i): AlertOp[] => [
        { kind: "raise", input: raise(`${tag}${i}`, "warning") },
        { kind: "raise", input: raise(`${tag}${i}`, "critical") },
        clear(`${tag}${i}`),
      ]).flat();
    const w = await world("statements");
    // Each size twice: new alerts the first time, repeats and resolves of stored ones the second.
    const small = await w.count(() => w.alerts.apply(batch(2, "s").slice(0, 4)));
    const large = await w.count(() => w.alerts.apply(batch(150, "l").slice(0, 400)));
    expect(large).toBe(small);
    const smallAgain = await w.count(() => w.alerts.apply(batch(2, "s")));
    const largeAgain = await w.count(() => w.alerts.apply(batch(150, "l")));
    expect(largeAgain).toBe(smallAgain);
    expect(largeAgain).toBeLessThan(15);
  });

  it("checks every input before writing anything", async () => {
    const w = await world("refuse");
    const before = await stored(w.db);
    await expect(
      w.alerts.raiseMany([raise("ok", "warning"), { ...raise("bad", "warning"), summary: "" }]),
    ).rejects.toThrow(/summary/);
    expect(await stored(w.db)).toEqual(before);
  });
});
