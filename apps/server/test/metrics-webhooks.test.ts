// /metrics shows each webhook receiver's hold state (one series per state, 1 for the current one)
// and its consecutive failures, read from the database at scrape time.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMetrics } from "../src/metrics";
import { type Harness, startHarness } from "./harness";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.close());

const series = (text: string, name: string, labels: string) => {
  const line = text.split("\n").find((l) => l.startsWith(`${name}${labels} `));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(" ") + 1));
};

describe("webhook receiver metrics", () => {
  it("a refused receiver shows as held with its failures; a test that gets through shows it ok again", async () => {
    const w = h.app.services.webhooks;
    // A loopback port nothing listens on (yet).
    const server = createServer((req, res) => {
      req.resume();
      req.on("end", () => res.end("ok"));
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const port = (server.address() as AddressInfo).port;
    await new Promise((r) => server.close(r));
    const r = await w.create({
      name: "metrics-pager",
      url: `http://127.0.0.1:${port}/hook`,
      secret: "s".repeat(16),
      minSeverity: "info",
      sources: [],
      sendResolved: false,
    });
    const metrics = createMetrics(h.app.services);
    try {
      const state = (text: string, s: string) =>
        series(text, "netops_webhook_receiver_state", `{receiver="metrics-pager",state="${s}"}`);
      let text = await metrics.registry.metrics();
      expect([state(text, "ok"), state(text, "failing"), state(text, "held")]).toEqual([1, 0, 0]);

      await w.sendTest(r.id, "admin");
      await w.deliverDue();
      text = await metrics.registry.metrics();
      // Held for 1 s after the failure (the scheduler's own tick may have probed again since: failing).
      expect(state(text, "ok")).toBe(0);
      expect((state(text, "held") ?? 0) + (state(text, "failing") ?? 0)).toBe(1);
      expect(
        series(text, "netops_webhook_receiver_consecutive_failures", '{receiver="metrics-pager"}'),
      ).toBeGreaterThanOrEqual(1);

      await new Promise<void>((res) => server.listen(port, "127.0.0.1", res));
      await w.sendTest(r.id, "admin");
      await w.deliverDue();
      text = await metrics.registry.metrics();
      expect([state(text, "ok"), state(text, "failing"), state(text, "held")]).toEqual([1, 0, 0]);
      expect(series(text, "netops_webhook_receiver_consecutive_failures", '{receiver="metrics-pager"}')).toBe(
        0,
      );
    } finally {
      metrics.stop();
      server.closeAllConnections();
      await new Promise((res) => server.close(res));
    }
  });
});
