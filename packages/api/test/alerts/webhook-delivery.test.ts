/**
 * Webhook delivery against real loopback receivers: a receiver that hangs delays only itself (the
 * healthy one gets every alert, in order, meanwhile), retries are due backoff after the attempt
 * started (not after however long it hung), and housekeeping deletes old finished deliveries only.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Db } from "@netops/db";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AlertService } from "../../src/services/alerts";
import { EventBus } from "../../src/services/bus";
import { SecretBox } from "../../src/services/crypto";
import { nextAttemptAt, WebhookService } from "../../src/services/webhooks";
import { type TestDb, testDb } from "../fixtures";

let t: TestDb;
let db: Db;
let alerts: AlertService;
const servers: Server[] = [];
const services: WebhookService[] = [];

/** A loopback receiver: `answer` decides what each request gets (nothing at all: it hangs). */
async function receiver(answer: (req: IncomingMessage, res: ServerResponse, body: string) => void) {
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => {
      body += c;
    });
    req.on("end", () => answer(req, res, body));
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
}

function service(settings: { timeoutMs: number; maxAttempts: number; backoffMs: number }, now?: () => Date) {
  const w = new WebhookService(
    db,
    new SecretBox("test-key"),
    new EventBus(),
    { ...settings, publicOrigin: "http://127.0.0.1:3000" },
    now,
  );
  w.alerts = alerts;
  alerts.notifier = w;
  services.push(w);
  return w;
}

const add = (w: WebhookService, name: string, url: string) =>
  w.create({ name, url, secret: "s".repeat(16), minSeverity: "info", sources: [], sendResolved: false });

/** Polls until `fn` is true, running `tick` (the scheduler's job) between tries; bounded. */
async function until(fn: () => boolean | Promise<boolean>, what: string, tick?: () => void) {
  for (let i = 0; i < 800; i++) {
    if (await fn()) return;
    tick?.();
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

beforeEach(() => {
  t = testDb("webhook-delivery");
  db = t.db;
  alerts = new AlertService(db, new EventBus());
});
afterEach(async () => {
  for (const w of services.splice(0)) await w.close();
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
  await t.close();
});

describe("webhook delivery", () => {
  it("a receiver that hangs delays only itself: the healthy one gets all alerts, in order", async () => {
    const got: string[] = [];
    let stuckRequests = 0;
    const healthy = await receiver((_req, res, body) => {
      got.push((JSON.parse(body) as { alert: { summary: string } }).alert.summary);
      res.end("ok");
    });
    const stuck = await receiver(() => {
      stuckRequests++; // never answered
    });
    // The hanging attempt would outlast the test: only close() ends it.
    const w = service({ timeoutMs: 60_000, maxAttempts: 3, backoffMs: 10 });
    await add(w, "stuck", stuck);
    await add(w, "healthy", healthy);
    const N = 10;
    for (let i = 1; i <= N; i++) {
      await alerts.raise({
        source: "dhcp",
        severity: "warning",
        labels: { n: String(i) },
        summary: `alert ${i}`,
      });
      void w.deliverDue();
    }
    await until(
      () => got.length === N,
      "the healthy receiver to get every alert",
      () => void w.deliverDue(),
    );
    expect(got).toEqual(Array.from({ length: N }, (_, i) => `alert ${i + 1}`));
    // One delivery at a time per receiver: the stuck one has had its first request only.
    expect(stuckRequests).toBe(1);
    const stuckId = (await w.list()).find((r) => r.name === "stuck")?.id;
    expect(await db.webhookDelivery.count({ where: { receiverId: stuckId, status: "pending" } })).toBe(N);
  });

  it("bounds the receivers sent to at once", async () => {
    let open = 0;
    const urls = [];
    for (let i = 0; i < 3; i++)
      urls.push(
        await receiver(() => {
          open++;
        }),
      );
    const w = new WebhookService(db, new SecretBox("test-key"), new EventBus(), {
      timeoutMs: 60_000,
      maxAttempts: 1,
      backoffMs: 10,
      concurrency: 2,
      publicOrigin: "http://127.0.0.1:3000",
    });
    services.push(w);
    w.alerts = alerts;
    alerts.notifier = w;
    for (const [i, url] of urls.entries()) await add(w, `r${i}`, url);
    await alerts.raise({ source: "dhcp", severity: "warning", labels: { n: "1" }, summary: "one" });
    await until(
      () => open === 2,
      "two receivers in flight",
      () => void w.dispatch(),
    );
    expect(await w.dispatch()).toBe(0);
    expect(open).toBe(2);
  });

  it("a retry is due backoff after its attempt started, however long the attempt hung", async () => {
    const clock = { t: new Date("2026-12-01T10:00:00Z").getTime() };
    // The receiver answers 503 only after "a minute" has passed on the service's clock.
    const url = await receiver((_req, res) => {
      clock.t += 60_000;
      res.writeHead(503).end();
    });
    const w = service({ timeoutMs: 5000, maxAttempts: 4, backoffMs: 100_000 }, () => new Date(clock.t));
    await add(w, "slow", url);
    await alerts.raise({ source: "dhcp", severity: "warning", labels: { n: "1" }, summary: "one" });
    for (let attempt = 1; attempt <= 3; attempt++) {
      const startedAt = clock.t;
      expect(await w.deliverDue()).toBe(1);
      const d = await db.webhookDelivery.findFirstOrThrow();
      expect(d).toMatchObject({ status: "pending", attempts: attempt, lastError: "HTTP 503" });
      const base = 100_000 * 2 ** (attempt - 1);
      const due = d.nextAttemptAt.getTime() - startedAt;
      // ±20% jitter around the exponential step, counted from the attempt's start (not its end,
      // a minute later).
      expect(due).toBeGreaterThanOrEqual(0.8 * base);
      expect(due).toBeLessThanOrEqual(1.2 * base);
      // Not due before then; due at that time.
      expect(await w.deliverDue()).toBe(0);
      clock.t = d.nextAttemptAt.getTime();
    }
    expect(nextAttemptAt(1000, 3, 100, () => 0.5).getTime()).toBe(1000 + 400);
  });

  it("purges finished deliveries older than the history, keeps recent, pending and active-alert rows", async () => {
    const now = new Date("2026-12-01T10:00:00Z");
    const w = service({ timeoutMs: 1000, maxAttempts: 1, backoffMs: 10 }, () => now);
    const r = await add(w, "r", "http://127.0.0.1:9/");
    const old = new Date(now.getTime() - 31 * 86_400_000);
    const recent = new Date(now.getTime() - 29 * 86_400_000);
    const resolved = await db.alert.create({
      data: {
        fingerprint: "f1",
        source: "dhcp",
        severity: "warning",
        state: "resolved",
        summary: "s",
        labels: "{}",
        links: "[]",
        firstSeenAt: old,
        lastSeenAt: old,
      },
    });
    const firing = await db.alert.create({
      data: {
        fingerprint: "f2",
        source: "dhcp",
        severity: "warning",
        state: "firing",
        summary: "s",
        labels: "{}",
        links: "[]",
        firstSeenAt: old,
        lastSeenAt: old,
      },
    });
    const row = (label: string, status: string, createdAt: Date, alertId: number | null) =>
      db.webhookDelivery.create({
        data: {
          receiverId: r.id,
          alertId,
          event: label,
          payload: "{}",
          status,
          createdAt,
          nextAttemptAt: createdAt,
        },
      });
    await row("old-delivered", "delivered", old, resolved.id);
    await row("old-failed-test", "failed", old, null);
    await row("old-pending", "pending", old, null);
    await row("old-of-firing-alert", "delivered", old, firing.id);
    await row("recent-delivered", "delivered", recent, resolved.id);
    expect(await w.purgeDeliveries(30)).toBe(2);
    const left = (await db.webhookDelivery.findMany({ orderBy: { id: "asc" } })).map((d) => d.event);
    expect(left).toEqual(["old-pending", "old-of-firing-alert", "recent-delivered"]);
  });

  it("takes receiver URLs out of alerts stored before they were kept out", async () => {
    const w = service({ timeoutMs: 1000, maxAttempts: 1, backoffMs: 10 });
    const url = "https://hooks.example.net/services/T000/B000/sEcReTpAtH?token=QuErY";
    await add(w, "slack", url);
    const old = await alerts.raise({
      source: "system",
      severity: "warning",
      labels: { check: "webhook", receiver: "slack" },
      summary: "Webhook receiver slack is failing: HTTP 500",
      details: `Delivery 7 (firing) to ${url} gave up after 6 attempt(s). Last error: HTTP 500.`,
    });
    const other = await alerts.raise({ source: "dhcp", severity: "info", labels: {}, summary: url });
    expect(await w.redactStoredUrls()).toBe(1);
    const after = await alerts.get(old.alert.id);
    expect(after?.alert.details).toBe(
      "Delivery 7 (firing) to receiver slack gave up after 6 attempt(s). Last error: HTTP 500.",
    );
    // Only system alerts are the console's own wording; others are left as they were raised.
    expect((await alerts.get(other.alert.id))?.alert.summary).toBe(url);
    expect(await w.redactStoredUrls()).toBe(0);
  });

  it("goes through the outbound client: one failure text before an answer, no redirect followed, no URL credentials", async () => {
    // A port nothing listens on (a server opened and closed).
    const closed = await receiver(() => {});
    const port = new URL(closed).port;
    await new Promise<void>((r) => servers.pop()?.close(() => r()));
    let followed = 0;
    const target = await receiver((_req, res) => {
      followed++;
      res.writeHead(200).end();
    });
    const redirecting = await receiver((_req, res) => res.writeHead(302, { location: target }).end());
    const w = service({ timeoutMs: 5000, maxAttempts: 1, backoffMs: 10 });
    await add(w, "closed", `http://127.0.0.1:${port}/hook`);
    await add(w, "redirecting", redirecting);
    await add(w, "credentials", `http://user:pw@127.0.0.1:${port}/hook`);
    const raised = await alerts.raise({
      source: "dhcp",
      severity: "warning",
      labels: { n: "1" },
      summary: "one",
    });
    await until(
      async () =>
        (await db.webhookDelivery.count({ where: { status: "failed", alertId: raised.alert.id } })) === 3,
      "three failures",
      () => void w.deliverDue(),
    );
    const byName = Object.fromEntries(
      (await w.deliveries({ alertId: raised.alert.id, limit: 10 })).map((d) => [d.receiverName, d.lastError]),
    );
    expect(byName).toEqual({
      closed: `could not reach 127.0.0.1:${port}: connection failed`,
      redirecting: "HTTP 302 redirect not followed",
      credentials: "URLs with credentials are not followed",
    });
    expect(followed).toBe(0);
  });
});
