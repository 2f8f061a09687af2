/**
 * Partial ("contains") search over every row through the trigram indexes (SQLite FTS5 `trigram`
 * tables kept by triggers, PostgreSQL pg_trgm GIN indexes): a row older than the newest 20,000 of
 * its table is found, the index follows updates and deletes, text too short for a trigram gets
 * exact and prefix matches with a hint, and query syntax in the text (FTS5's `" * ^ : NEAR AND OR
 * NOT`, LIKE's `%` and `_`) is matched as characters.
 */
import { testEngine } from "@netops/db/testing";
import type { SearchResult } from "@netops/protocols";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { trigramExpression } from "../../src/search/contains";
import type { Services } from "../../src/services";
import { type TestDb, testDb } from "../fixtures";
import { explainAll, recordPrepared } from "./query-plans";
import { apiCaller, seededServices } from "./seed";

let t: TestDb;
let services: Services;
const ids: Record<string, number> = {};
/** The statements run on SQLite's direct connection while `tracing` (its statements are cached: recorded from the start). */
const traced: string[] = [];
let tracing = false;

/** The newest rows per table that partial search used to read (its "recent window", before the trigram indexes). */
const RECENT_WINDOW = 20_000;
/** Newer rows than the old one, per table: more than that window. */
const NEWER = RECENT_WINDOW + 1;

/** Texts of BGP events, each holding query syntax literally, beside look-alikes without it. */
const LITERAL = {
  quoted: 'peer said "stop" at 100%_load',
  unquoted: "peer said stop at 100 load",
  near: "x NEAR(a b) y",
  star: "run a*b now",
  nostar: "run ab now",
  caret: "^start col:val",
  nocaret: "start val",
  and: "cats AND dogs",
  or: "dogs OR cats",
  not: "NOT dogs",
  plain: "cats dogs",
  address: "peer 10.20.30.40 went down",
  mac: "client 00:1a:2b:3c:4d:5e left",
} as const;

/** `count` copies of row `id` of `table` (typed columns copied, so either engine takes them), newest last. */
async function fill(table: string, columns: string[], values: string[], id: number, count: number) {
  const sql = await services.dhcp.sql();
  await sql.run(
    `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
     INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")})
     SELECT ${values.join(", ")} FROM n, "${table}" o WHERE o."id" = ?`,
    count,
    id,
  );
}

beforeAll(async () => {
  t = testDb("search-contains");
  services = await seededServices(t);
  if (testEngine() === "sqlite")
    recordPrepared(await services.dhcp.raw(), { push: (sql) => tracing && traced.push(sql) });
  const db = t.db;
  const event = (key: string, text: string) => ({
    key,
    at: new Date("2026-01-01T00:00:00Z"),
    router: "edge9",
    session: "edge9|198.51.100.9",
    peerAddress: "198.51.100.9",
    kind: "notification",
    direction: "received",
    text,
    findings: "[]",
    source: "syslog",
    tickets: "[]",
  });
  ids.bgp = (await db.bgpEvent.create({ data: event("old", "Shutdown for kestrel-fallow-7 upgrade") })).id;
  for (const [k, text] of Object.entries(LITERAL))
    await db.bgpEvent.create({ data: event(`lit-${k}`, text) });
  await services.alerts.raise({
    source: "epp",
    severity: "warning",
    summary: "Link kestrel-fallow-7 degraded",
    labels: { link: "kestrel-fallow-7" },
  });
  ids.alert = (await db.alert.findFirstOrThrow({ where: { summary: { contains: "kestrel" } } })).id;
  ids.audit = (
    await db.auditEntry.create({
      data: { actorName: "admin", action: "registry.updateHost", target: "kestrel-fallow-7.example" },
    })
  ).id;
  const conn = await db.eppRegistryConnection.findFirstOrThrow();
  ids.poll = (
    await db.eppPollMessage.create({
      data: {
        connectionId: conn.id,
        msgId: "7",
        text: "Pending action on kestrel-fallow-7",
        kind: "pending",
        receivedAt: new Date("2026-01-01T00:00:00Z"),
      },
    })
  ).id;
  // The newer rows: each says "routine" (never the old row's words), one statement per table.
  await fill(
    "BgpEvent",
    [
      "key",
      "at",
      "receivedAt",
      "router",
      "session",
      "kind",
      "direction",
      "text",
      "findings",
      "source",
      "tickets",
    ],
    [
      "'filler-' || n.i",
      'o."at"',
      'o."receivedAt"',
      'o."router"',
      'o."session"',
      'o."kind"',
      'o."direction"',
      "'routine maintenance ' || n.i",
      "'[]'",
      "'syslog'",
      "'[]'",
    ],
    ids.bgp,
    NEWER,
  );
  await fill(
    "Alert",
    ["fingerprint", "source", "severity", "state", "summary", "labels"],
    ["'f-' || n.i", 'o."source"', 'o."severity"', "'resolved'", "'routine alert ' || n.i", "'{}'"],
    ids.alert,
    NEWER,
  );
  await fill(
    "AuditEntry",
    ["at", "actorName", "action", "target"],
    ['o."at"', 'o."actorName"', 'o."action"', "'routine-' || n.i"],
    ids.audit,
    NEWER,
  );
  await fill(
    "EppPollMessage",
    ["connectionId", "msgId", "text", "kind", "receivedAt"],
    ['o."connectionId"', "'m' || n.i", "'routine message ' || n.i", 'o."kind"', 'o."receivedAt"'],
    ids.poll,
    NEWER,
  );
}, 120_000);
afterAll(async () => {
  if (services) await (await services.dhcp.sql()).close();
  await t?.close();
});

function search(q: string): Promise<SearchResult> {
  return apiCaller(services, "admin").search.query({ q, limit: 20 });
}

function labels(r: SearchResult, subsystem: string, kind: string): string[] {
  return (r.groups.find((g) => g.subsystem === subsystem)?.hits ?? [])
    .filter((h) => h.kind === kind)
    .map((h) => h.label);
}

describe("partial search over every row", () => {
  it("finds a row older than the newest 20,000 of its table, in every table with free text", async () => {
    const sql = await services.dhcp.sql();
    for (const [table, id] of [
      ["BgpEvent", ids.bgp],
      ["Alert", ids.alert],
      ["AuditEntry", ids.audit],
      ["EppPollMessage", ids.poll],
    ] as const) {
      const newer = await sql.get<{ n: number }>(`SELECT COUNT(*) AS n FROM "${table}" WHERE "id" > ?`, id);
      expect(Number(newer?.n), table).toBeGreaterThan(RECENT_WINDOW);
    }
    // The middle of a word: neither an exact nor a prefix reading finds it.
    const r = await search("strel-fallow");
    expect(r.hint).toBeUndefined();
    expect(labels(r, "bgp", "event")).toEqual(["Shutdown for kestrel-fallow-7 upgrade"]);
    expect(labels(r, "alerts", "alert")).toEqual(["Link kestrel-fallow-7 degraded"]);
    expect(labels(r, "audit", "audit")).toEqual(["registry.updateHost kestrel-fallow-7.example"]);
    expect(labels(r, "registry", "poll-message")).toEqual(["Pending action on kestrel-fallow-7"]);
    for (const g of r.groups)
      for (const h of g.hits) expect(h.rank, `${g.subsystem} ${h.label}`).toBe("contains");
    // Case does not matter, as for every other reading.
    expect(labels(await search("KESTREL-FALLOW"), "bgp", "event")).toHaveLength(1);
  });

  it("an entity page lists an audit entry older than the newest 20,000 (read by the target index)", async () => {
    const page = await apiCaller(services, "admin").entity.get({
      type: "name",
      value: "kestrel-fallow-7.example",
    });
    const audit = page.sections.find((s) => s.subsystem === "audit");
    expect(audit?.items.map((i) => i.label)).toEqual(["registry.updateHost kestrel-fallow-7.example"]);
  });

  it("follows updates and deletes of the indexed text", async () => {
    await t.db.bgpEvent.update({
      where: { id: ids.bgp },
      data: { text: "Shutdown for osprey-marsh-3 upgrade" },
    });
    expect(labels(await search("kestrel-fallow"), "bgp", "event")).toEqual([]);
    expect(labels(await search("osprey-marsh"), "bgp", "event")).toEqual([
      "Shutdown for osprey-marsh-3 upgrade",
    ]);
    await t.db.bgpEvent.delete({ where: { id: ids.bgp } });
    expect(labels(await search("osprey-marsh"), "bgp", "event")).toEqual([]);
  });

  it("answers text too short for a trigram with exact and prefix matches and a hint, reading no big table", async () => {
    const short = await search("ns");
    expect(short.hint).toMatch(/at least 3 characters.*exact and prefix matches only/);
    // The registry host ns1.example still answers by its name's start.
    expect(labels(short, "registry", "host")).toContain("ns1.example");
    expect(labels(short, "bgp", "event")).toEqual([]);
    const noWord = await search('" OR "');
    expect(noWord.hint).toMatch(/3 letters, digits or \. : - \/ in a row/);
    for (const q of ['"""', "***", "^^^", "%%%", "___", "::", '" OR "']) {
      const r = await search(q);
      expect(r.hint, q).toMatch(/exact and prefix matches only/);
      expect(
        r.groups.filter((g) => g.error),
        q,
      ).toEqual([]);
      expect(labels(r, "bgp", "event"), q).toEqual([]);
    }
    expect((await search("kestrel")).hint).toBeUndefined();
  });

  it("matches FTS5 and LIKE syntax in the text as characters", async () => {
    const cases: [string, string[]][] = [
      ['said "stop" at 100%_', [LITERAL.quoted]],
      ["100%_load", [LITERAL.quoted]],
      ['"stop"', [LITERAL.quoted]],
      ["NEAR(a b)", [LITERAL.near]],
      ["run a*b", [LITERAL.star]],
      ["^start col:", [LITERAL.caret]],
      ["col:val", [LITERAL.caret]],
      ["cats AND dogs", [LITERAL.and]],
      ["dogs OR cats", [LITERAL.or]],
      ["NOT dogs", [LITERAL.not]],
      ["cats dogs", [LITERAL.plain]],
      ["dogs", [LITERAL.and, LITERAL.or, LITERAL.not, LITERAL.plain]],
      ["said stop", [LITERAL.unquoted]],
      // Separators of addresses and MACs are part of the text looked for, not word breaks.
      ["0.30.4", [LITERAL.address]],
      ["10.20.30.40", [LITERAL.address]],
      ["1a:2b:3c", [LITERAL.mac]],
      ["10.20.30.41", []],
      ["1a-2b", []],
      ["run ab*", []],
      ["cat*", []],
      ["peer said %", []],
      ["100_load", []],
      ["peer _aid", []],
      ["abc\u0000def", []],
      ['abc\'; DROP TABLE "BgpEvent"; --', []],
    ];
    for (const [q, want] of cases) {
      const r = await search(q);
      expect(
        r.groups.filter((g) => g.error),
        q,
      ).toEqual([]);
      expect(labels(r, "bgp", "event").sort(), q).toEqual([...want].sort());
    }
    expect(await t.db.bgpEvent.count()).toBeGreaterThan(NEWER);
  });

  it.runIf(testEngine() === "sqlite")(
    "reads the FTS5 index, never scans a table that grows (SQLite's plan)",
    async () => {
      tracing = true;
      for (const q of ["kestrel-fallow", "routine", "cats AND dogs", "%%%"]) await search(q);
      tracing = false;
      const raw = await services.dhcp.raw();
      const planned = explainAll(raw, traced);
      const fts = planned.filter((p) => / MATCH /.test(p.sql));
      expect(fts.length).toBeGreaterThanOrEqual(4);
      for (const p of fts) expect(p.plan.join("\n"), p.sql).toMatch(/VIRTUAL TABLE INDEX/);
      expect(planned.filter((p) => p.scans.length)).toEqual([]);
    },
  );

  it.runIf(testEngine() === "postgres")(
    "has the pg_trgm indexes, and ILIKE '%…%' on their expression reads them",
    async () => {
      const sql = await services.dhcp.sql();
      const idx = await sql.all<{ indexname: string }>(
        "SELECT indexname FROM pg_indexes WHERE indexdef LIKE '%gin_trgm_ops%' ORDER BY 1",
      );
      expect(idx.map((r) => r.indexname)).toEqual([
        "Alert_labels_trgm_idx",
        "Alert_summary_trgm_idx",
        "AuditEntry_action_trgm_idx",
        "AuditEntry_actorName_trgm_idx",
        "AuditEntry_target_trgm_idx",
        "BgpEvent_text_trgm_idx",
        "EppPollMessage_text_trgm_idx",
      ]);
      const plan = await sql.transaction(async (tx) => {
        await tx.run("SET LOCAL enable_seqscan = off");
        return tx.all<{ "QUERY PLAN": string }>(
          `EXPLAIN SELECT "id" FROM "BgpEvent" WHERE ${trigramExpression("text")} ILIKE '%kestrel%' ORDER BY "id" DESC LIMIT 8`,
        );
      });
      expect(plan.map((p) => p["QUERY PLAN"]).join("\n")).toMatch(/BgpEvent_text_trgm_idx/);
    },
  );
});
