/**
 * An unreachable webhook receiver is logged once when it starts failing, with reminders at a
 * doubling interval, and once when it recovers — not once per attempt (the demo's unreachable
 * receiver used to log a warning about every second).
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { createCoreServices } from "../../src/services/core";
import { ReceiverFailureLog } from "../../src/services/webhook-log";
import { type TestDb, testDb } from "../fixtures";

function memoryLogger() {
  const lines: { level: string; msg: string; [k: string]: unknown }[] = [];
  const log = {
    warn: (obj: object, msg: string) => lines.push({ level: "warn", msg, ...obj }),
    info: (obj: object, msg: string) => lines.push({ level: "info", msg, ...obj }),
  };
  return { lines, log };
}

describe("ReceiverFailureLog", () => {
  it("one warning when failing starts, reminders at 1, 2, 4 … min with the count, one line on recovery", () => {
    let t = 0;
    const { lines, log } = memoryLogger();
    const l = new ReceiverFailureLog(log, () => t, { firstReminderMs: 60_000, maxReminderMs: 240_000 });
    // One failure a second for 10 minutes.
    for (; t < 600_000; t += 1000) l.failed("hook", "ECONNREFUSED");
    expect(lines.map((x) => [x.msg, x.failures ?? null])).toEqual([
      ["webhook receiver failing; further failures are summarised", null],
      ["webhook receiver still failing", 60], // at 1 min
      ["webhook receiver still failing", 120], // 2 min later
      ["webhook receiver still failing", 240], // 4 min later (the cap)
    ]);
    expect(lines[1]).toMatchObject({ level: "warn", receiver: "hook", since: new Date(0).toISOString() });
    // Another receiver has a state of its own.
    l.failed("other", "timed out after 1000 ms");
    expect(lines).toHaveLength(5);
    lines.length = 0;
    l.delivered("hook");
    l.delivered("hook");
    expect(lines).toEqual([
      {
        level: "info",
        msg: "webhook receiver recovered",
        receiver: "hook",
        since: new Date(0).toISOString(),
        failures: 600,
      },
    ]);
    expect(l.failingReceivers()).toEqual(["other"]);
    // Failing again is a new state change: logged again at once.
    l.failed("hook", "ECONNREFUSED");
    expect(lines.at(-1)?.msg).toBe("webhook receiver failing; further failures are summarised");
  });
});

describe("webhook delivery to an unreachable receiver (real sockets)", () => {
  let t: TestDb | undefined;
  let server: Server | undefined;
  afterEach(async () => {
    server?.closeAllConnections();
    if (server) await new Promise((r) => server?.close(r));
    await t?.close();
  });

  it("logs one warning for many failed attempts, and one line when it answers again", async () => {
    t = testDb("webhook-log");
    const out: { level: number; msg: string; receiver?: string }[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        for (const line of String(chunk).split("\n")) if (line) out.push(JSON.parse(line));
        done();
      },
    });
    const core = createCoreServices(t.db, pino({ level: "info" }, sink), {
      secretKey: "test-secret-key",
      publicOrigin: "http://127.0.0.1:1",
      // The receiver's hold is kept to milliseconds: this test is about the log over many attempts
      // (the hold itself is webhook-hold.test.ts's).
      webhook: { timeoutMs: 2000, maxAttempts: 3, backoffMs: 1, holdBaseMs: 1, holdMaxMs: 5 },
    });
    // A loopback port with nothing listening: every attempt is refused before an answer.
    server = createServer((_req, res) => res.end("ok"));
    await new Promise<void>((r) => server?.listen(0, "127.0.0.1", r));
    const port = (server.address() as AddressInfo).port;
    await new Promise((r) => server?.close(r));
    const r = await core.webhooks.create({
      name: "dead",
      url: `http://127.0.0.1:${port}/hook`,
      secret: "s".repeat(16),
      minSeverity: "info",
      sources: [],
      sendResolved: false,
    });
    for (let i = 0; i < 5; i++) await core.webhooks.sendTest(r.id, "test");
    let attempts = 0;
    for (let i = 0; i < 200; i++) {
      await core.webhooks.deliverDue();
      const left = await t.db.webhookDelivery.count({ where: { status: "pending" } });
      if (left === 0) break;
      await new Promise((res) => setTimeout(res, 5));
    }
    attempts = (await t.db.webhookDelivery.aggregate({ _sum: { attempts: true } }))._sum.attempts ?? 0;
    expect(attempts).toBeGreaterThanOrEqual(15);
    const about = (m: RegExp) => out.filter((l) => l.receiver === "dead" && m.test(l.msg));
    expect(about(/failing/)).toHaveLength(1);
    expect(about(/failed before an answer/)).toHaveLength(0);

    // It answers again: one line says so.
    server = createServer((_req, res) => res.end("ok"));
    await new Promise<void>((res) => server?.listen(0, "127.0.0.1", res));
    await core.webhooks.update(r.id, {
      url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    });
    await core.webhooks.sendTest(r.id, "test");
    await core.webhooks.deliverDue();
    expect(await t.db.webhookDelivery.count({ where: { status: "delivered" } })).toBe(1);
    expect(about(/recovered/)).toHaveLength(1);
    expect(about(/failing/)).toHaveLength(1);
    await core.webhooks.close();
  });
});
