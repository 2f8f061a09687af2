/**
 * The alert list without a text filter is read with raw statements (alert-page-sql.ts): for every
 * sort, order and filter, page after page, it gives exactly the rows (every column, dates as
 * Dates) that Prisma's read gives, and the same views and cursors as the list through Prisma's
 * text search. Both engines (NETOPS_TEST_DB=postgres).
 */
import {
  ALERT_SORTS,
  type AlertCursor,
  type AlertFilter,
  compareAlerts,
  decodeAlertCursor,
  encodeAlertCursor,
  SORT_ORDERS,
} from "@netops/protocols";
import { type Db, dbEngine } from "@netops/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  plainActiveSilences,
  plainAlertRows,
  type PlainAlertFilter,
} from "../../src/services/alert-page-sql";
import { AlertService } from "../../src/services/alerts";
import { EventBus } from "../../src/services/bus";
import { type TestDb, testDb } from "../fixtures";

let t: TestDb;
let alerts: AlertService;
let now = new Date("2026-11-21T06:00:00Z");
const tick = (ms: number) => {
  now = new Date(now.getTime() + ms);
};

beforeAll(async () => {
  t = testDb("alert-list-plain");
  alerts = new AlertService(t.db, new EventBus(), () => now);
  const severities = ["critical", "warning", "info"] as const;
  const sources = ["zonemd", "dhcp", "bgp", "epp"] as const;
  for (let i = 0; i < 30; i++) {
    // Equal summaries, sources and times among some alerts: the id decides their order.
    if (i % 4 !== 0) tick(60_000);
    const input = {
      source: sources[i % 4] as (typeof sources)[number],
      severity: severities[(i * 7) % 3] as (typeof severities)[number],
      labels: { n: String(i), site: i % 5 === 0 ? "fra" : "ams" },
      summary: `summary ${i % 6}`,
    };
    const { alert } = await alerts.raise(input);
    for (let r = 0; r < i % 3; r++) {
      tick(1000);
      await alerts.raise(input);
    }
    if (i % 7 === 2) await alerts.acknowledge(alert.id, "op");
    if (i % 9 === 4) await alerts.resolveById(alert.id, "op");
  }
  // One silence in force, one not yet started, one expired.
  await alerts.createSilence(
    {
      matchers: [{ name: "site", value: "fra", op: "=" }],
      endsAt: new Date(now.getTime() + 3_600_000).toISOString(),
      comment: "in force",
    },
    "op",
  );
  await alerts.createSilence(
    {
      matchers: [{ name: "source", value: "bgp", op: "=" }],
      startsAt: new Date(now.getTime() + 600_000).toISOString(),
      endsAt: new Date(now.getTime() + 3_600_000).toISOString(),
      comment: "later",
    },
    "op",
  );
  const gone = await alerts.createSilence(
    {
      matchers: [{ name: "source", value: "epp", op: "=" }],
      endsAt: new Date(now.getTime() + 3_600_000).toISOString(),
      comment: "expired",
    },
    "op",
  );
  await alerts.expireSilence(gone.id, "op");
});
afterAll(() => t.close());

const FILTERS: PlainAlertFilter[] = [
  {},
  { severity: ["critical"] },
  { severity: ["warning", "info"], state: ["firing"] },
  { state: ["acknowledged", "resolved"] },
  { source: ["dhcp", "bgp"], severity: ["critical", "info"] },
  { source: ["epp"], state: ["resolved"] },
];

describe("alert list without a text filter", () => {
  it("speaks the engine's dialect on clients derived from the console's ($extends, transactions)", async () => {
    const engine = process.env.NETOPS_TEST_DB === "postgres" ? "postgres" : "sqlite";
    expect(dbEngine(t.db)).toBe(engine);
    const counted = t.db.$extends({ query: { $allOperations: ({ args, query }) => query(args) } });
    expect(dbEngine(counted as unknown as Db)).toBe(engine);
    await t.db.$transaction(async (tx) => {
      expect(dbEngine(tx as unknown as Db)).toBe(engine);
      expect(await plainActiveSilences(tx as unknown as Db, now)).toHaveLength(1);
    });
    expect(
      await plainAlertRows(counted as unknown as Db, { severity: ["critical"] }, "severity", "desc", null, 2),
    ).toHaveLength(2);
  });

  it("reads every page of every sort, order and filter as Prisma does, row for row", async () => {
    // Prisma's read of the same page (AlertService.rowsAfter, which text searches use).
    const rowsAfter = (
      alerts as unknown as { rowsAfter: (...a: unknown[]) => Promise<unknown[]> }
    ).rowsAfter.bind(alerts);
    let compared = 0;
    for (const f of FILTERS)
      for (const sort of ALERT_SORTS)
        for (const order of SORT_ORDERS) {
          const where = {
            ...(f.state && { state: { in: [...f.state] } }),
            ...(f.severity && { severity: { in: [...f.severity] } }),
            ...(f.source && { source: { in: [...f.source] } }),
          };
          let after: AlertCursor | null = null;
          for (let page = 0; page < 40; page++) {
            const plain = await plainAlertRows(t.db, f, sort, order, after, 4);
            const prisma = await rowsAfter(where, sort, order, after, 4);
            expect(plain, `${JSON.stringify(f)} ${sort} ${order} page ${page}`).toEqual(prisma);
            compared++;
            const last = plain[3];
            if (!last) break;
            after = decodeAlertCursor(encodeAlertCursor(sort, order, alerts.toView(last, []))) as AlertCursor;
          }
        }
    expect(compared).toBeGreaterThan(FILTERS.length * ALERT_SORTS.length * SORT_ORDERS.length);
  });

  it("lists the same views and cursors as the text search that matches every alert", async () => {
    for (const filter of [
      { limit: 5 },
      { limit: 3, sort: "summary", order: "asc", silenced: "exclude" },
      { limit: 4, sort: "state", order: "asc", severity: ["warning", "critical"] },
      { limit: 2, silenced: "only", sort: "lastSeen" },
      { limit: 6, sort: "count", source: ["dhcp", "zonemd"] },
    ] as AlertFilter[]) {
      // Every summary holds "summary": the same alerts, read through Prisma's contains.
      const [plain, prisma] = await Promise.all([walk(filter), walk({ ...filter, q: "summary" })]);
      expect(plain.length).toBeGreaterThan(0);
      expect(plain).toEqual(prisma);
    }
  });

  it("orders the whole list as the shared comparator does, silenced alerts marked by the silence in force", async () => {
    const pages = await walk({ limit: 7 });
    const items = pages.flatMap((p) => p.items);
    expect(items).toHaveLength(30);
    expect(items.map((a) => a.id)).toEqual(
      [...items].sort(compareAlerts("severity", "desc")).map((a) => a.id),
    );
    const silenced = items.filter((a) => a.silencedBy.length > 0);
    // Only the silence in force, only on fra alerts that are not resolved.
    expect(silenced.length).toBeGreaterThan(0);
    expect(silenced.every((a) => a.labels.site === "fra" && a.state !== "resolved")).toBe(true);
    expect(items.filter((a) => a.labels.site === "fra" && a.state !== "resolved")).toHaveLength(
      silenced.length,
    );
    const active = await plainActiveSilences(t.db, now);
    expect(active).toHaveLength(1);
  });
});

/** Every page of `filter`, following the cursors. */
async function walk(filter: AlertFilter) {
  const out: Awaited<ReturnType<AlertService["list"]>>[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 50; i++) {
    const page = await alerts.list({ ...filter, ...(cursor && { cursor }) });
    out.push(page);
    if (!page.nextCursor) return out;
    cursor = page.nextCursor;
  }
  throw new Error("the cursors never end");
}
