/**
 * Webhook delivery and alert reminders are owned work (leases "webhook-delivery" and
 * "alert-reminders"): every side effect goes through the run's fence. Two "replicas" here are two
 * Prisma clients with their own ownership and webhook service on one database (either engine:
 * NETOPS_TEST_DB=postgres); the receiver is a real HTTP server on 127.0.0.1 that counts what it gets.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createDb, type Db, dbUrl } from "@netops/db";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AlertService } from "../../src/services/alerts";
import { EventBus } from "../../src/services/bus";
import { SecretBox } from "../../src/services/crypto";
import { type WorkFence, WorkOwnership } from "../../src/services/ownership";
import { type SendFence, WebhookService } from "../../src/services/webhooks";
import { type TestDb, testDb } from "../fixtures";

const HOUR = 3_600_000;
let t: TestDb;
let dbB: Db;
let server: Server | null = null;
const services: WebhookService[] = [];
/** What the receiver got: the delivery id header of each request. */
let received: string[] = [];

beforeEach(() => {
  t = testDb("webhook-fencing");
  dbB = createDb(dbUrl(t.db));
  received = [];
});
afterEach(async () => {
  for (const w of services.splice(0)) await w.close();
  if (server) {
    server.closeAllConnections();
    await new Promise((r) => server?.close(r));
    server = null;
  }
  await dbB.$disconnect();
  await t.close();
});

/** A loopback receiver that records each request; `answer` (default: 200 at once) may hold the response. */
async function receiver(answer: (res: ServerResponse) => void = (res) => res.end("ok")): Promise<string> {
  server = createServer((req: IncomingMessage, res) => {
    req.resume();
    req.on("end", () => {
      received.push(String(req.headers["x-netops-delivery"]));
      answer(res);
    });
  });
  await new Promise<void>((r) => server?.listen(0, "127.0.0.1", r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
}

/** One replica's alert and webhook services on `db`. */
function replica(db: Db, now: () => Date, opts: { timeoutMs?: number; repeatIntervalMs?: number } = {}) {
  const alerts = new AlertService(db, new EventBus(), now);
  const w = new WebhookService(
    db,
    new SecretBox("test-key"),
    new EventBus(),
    {
      timeoutMs: opts.timeoutMs ?? 2000,
      maxAttempts: 3,
      backoffMs: 10,
      repeatIntervalMs: opts.repeatIntervalMs ?? 0,
      publicOrigin: "http://127.0.0.1:3000",
    },
    now,
  );
  w.alerts = alerts;
  alerts.notifier = w;
  services.push(w);
  return { alerts, webhooks: w };
}

const addReceiver = (w: WebhookService, url: string) =>
  w.create({
    name: "pager",
    url,
    secret: "s".repeat(16),
    minSeverity: "info",
    sources: [],
    sendResolved: false,
  });

const raise = (alerts: AlertService) =>
  alerts.raise({ source: "dhcp", severity: "critical", labels: { pool: "p1" }, summary: "pool full" });

function owned(o: WorkOwnership, work: string): WorkFence {
  const f = o.fence(work);
  if (!f) throw new Error(`${o.replicaId} should own ${work}`);
  return f;
}

describe("webhook delivery through the lease's fence", () => {
  it("a replica that lost the lease sends nothing: its late attempt is refused, the receiver gets the delivery once", async () => {
    const url = await receiver();
    let now = Date.now();
    const clock = () => new Date(now);
    const a = new WorkOwnership(t.db, { replicaId: "a", ttlMs: 30_000, now: clock });
    const b = new WorkOwnership(dbB, { replicaId: "b", ttlMs: 30_000, now: clock });
    a.want("webhook-delivery");
    b.want("webhook-delivery");
    await a.heartbeat();
    await b.heartbeat();
    const fenceA = owned(a, "webhook-delivery");
    const onA = replica(t.db, clock);
    const onB = replica(dbB, clock);
    await addReceiver(onA.webhooks, url);
    await raise(onA.alerts);
    const [queued] = await t.db.webhookDelivery.findMany();
    expect(queued?.status).toBe("pending");

    // a pauses past its lease; b takes the work over with epoch 2.
    now += 31_000;
    await b.heartbeat();
    const fenceB = owned(b, "webhook-delivery");
    expect(fenceB.epoch).toBe(2);

    // a resumes inside its old run: it claims the row, finds its epoch is not current, gives it back.
    expect(await onA.webhooks.deliverDue(fenceA)).toBe(1);
    expect(received).toEqual([]);
    const back = await t.db.webhookDelivery.findUniqueOrThrow({ where: { id: queued?.id } });
    expect(back).toMatchObject({ status: "pending", attempts: 0, claimToken: null, claimedUntil: null });

    // The owner sends it; a's later tries (fenced or the row already delivered) add nothing.
    await onB.webhooks.deliverDue(fenceB);
    await onA.webhooks.deliverDue(fenceA);
    await onA.webhooks.deliverDue();
    expect(received).toEqual([String(queued?.id)]);
    expect(await t.db.webhookDelivery.findUniqueOrThrow({ where: { id: queued?.id } })).toMatchObject({
      status: "delivered",
      attempts: 1,
      claimToken: null,
    });
  });

  it("a delivery in flight is claimed: the new owner does not send it again, the claimer records the outcome", async () => {
    let answer: (() => void) | null = null;
    const url = await receiver((res) => {
      answer = () => res.end("ok");
    });
    const clock = () => new Date();
    // Short leases in real time: a's lease runs out while its request waits for the answer.
    const a = new WorkOwnership(t.db, { replicaId: "a", ttlMs: 1000 });
    const b = new WorkOwnership(dbB, { replicaId: "b", ttlMs: 1000 });
    a.want("webhook-delivery");
    b.want("webhook-delivery");
    const onA = replica(t.db, clock, { timeoutMs: 5000 });
    const onB = replica(dbB, clock, { timeoutMs: 5000 });
    await addReceiver(onA.webhooks, url);
    await raise(onA.alerts);
    await a.heartbeat();
    const sending = onA.webhooks.deliverDue(owned(a, "webhook-delivery"));
    for (let i = 0; i < 200 && received.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(received).toHaveLength(1);

    await new Promise((r) => setTimeout(r, 1100));
    await b.heartbeat();
    const fenceB = owned(b, "webhook-delivery");
    expect(fenceB.epoch).toBe(2);
    // The row is claimed until a's attempt has surely timed out: nothing for b to send.
    expect(await onB.webhooks.deliverDue(fenceB)).toBe(0);
    expect(received).toHaveLength(1);

    (answer as (() => void) | null)?.();
    await sending;
    const [row] = await t.db.webhookDelivery.findMany();
    expect(row).toMatchObject({ status: "delivered", attempts: 1, claimToken: null });
    expect(await onB.webhooks.deliverDue(fenceB)).toBe(0);
    expect(received).toHaveLength(1);
  });
});

describe("alert reminders through the lease's fence", () => {
  it("a stale owner queues no reminder; one paused between its check and its insert adds no second one", async () => {
    let now = Date.parse("2026-12-07T04:00:00Z");
    const clock = () => new Date(now);
    const onA = replica(t.db, clock, { repeatIntervalMs: HOUR });
    const onB = replica(dbB, clock, { repeatIntervalMs: HOUR });
    await addReceiver(onA.webhooks, "http://127.0.0.1:9/hook");
    const { alert } = await raise(onA.alerts);
    expect(await t.db.webhookDelivery.count()).toBe(1); // the alert's own notification

    now += HOUR + 1000;
    const a = new WorkOwnership(t.db, { replicaId: "a", ttlMs: 30_000, now: clock });
    const b = new WorkOwnership(dbB, { replicaId: "b", ttlMs: 30_000, now: clock });
    a.want("alert-reminders");
    b.want("alert-reminders");
    await a.heartbeat();
    await b.heartbeat();
    const fenceA = owned(a, "alert-reminders");
    now += 31_000;
    await b.heartbeat();
    const fenceB = owned(b, "alert-reminders");

    // The stale run is refused before it queues anything.
    expect(await onA.webhooks.repeatFiring(fenceA)).toBe(0);
    expect(await t.db.webhookDelivery.count()).toBe(1);

    // A run that passed its checks, then paused while b queued the same reminder, adds nothing.
    let checks = 0;
    const paused: SendFence = {
      work: "alert-reminders",
      epoch: fenceA.epoch,
      stillOwner: async () => {
        if (++checks === 2) expect(await onB.webhooks.repeatFiring(fenceB)).toBe(1);
        return true;
      },
    };
    expect(await onA.webhooks.repeatFiring(paused)).toBe(0);
    expect(checks).toBe(2);
    const rows = await t.db.webhookDelivery.findMany({
      where: { alertId: alert.id },
      orderBy: { id: "asc" },
    });
    expect(rows).toHaveLength(2);
    expect(rows[1]?.dedupKey).toMatch(/^repeat:/);
    expect(JSON.parse(rows[1]?.payload ?? "{}")).toMatchObject({ repeat: true });
    // The next interval gets the next reminder (a new key).
    now += HOUR + 1000;
    expect(await onB.webhooks.repeatFiring(fenceB)).toBe(0); // b's lease ran out on this clock
    await b.heartbeat();
    expect(await onB.webhooks.repeatFiring(owned(b, "alert-reminders"))).toBe(1);
  });
});
