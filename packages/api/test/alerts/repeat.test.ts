/**
 * Reminders for firing alerts (Alertmanager's repeat_interval): a firing alert nobody acknowledged
 * is queued again for each receiver that takes it, once per interval; acknowledged, silenced and
 * resolved alerts, receivers that filter it out, and a zero interval send nothing.
 */
import type { Db } from "@netops/db";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AlertService } from "../../src/services/alerts";
import { EventBus } from "../../src/services/bus";
import { SecretBox } from "../../src/services/crypto";
import { WebhookService } from "../../src/services/webhooks";
import { type TestDb, testDb } from "../fixtures";

const HOUR = 3_600_000;
let t: TestDb;
let db: Db;
let alerts: AlertService;
let now: { t: Date };

function webhooks(repeatIntervalMs: number) {
  const bus = new EventBus();
  const w = new WebhookService(
    db,
    new SecretBox("test-key"),
    bus,
    {
      timeoutMs: 1000,
      maxAttempts: 1,
      backoffMs: 10,
      repeatIntervalMs,
      publicOrigin: "http://127.0.0.1:3000",
    },
    () => now.t,
  );
  w.alerts = alerts;
  alerts.notifier = w;
  return w;
}

async function deliveries(alertId: number) {
  const rows = await db.webhookDelivery.findMany({ where: { alertId }, orderBy: { id: "asc" } });
  return rows.map((d) => ({
    event: d.event,
    repeat: (JSON.parse(d.payload) as { repeat?: boolean }).repeat ?? false,
  }));
}

beforeEach(() => {
  t = testDb("repeat");
  db = t.db;
  now = { t: new Date("2026-11-21T06:00:00Z") };
  alerts = new AlertService(db, new EventBus(), () => now.t);
});
afterEach(() => t.close());

const later = (ms: number) => {
  now.t = new Date(now.t.getTime() + ms);
};

describe("repeat notifications for firing alerts", () => {
  it("queues one reminder per interval for an unacknowledged firing alert, marked repeat", async () => {
    const w = webhooks(4 * HOUR);
    await w.create({
      name: "pager",
      url: "http://127.0.0.1:9/",
      secret: "s",
      minSeverity: "warning",
      sources: [],
      sendResolved: true,
    });
    const { alert } = await alerts.raise({
      source: "dhcp",
      severity: "critical",
      labels: { pool: "p1" },
      summary: "pool full",
    });
    expect(await deliveries(alert.id)).toEqual([{ event: "firing", repeat: false }]);
    later(4 * HOUR - 60_000);
    expect(await w.repeatFiring()).toBe(0);
    later(60_000);
    expect(await w.repeatFiring()).toBe(1);
    // Counted from the reminder, not from the first notification: nothing more until the next interval.
    expect(await w.repeatFiring()).toBe(0);
    later(2 * HOUR);
    expect(await w.repeatFiring()).toBe(0);
    later(2 * HOUR);
    expect(await w.repeatFiring()).toBe(1);
    expect(await deliveries(alert.id)).toEqual([
      { event: "firing", repeat: false },
      { event: "firing", repeat: true },
      { event: "firing", repeat: true },
    ]);
  });

  it("sends nothing for acknowledged, silenced or resolved alerts, or to receivers that filter them out", async () => {
    const w = webhooks(HOUR);
    await w.create({
      name: "crit-only",
      url: "http://127.0.0.1:9/",
      secret: "s",
      minSeverity: "critical",
      sources: [],
      sendResolved: true,
    });
    const acked = (
      await alerts.raise({ source: "bgp", severity: "critical", labels: { a: "1" }, summary: "acked" })
    ).alert;
    await alerts.acknowledge(acked.id, "oncall");
    const silenced = (
      await alerts.raise({ source: "bgp", severity: "critical", labels: { a: "2" }, summary: "silenced" })
    ).alert;
    await alerts.createSilence(
      {
        matchers: [{ name: "a", op: "=", value: "2" }],
        endsAt: new Date(now.t.getTime() + 10 * HOUR).toISOString(),
        comment: "maintenance",
      },
      "oncall",
    );
    const resolved = (
      await alerts.raise({ source: "bgp", severity: "critical", labels: { a: "3" }, summary: "resolved" })
    ).alert;
    await alerts.clear("bgp", { a: "3" });
    const warning = (
      await alerts.raise({
        source: "bgp",
        severity: "warning",
        labels: { a: "4" },
        summary: "below the receiver's severity",
      })
    ).alert;
    later(2 * HOUR);
    expect(await w.repeatFiring()).toBe(0);
    for (const a of [acked, silenced, resolved, warning])
      expect(
        (await deliveries(a.id)).filter((d) => d.repeat),
        a.summary,
      ).toEqual([]);
  });

  it("is off with a zero interval and with no receiver", async () => {
    const { alert } = await alerts.raise({
      source: "zonemd",
      severity: "critical",
      labels: { z: "x" },
      summary: "zone",
    });
    later(48 * HOUR);
    expect(await webhooks(0).repeatFiring()).toBe(0);
    expect(await webhooks(HOUR).repeatFiring()).toBe(0);
    expect(await deliveries(alert.id)).toEqual([]);
  });
});
