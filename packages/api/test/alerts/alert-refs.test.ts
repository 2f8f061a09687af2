/**
 * AlertRef: what an alert refers to (its links' pages, its label values), kept by database
 * triggers in the statement that writes the alert, on both engines. Object pages
 * (`alerts.forObject`, `alerts.related`) and entity pages read their alerts through its
 * (kind, key, alertId) index: each engine's own EXPLAIN shows the index, not a scan.
 */
import { Prisma } from "@netops/db";
import { testEngine } from "@netops/db/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { nameKey } from "../../src/search/recent";
import { SearchService } from "../../src/search/service";
import { alertRefStatement } from "../../src/services/alert-refs";
import type { Services } from "../../src/services";
import { type TestDb, testDb, testServices } from "../fixtures";

let t: TestDb;
let services: Services;

beforeEach(() => {
  t = testDb("alert-refs");
  services = testServices(t.db);
});
afterEach(async () => {
  await (await services.dhcp.sql()).close();
  await t.close();
});

const refs = async (alertId: number) =>
  (
    await t.db.alertRef.findMany({
      where: { alertId },
      orderBy: [{ kind: "asc" }, { pos: "asc" }, { key: "asc" }],
    })
  ).map((r) => `${r.kind} ${r.pos} ${r.key}`);

describe("AlertRef rows", () => {
  it("follow the alert's links and labels: raised, repeated with new links, purged", async () => {
    const labels = { zone: "Corrupt.Example.", peerAs: "AS64496", addr: "2001:DB8::1", n: "3" };
    const { alert } = await services.alerts.raise({
      source: "zonemd",
      severity: "warning",
      labels,
      summary: "digest mismatch",
      links: [
        { label: "Zone", href: "/dns/corrupt.example" },
        { label: "Check", href: "/dns/z1/checks" },
      ],
    });
    const labelKeys = Object.values(labels).map(nameKey).sort();
    expect(await refs(alert.id)).toEqual([
      "href 0 /dns/corrupt.example",
      "href 1 /dns/z1/checks",
      ...labelKeys.map((k) => `label 0 ${k}`),
    ]);
    // A repeat with other links (the multi-row UPDATE of a batch) moves the rows with them.
    await services.alerts.raiseMany([
      {
        source: "zonemd",
        severity: "critical",
        labels,
        summary: "digest mismatch again",
        links: [{ label: "Zone", href: "/dns/z1" }],
      },
    ]);
    expect(await refs(alert.id)).toEqual(["href 0 /dns/z1", ...labelKeys.map((k) => `label 0 ${k}`)]);
    await services.alerts.resolveById(alert.id, "auto");
    await t.db.alert.update({ where: { id: alert.id }, data: { resolvedAt: new Date(0) } });
    expect(await services.alerts.purgeResolved(1)).toBe(1);
    expect(await t.db.alertRef.count()).toBe(0);
  });

  it("malformed JSON (never written by the console) refers to nothing and does not fail the write", async () => {
    await t.db
      .$executeRaw`INSERT INTO "Alert" ("fingerprint", "source", "severity", "state", "summary", "labels", "links") VALUES ('f', 'system', 'info', 'firing', 's', '{oops', '[{"href": 5}, "x", {"label": "no href"}]')`;
    expect(await t.db.alert.count()).toBe(1);
    expect(await t.db.alertRef.count()).toBe(0);
  });
});

describe("AlertRef rows on update (one statement, many alerts)", () => {
  const insert = (fp: string, labels: string, links: string) =>
    t.db
      .$executeRaw`INSERT INTO "Alert" ("fingerprint", "source", "severity", "state", "summary", "labels", "links") VALUES (${fp}, 'system', 'info', 'firing', 's', ${labels}, ${links})`;
  const idOf = async (fp: string) => (await t.db.alert.findFirstOrThrow({ where: { fingerprint: fp } })).id;

  it("follow what changed in each row; a malformed row refers to nothing for what changed, the rest are right", async () => {
    await insert("a", '{"zone": "A.example."}', '[{"label": "Zone", "href": "/dns/a"}]');
    await insert("b", '{"zone": "b.example"}', '[{"label": "Zone", "href": "/dns/b"}]');
    await insert("c", '{"zone": "c.example"}', '[{"label": "Zone", "href": "/dns/c"}]');
    const [a, b, c] = [await idOf("a"), await idOf("b"), await idOf("c")];
    expect(await refs(a)).toEqual(["href 0 /dns/a", "label 0 a.example"]);
    // One statement: a's links change, b's links become malformed, c's labels change (links kept).
    await t.db.$executeRaw`UPDATE "Alert" SET
      "links" = CASE "fingerprint" WHEN 'a' THEN '[{"label": "Zone", "href": "/dns/a2"}, {"label": "X", "href": "/x"}]' WHEN 'b' THEN '[oops' ELSE "links" END,
      "labels" = CASE "fingerprint" WHEN 'c' THEN '{"zone": "C2.example", "n": "1"}' ELSE "labels" END`;
    expect(await refs(a)).toEqual(["href 0 /dns/a2", "href 1 /x", "label 0 a.example"]);
    expect(await refs(b)).toEqual(["label 0 b.example"]);
    expect(await refs(c)).toEqual(["href 0 /dns/c", "label 0 1", "label 0 c2.example"]);
    // Malformed labels: the label rows go, the links' stay; fixed again: back.
    await t.db.$executeRaw`UPDATE "Alert" SET "labels" = '{bad' WHERE "fingerprint" = 'c'`;
    expect(await refs(c)).toEqual(["href 0 /dns/c"]);
    await t.db
      .$executeRaw`UPDATE "Alert" SET "labels" = '{"zone": "c3.example"}', "links" = '[]' WHERE "fingerprint" = 'c'`;
    expect(await refs(c)).toEqual(["label 0 c3.example"]);
    // An update changing neither (acknowledge) leaves the rows.
    await t.db.$executeRaw`UPDATE "Alert" SET "state" = 'acknowledged'`;
    expect(await refs(a)).toEqual(["href 0 /dns/a2", "href 1 /x", "label 0 a.example"]);
    expect(await t.db.alertRef.count()).toBe(3 + 1 + 1);
  });

  it("many alerts inserted in one statement with one malformed: the others' rows are all there", async () => {
    await t.db
      .$executeRaw`INSERT INTO "Alert" ("fingerprint", "source", "severity", "state", "summary", "labels", "links") VALUES
      ('m1', 'system', 'info', 'firing', 's', '{"k": "One"}', '[{"label": "P", "href": "/p/1"}]'),
      ('m2', 'system', 'info', 'firing', 's', '{"k": "two"', '[{"label": "P", "href": "/p/2"}]'),
      ('m3', 'system', 'info', 'firing', 's', '{"k": "three", "n": 3}', '[{"label": "P", "href": "/p/3"}, "x", {"href": 1}]')`;
    expect(await refs(await idOf("m1"))).toEqual(["href 0 /p/1", "label 0 one"]);
    expect(await refs(await idOf("m2"))).toEqual(["href 0 /p/2"]);
    expect(await refs(await idOf("m3"))).toEqual(["href 0 /p/3", "label 0 3", "label 0 three"]);
  });
});

describe("reads through the index", () => {
  const raise = (i: number, href: string, labels: Record<string, string>) =>
    services.alerts.raiseMany([
      { source: "dhcp", severity: "warning", labels, summary: `s${i}`, links: [{ label: "Pool", href }] },
    ]);

  it("forObject, related and the entity page find the same alerts as the links and labels say", async () => {
    const ops = [];
    for (let i = 0; i < 90; i++)
      ops.push({
        kind: "raise" as const,
        input: {
          source: "dhcp" as const,
          severity: "warning" as const,
          labels: { pool: String(i % 6), address: `192.0.2.${i % 3}`, n: String(i) },
          summary: `pool ${i % 6} alert ${i}`,
          links: [{ label: "Pool", href: `/dhcp?pool=${i % 6}` }],
        },
      });
    await services.alerts.apply(ops);
    await raise(100, "/dhcp?pool=1", { other: "x" });
    const all = await t.db.alert.findMany({ orderBy: { id: "desc" } });
    const linking = (h: string) => all.filter((a) => JSON.parse(a.links)[0]?.href === h).map((a) => a.id);
    const r = await services.alerts.forObject(["/dhcp?pool=1", "/dhcp?pool=2"], 5);
    expect(r.items.map((a) => a.id)).toEqual(
      [...linking("/dhcp?pool=1"), ...linking("/dhcp?pool=2")].sort((a, b) => b - a).slice(0, 5),
    );
    expect(r.more).toBe(true);
    const newest = linking("/dhcp?pool=1")[0] as number;
    const related = await services.alerts.related(newest);
    expect(related.items.map((a) => a.id)).toEqual(linking("/dhcp?pool=1").slice(1));
    const page = await new SearchService(services).entity({ type: "ip", value: "192.0.2.2" }, "viewer");
    const section = page.sections.find((s) => s.subsystem === "alerts");
    const labelled = all.filter((a) => JSON.parse(a.labels).address === "192.0.2.2").map((a) => String(a.id));
    expect(section?.items.map((i) => i.key)).toEqual(labelled.slice(0, section?.items.length));
    expect(section?.items.length).toBe(25);
    expect(section?.more).toBe(true);
  });

  it("each engine's planner reads the (kind, key, alertId) index", async () => {
    const rows = [];
    for (let i = 0; i < 3000; i++)
      rows.push({
        fingerprint: `f${i}`,
        source: "dhcp",
        severity: "warning",
        state: "resolved",
        summary: `s${i}`,
        labels: JSON.stringify({ address: `10.0.${i >> 8}.${i & 255}` }),
        links: JSON.stringify([{ label: "Lease", href: `/dhcp/leases/10.0.${i >> 8}.${i & 255}` }]),
      });
    await t.db.alert.createMany({ data: rows });
    expect(await t.db.alertRef.count()).toBe(6000);
    await t.db.$executeRawUnsafe("ANALYZE");
    for (const stmt of [
      alertRefStatement("href", "/dhcp/leases/10.0.1.7", 21),
      alertRefStatement("href", "/dhcp/leases/10.0.1.7", 21, { first: true }),
      alertRefStatement("label", "10.0.1.7", 26),
    ]) {
      if (testEngine() === "postgres") {
        const plan = (await t.db.$queryRaw<{ "QUERY PLAN": string }[]>(Prisma.sql`EXPLAIN ${stmt}`))
          .map((r) => r["QUERY PLAN"])
          .join("\n");
        expect(plan).toMatch(/Index (Only )?Scan( Backward)? using "?AlertRef_kind_key_alertId_idx"?/);
        expect(plan).not.toMatch(/Seq Scan/);
      } else {
        const plan = (await t.db.$queryRaw<{ detail: string }[]>(Prisma.sql`EXPLAIN QUERY PLAN ${stmt}`))
          .map((r) => r.detail)
          .join("\n");
        expect(plan).toMatch(
          /SEARCH (main\.)?AlertRef USING (COVERING )?INDEX AlertRef_kind_key_alertId_idx \(kind=\? AND key=\?\)/,
        );
        expect(plan).not.toMatch(/SCAN (main\.)?AlertRef\b/);
      }
    }
  });
});
