// /metrics shows the durable ingest queue: what this replica submitted, found already queued and
// stored, and the backlog left in the database (a batch accepted but not stored yet).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMetrics } from "../src/metrics";
import { type Harness, startHarness } from "./harness";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.close());

const series = (text: string, name: string, labels = "") => {
  const line = text.split("\n").find((l) => l.startsWith(`${name}${labels} `));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(" ") + 1));
};

describe("ingest queue metrics", () => {
  it("counts submitted, duplicate and stored batches and reads the backlog from the database", async () => {
    const q = h.app.services.ingestQueue;
    const stored: unknown[][] = [];
    q.handle("metrics-test", async (items) => {
      stored.push(items);
    });
    const metrics = createMetrics(h.app.services);
    try {
      const before = await metrics.registry.metrics();
      const base = (o: string) => series(before, "netops_ingest_batches_total", `{outcome="${o}"}`) ?? 0;

      await q.submit("metrics-test", [{ n: 1 }], ["one"]);
      await q.submit("metrics-test", [{ n: 1 }], ["one"]); // the same batch again: refused as a duplicate
      const waiting = await q.write("metrics-test", [{ n: 2 }], ["two"]); // accepted, not stored yet
      expect(waiting).not.toBeNull();
      expect(stored).toEqual([[{ n: 1 }]]);

      const text = await metrics.registry.metrics();
      expect(series(text, "netops_ingest_batches_total", '{outcome="submitted"}')).toBe(
        base("submitted") + 2,
      );
      expect(series(text, "netops_ingest_batches_total", '{outcome="duplicate"}')).toBe(
        base("duplicate") + 1,
      );
      expect(series(text, "netops_ingest_batches_total", '{outcome="stored"}')).toBe(base("stored") + 1);
      expect(series(text, "netops_ingest_backlog_batches")).toBe(1);

      if (waiting) await q.process(waiting);
      expect(series(await metrics.registry.metrics(), "netops_ingest_backlog_batches")).toBe(0);
    } finally {
      metrics.stop();
    }
  });
});
