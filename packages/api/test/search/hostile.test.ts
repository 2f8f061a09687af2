/**
 * Any string in the search box is answered with "no results" or a precise error, never a 500,
 * and with bounded work: every read of a table that grows without bound (leases, lease events,
 * BGP events, zone record terms, alerts, audit, poll messages) has a LIMIT, and free text is
 * matched through the trigram index (FTS5 MATCH with its own LIMIT), or with LIKE '%…%' inside the
 * recent id window only (text the index cannot be asked for), never over a whole big table. The lease SQL is
 * checked by SQLite's own query plan: it searches an index, it never scans the table.
 */
import type { Role } from "@netops/protocols";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Services } from "../../src/services";
import { testEngine } from "@netops/db/testing";
import { type TestDb, testDb } from "../fixtures";
import { apiCaller, seededServices } from "./seed";

let t: TestDb;
let services: Services;
const prismaCalls: { model: string; op: string; args: Record<string, unknown> }[] = [];
const rawSql: { sql: string; params: unknown[] }[] = [];

/** The same tables as named in plain SQL (quoted or not). */
const BIG_TABLES =
  /\bFROM "?(DhcpLeaseEvent|BgpEvent|DnsRecordTerm|Alert|AlertEvent|AuditEntry|EppPollMessage|EppTransactionLog)\b/;

/** The tables that grow with the network (not configuration): their reads must be bounded. */
const BIG = [
  "dhcpLeaseEvent",
  "bgpEvent",
  "dnsRecordTerm",
  "alert",
  "alertEvent",
  "auditEntry",
  "eppPollMessage",
  "eppTransactionLog",
] as const;

beforeAll(async () => {
  t = testDb("search-hostile");
  services = await seededServices(t);
  for (const model of BIG) {
    const delegate = t.db[model] as unknown as Record<string, (a: unknown) => unknown>;
    for (const op of ["findMany", "findFirst", "groupBy", "count"]) {
      const orig = delegate[op]?.bind(delegate);
      if (!orig) continue;
      vi.spyOn(delegate, op as never).mockImplementation(((args: Record<string, unknown> = {}) => {
        prismaCalls.push({ model, op, args });
        return orig(args);
      }) as never);
    }
  }
  // Every statement of the direct connection (SQLite spelling, before PostgreSQL's translation).
  const sql = await services.dhcp.sql();
  for (const op of ["all", "get"] as const) {
    const orig = sql[op].bind(sql);
    vi.spyOn(sql, op).mockImplementation(((text: string, ...params: unknown[]) => {
      rawSql.push({ sql: text, params });
      return orig(text, ...params);
    }) as never);
  }
});
afterAll(async () => {
  vi.restoreAllMocks();
  await t?.close();
});

function caller(role: Role) {
  return apiCaller(services, role);
}

const HOSTILE = [
  "",
  " ",
  "x".repeat(10_240),
  "a\u0000b",
  "\u0007",
  "\ud800",
  "abc\udfff",
  "%",
  "_",
  "%%%",
  "a%b_c",
  "'; DROP TABLE DhcpLease; --",
  '" OR 1=1 --',
  ".*",
  "(a+)+$",
  "[[[[",
  "\\",
  "*",
  "192.0.2.%",
  "00:1a:%",
  "ns1.%",
  "AS%",
  "../../etc/passwd",
  "<script>alert(1)</script>",
  "🚀🚀🚀",
  "0".repeat(256),
  "ff".repeat(128),
];
const NORMAL = [
  "192.0.2.53",
  "192.0.2",
  "192.0.2.0/24",
  "2001:db8::53",
  "2001:db8:",
  "00:1a:2b:3c:4d:5e",
  "00:1a",
  "001a2b",
  "ns1.example",
  "ns1",
  "example",
  "AS64496",
  "64496",
  "maintenance",
  "fóo.example",
];

function whereHasContains(v: unknown): boolean {
  if (!v || typeof v !== "object") return false;
  return Object.entries(v).some(([k, x]) => k === "contains" || k === "endsWith" || whereHasContains(x));
}
function whereHasIdFloor(v: unknown): boolean {
  if (!v || typeof v !== "object") return false;
  const w = v as Record<string, unknown>;
  const id = w.id as Record<string, unknown> | undefined;
  if (id && typeof id === "object" && "gt" in id) return true;
  return Object.values(w).some((x) => (Array.isArray(x) ? x.some(whereHasIdFloor) : whereHasIdFloor(x)));
}

describe("hostile search input", () => {
  it("answers every string with results, none, or a precise error — never a 500", async () => {
    for (const q of [...HOSTILE, ...NORMAL]) {
      const r = await caller("admin")
        .search.query({ q, limit: 5 })
        .catch((e: unknown) => e);
      if (r instanceof TRPCError) {
        expect(r.code, JSON.stringify(q.slice(0, 20))).toBe("BAD_REQUEST");
        continue;
      }
      expect(r, q).toHaveProperty("groups");
      const res = r as { classified: { kind: string; reason?: string }; groups: { error?: string }[] };
      if (res.classified.kind === "invalid") {
        expect(res.classified.reason, q).toMatch(/./);
        expect(res.groups).toEqual([]);
      }
      expect(res.groups.filter((g) => g.error)).toEqual([]);
    }
    const huge = await caller("viewer")
      .search.query({ q: "x".repeat(20_000) })
      .catch((e: unknown) => e);
    expect((huge as TRPCError).code).toBe("BAD_REQUEST");
    expect((huge as TRPCError).message).toContain("a search query is at most 16384 characters");
  });

  it("matches % and _ literally", async () => {
    const r = await caller("admin").search.query({ q: "%%%" });
    expect(r.groups.map((g) => g.hits.map((h) => [g.subsystem, h.kind, h.label]))).toEqual([]);
    const u = await caller("admin").search.query({ q: "___" });
    expect(u.groups).toEqual([]);
  });

  it("reads big tables with a LIMIT, and free text through the trigram index or in the recent id window", async () => {
    prismaCalls.length = 0;
    rawSql.length = 0;
    for (const q of [...HOSTILE, ...NORMAL])
      await caller("admin")
        .search.query({ q, limit: 5 })
        .catch(() => null);
    for (const [type, value] of [
      ["ip", "192.0.2.53"],
      ["prefix", "192.0.2.0/24"],
      ["mac", "00:1a:2b:3c:4d:5e"],
      ["name", "ns1.example"],
      ["as", "64496"],
    ] as const)
      await caller("admin").entity.get({ type, value });
    for (const c of prismaCalls) {
      const label = `${c.model}.${c.op} ${JSON.stringify(c.args.where)}`;
      if (c.op === "findMany" || c.op === "groupBy") expect(c.args.take, label).toBeTypeOf("number");
      if (whereHasContains(c.args.where)) expect(whereHasIdFloor(c.args.where), label).toBe(true);
    }
    // Most reads are plain SQL on the direct connection (search/sql.ts): the same rules, in SQL.
    const big = rawSql.filter(({ sql }) => BIG_TABLES.test(sql));
    expect(big.length).toBeGreaterThan(20);
    for (const { sql } of big) {
      expect(sql, sql).toMatch(/\bLIMIT\b/);
      // LIKE outside the trigram index only inside the recent id window.
      if (/\bI?LIKE\b/.test(sql) && !sql.includes("translate(")) expect(sql, sql).toMatch(/"id" > \?/);
      if (/\bMATCH\b/.test(sql)) expect(sql, sql).toMatch(/MATCH \? ORDER BY rowid LIMIT \?\)/);
    }
    // Free text reads the trigram index: FTS5 MATCH on SQLite, ILIKE on the pg_trgm expression on PostgreSQL.
    const trigram = testEngine() === "postgres" ? /translate\([^)]*\) ILIKE/ : /\bMATCH\b/;
    expect(big.filter(({ sql }) => trigram.test(sql)).length).toBeGreaterThan(4);
  });

  // SQLite's EXPLAIN QUERY PLAN; PostgreSQL's planner picks by statistics, not a fixed plan.
  it.skipIf(testEngine() === "postgres")(
    "runs lease SQL on an index, never as a scan of the lease tables",
    async () => {
      rawSql.length = 0;
      for (const q of [...HOSTILE, ...NORMAL])
        await caller("viewer")
          .search.query({ q, limit: 5 })
          .catch(() => null);
      for (const v of ["192.0.2.53", "192.0.2.0/24", "00:1a:2b:3c:4d:5e", "ns1.example"]) {
        const type = v.includes("/")
          ? "prefix"
          : v.includes(":")
            ? "mac"
            : /^[0-9.]+$/.test(v)
              ? "ip"
              : "name";
        await caller("viewer").entity.get({ type, value: v });
      }
      expect(rawSql.length).toBeGreaterThan(10);
      const raw = await services.dhcp.raw();
      for (const { sql, params } of [...rawSql]) {
        if (!/FROM DhcpLease/.test(sql) || sql.startsWith("EXPLAIN")) continue;
        expect(sql, sql).toMatch(/LIMIT/);
        expect(sql).not.toMatch(/LIKE/i);
        const plan = (raw.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map(
          (p) => p.detail,
        );
        for (const step of plan)
          expect(step, `${sql}\n${plan.join("\n")}`).not.toMatch(
            /^SCAN (DhcpLease|DhcpLeaseEvent)\b(?! USING)/,
          );
      }
    },
  );

  it("refuses entity values that are not of their type with the reason, for every type", async () => {
    for (const [type, value] of [
      ["ip", "%"],
      ["prefix", "10.0.0.0/99"],
      ["mac", "'; DROP"],
      ["name", "a b"],
      ["as", "AS-1"],
      ["ip", "\ud800"],
    ] as const) {
      const e = await caller("viewer")
        .entity.get({ type, value })
        .catch((x: unknown) => x);
      expect((e as TRPCError).code, `${type} ${value}`).toBe("BAD_REQUEST");
    }
  });
});
