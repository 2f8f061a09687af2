/**
 * Issue 15 item 3: the Alerts list is ordered worst severity first, then newest, by default; every
 * sortable column sorts in SQL exactly as the shared comparator (compareAlerts, which the mock API
 * uses) does, and keyset paging through any order visits every alert once.
 */
import { ALERT_SORTS, type AlertSort, compareAlerts, SORT_ORDERS, type SortOrder } from "@netops/protocols";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AlertService } from "../../src/services/alerts";
import { EventBus } from "../../src/services/bus";
import { type TestDb, testDb } from "../fixtures";

let t: TestDb;
let alerts: AlertService;
let now: Date;

beforeEach(async () => {
  t = testDb("sort");
  now = new Date("2026-11-21T06:00:00Z");
  alerts = new AlertService(t.db, new EventBus(), () => now);
  // Critical alerts raised early and late, so "newest first" and "worst first" disagree with id order.
  const plan = [
    ["critical", "zonemd", "b"],
    ["info", "system", "a"],
    ["warning", "dhcp", "c"],
    ["info", "bgp", "c"],
    ["warning", "zonemd", "a"],
    ["critical", "dhcp", "b"],
    ["info", "dhcp", "b"],
    ["warning", "system", "b"],
  ] as const;
  for (const [i, [severity, source, summary]] of plan.entries()) {
    now = new Date(now.getTime() + 60_000);
    const { alert } = await alerts.raise({ source, severity, labels: { n: String(i) }, summary });
    // Repeats: counts and last-seen times that differ from the creation order.
    for (let r = 0; r < (i * 5) % 3; r++) {
      now = new Date(now.getTime() + 1000);
      await alerts.raise({ source, severity, labels: { n: String(i) }, summary });
    }
    if (i === 2) await alerts.acknowledge(alert.id, "op");
    if (i === 6) await alerts.resolveById(alert.id, "op");
  }
});
afterEach(() => t.close());

async function all(sort: AlertSort, order: SortOrder, limit: number) {
  const ids: number[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 50; page++) {
    const r = await alerts.list({ sort, order, limit, ...(cursor ? { cursor } : {}) });
    ids.push(...r.items.map((a) => a.id));
    if (!r.nextCursor) break;
    cursor = r.nextCursor;
  }
  return ids;
}

describe("alert list order", () => {
  it("puts the worst severity first, then the newest, by default", async () => {
    const { items } = await alerts.list({});
    expect(items.map((a) => a.severity)).toEqual([
      "critical",
      "critical",
      "warning",
      "warning",
      "warning",
      "info",
      "info",
      "info",
    ]);
    // Newest first among equals: the later critical (raised sixth) before the first one.
    expect(items[0]?.summary).toBe("b");
    expect(items[0]?.source).toBe("dhcp");
    expect(items[0]!.id).toBeGreaterThan(items[1]!.id);
  });

  it("sorts by every column in both directions as the shared comparator does, across pages", async () => {
    const every = (await alerts.list({ limit: 500 })).items;
    for (const sort of ALERT_SORTS)
      for (const order of SORT_ORDERS) {
        const expected = [...every].sort(compareAlerts(sort, order)).map((a) => a.id);
        const one = await alerts.list({ sort, order, limit: 500 });
        expect(
          one.items.map((a) => a.id),
          `${sort} ${order}`,
        ).toEqual(expected);
        for (const limit of [1, 3])
          expect(await all(sort, order, limit), `${sort} ${order} by ${limit}`).toEqual(expected);
      }
  });

  it("refuses a cursor from another order, and malformed cursors, naming the field", async () => {
    const first = await alerts.list({ sort: "count", order: "desc", limit: 2 });
    expect(first.nextCursor).toMatch(/^count\.desc:/);
    await expect(alerts.list({ sort: "severity", cursor: first.nextCursor as string })).rejects.toThrow(
      /cursor.*a cursor of the count desc order, not of severity desc/s,
    );
    for (const bad of [
      "42",
      "severity.desc:x.1",
      "lastSeen.desc:yesterday.3",
      "nope.asc:1.1",
      "count.desc:1.0",
    ])
      await expect(alerts.list({ cursor: bad, sort: "severity" })).rejects.toThrow(/cursor/);
  });
});
