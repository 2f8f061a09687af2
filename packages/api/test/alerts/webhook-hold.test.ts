/**
 * A receiver's hold (circuit breaker): after consecutive failed attempts nothing but a test is sent
 * to it until the hold ends, the hold doubling per failure up to its cap; a success ends it. Real
 * sockets on 127.0.0.1: a port nothing listens on (refused), then a server on that port (recovered).
 * The service's clock is stepped by hand, so the holds are exact.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Db } from "@netops/db";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AlertService } from "../../src/services/alerts";
import { EventBus } from "../../src/services/bus";
import { SecretBox } from "../../src/services/crypto";
import { receiverHoldMs, WebhookService } from "../../src/services/webhooks";
import { type TestDb, testDb } from "../fixtures";

let t: TestDb;
let db: Db;
let now: number;
let alerts: AlertService;
let w: WebhookService;
let server: Server | null = null;
let port = 0;
let got = 0;

beforeEach(async () => {
  t = testDb("webhook-hold");
  db = t.db;
  now = Date.now();
  const clock = () => new Date(now);
  alerts = new AlertService(db, new EventBus(), clock);
  w = new WebhookService(
    db,
    new SecretBox("test-key"),
    new EventBus(),
    {
      timeoutMs: 2000,
      maxAttempts: 20,
      backoffMs: 10,
      holdBaseMs: 1000,
      holdMaxMs: 4000,
      publicOrigin: "http://127.0.0.1:3000",
    },
    clock,
  );
  w.alerts = alerts;
  alerts.notifier = w;
  // A free loopback port, then closed: attempts to it are refused until `listen()`.
  await listen();
  const first = server as Server | null;
  if (!first) throw new Error("no server");
  port = (first.address() as AddressInfo).port;
  await stop();
  got = 0;
});
afterEach(async () => {
  await w.close();
  await stop();
  await t.close();
});

async function listen(): Promise<void> {
  server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      got++;
      res.end("ok");
    });
  });
  await new Promise<void>((r) => server?.listen(port, "127.0.0.1", r));
}
async function stop(): Promise<void> {
  if (!server) return;
  server.closeAllConnections();
  await new Promise((r) => server?.close(r));
  server = null;
}

async function setUp(alertCount: number) {
  const r = await w.create({
    name: "pager",
    url: `http://127.0.0.1:${port}/hook`,
    secret: "s".repeat(16),
    minSeverity: "info",
    sources: [],
    sendResolved: false,
  });
  for (let i = 0; i < alertCount; i++)
    await alerts.raise({ source: "dhcp", severity: "warning", labels: { n: String(i) }, summary: `a${i}` });
  return r.id;
}
const attempts = async () =>
  (await db.webhookDelivery.aggregate({ _sum: { attempts: true } }))._sum.attempts ?? 0;
const view = async () => (await w.list())[0];

describe("webhook receiver hold", () => {
  it("a refusing receiver gets one attempt per hold, the hold doubling 1 s → 2 s → 4 s and capped; its state is listed", async () => {
    await setUp(5);
    expect((await view())?.state).toBe("ok");
    await w.deliverDue();
    // The first failure holds the receiver: the other four deliveries are not tried.
    expect(await attempts()).toBe(1);
    expect(await view()).toMatchObject({
      state: "held",
      failures: 1,
      holdUntil: new Date(now + 1000).toISOString(),
    });
    expect(await w.deliverDue()).toBe(0);
    now += 999;
    expect(await w.deliverDue()).toBe(0);
    expect(await attempts()).toBe(1);

    // Each hold's end lets one probe through; it fails and the next hold is twice as long, to the cap.
    for (const [wait, hold] of [
      [1, 2000],
      [2000, 4000],
      [4000, 4000],
      [4000, 4000],
    ] as const) {
      now += wait;
      const before = await attempts();
      await w.deliverDue();
      expect(await attempts()).toBe(before + 1);
      expect((await view())?.holdUntil).toBe(new Date(now + hold).toISOString());
    }
    expect(await view()).toMatchObject({ state: "held", failures: 5 });
    now += 4000;
    // Past the hold and not yet probed: failing (the next attempt is the probe).
    expect((await view())?.state).toBe("failing");
    expect(got).toBe(0);
  });

  it("a receiver that comes back: the probe after the hold is delivered, the hold ends, the backlog follows", async () => {
    await setUp(3);
    await w.deliverDue();
    expect((await view())?.state).toBe("held");
    await listen();
    // Still held: nothing is sent though the receiver is up.
    await w.deliverDue();
    expect(got).toBe(0);
    now += 1000;
    await w.deliverDue();
    expect(got).toBe(3);
    expect(await view()).toMatchObject({ state: "ok", failures: 0, holdUntil: null });
    expect(await db.webhookDelivery.count({ where: { status: "delivered" } })).toBe(3);
  });

  it("a test is sent while the receiver is held; its success ends the hold", async () => {
    const id = await setUp(1);
    await w.deliverDue();
    expect((await view())?.state).toBe("held");
    // Still down: the test is tried at once anyway, and counts as a failure.
    await w.sendTest(id, "admin");
    await w.deliverDue();
    const test = await db.webhookDelivery.findFirstOrThrow({ where: { event: "test" } });
    expect(test.attempts).toBe(1);
    expect(await view()).toMatchObject({ state: "held", failures: 2 });

    // Up again, still held (for 2 s): a test goes at once; its success ends the hold, and the
    // waiting alert (and the first test) follow in the same turn.
    await listen();
    now += 50;
    expect(await view()).toMatchObject({ state: "held" });
    await w.sendTest(id, "admin");
    await w.deliverDue();
    expect(await view()).toMatchObject({ state: "ok", failures: 0, holdUntil: null });
    expect(got).toBe(3);
    expect(await db.webhookDelivery.count({ where: { status: "delivered", event: "test" } })).toBe(2);
    expect(await db.webhookDelivery.count({ where: { status: "delivered", event: "firing" } })).toBe(1);
  });

  it("holds grow 1 s · 2^(n-1) and stop at the cap (default 5 min)", () => {
    expect([0, 1, 2, 3, 9, 10, 50].map((n) => receiverHoldMs(n))).toEqual([
      0, 1000, 2000, 4000, 256_000, 300_000, 300_000,
    ]);
    expect(receiverHoldMs(3, 10, 25)).toBe(25);
  });
});
