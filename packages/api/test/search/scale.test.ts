/**
 * Search and entity pages on tables with many rows per query range: what the index-bound reads
 * return (peers of a prefix by a loose index scan, the newest events of a wide address range,
 * record owners of a short prefix in index order), that every statement they run is an index
 * search by SQLite's own plan, and that a provider over its time budget leaves a partial answer.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createDb, type Db } from "@netops/db";
import { freshTestDatabase, testEngine } from "@netops/db/testing";
import { addressSortKey } from "@netops/protocols/dhcp";
import Database from "better-sqlite3";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { SearchService } from "../../src/search/service";
import type { Services } from "../../src/services";
import { testServices } from "../fixtures";
import { ALLOWED_WALKS, explainAll, recordPrepared } from "./query-plans";

let dir: string;
let drop: () => void;
let db: Db;
let services: Services;
let search: SearchService;
const traced: string[] = [];
let tracing = false;

const PEERS = 40;
const peer = (i: number) => `172.16.0.${i + 1}`;
const WIDE_EVENTS = 3000;
const T0 = 1_780_000_000;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "netops-search-scale-"));
  const fresh = freshTestDatabase(dir, "search-scale");
  drop = fresh.drop;
  db = createDb(fresh.url, { trace: (sql) => tracing && traced.push(sql) });
  services = testServices(db);
  search = new SearchService(services);
  if (testEngine() === "sqlite")
    recordPrepared(await services.dhcp.raw(), { push: (s) => tracing && traced.push(s) });

  const at = (i: number) => new Date(Date.UTC(2026, 11, 1) + i * 60_000);
  const events = [];
  for (let i = 0; i < PEERS * 5; i++) {
    const p = i % PEERS;
    events.push({
      key: `k${i}`,
      at: at(i),
      router: `edge${p % 2}`,
      session: `edge${p % 2}|${peer(p)}`,
      peerAddress: peer(p),
      peerAddressKey: addressSortKey(peer(p)),
      peerAs: 64512 + p,
      peerName: `peer-${p}`,
      kind: i % 2 ? "down" : "up",
      direction: "received",
      findings: "[]",
      source: "syslog",
      tickets: "[]",
    });
  }
  // Outside 172.16.0.0/12, but inside its text range "172.".
  events.push({
    ...events[0]!,
    key: "far",
    session: "edge0|172.200.0.1",
    peerAddress: "172.200.0.1",
    peerAddressKey: addressSortKey("172.200.0.1"),
  });
  await db.bgpEvent.createMany({ data: events });

  const src = await db.dhcpSource.create({
    data: { name: "scale", kind: "kea-memfile", location: "/scale" },
  });
  const ev = (address: string, n: number) => ({
    sourceId: src.id,
    addressKey: addressSortKey(address),
    address,
    hwAddress: "02:00:00:00:00:01",
    state: "bound",
    kind: "renewed",
    at: T0 + n,
  });
  const wide = [];
  for (let i = 0; i < WIDE_EVENTS; i++) wide.push(ev(`10.${(i >> 8) & 255}.${i & 255}.1`, i));
  await db.dhcpLeaseEvent.createMany({ data: wide });
  await db.dhcpLeaseEvent.createMany({ data: [ev("192.0.2.53", 5), ev("192.0.2.53", 7)] });

  await db.dnsZone.create({ data: { id: "zs", name: "scale.example.", sourceKind: "file", source: "/x" } });
  const terms = [];
  for (let i = 299; i >= 0; i--)
    terms.push({
      zoneId: "zs",
      checkId: 1,
      owner: `h${i}.scale.example`,
      type: "A",
      value: `10.9.0.${i % 250}`,
      addrKey: addressSortKey(`10.9.0.${i % 250}`),
      ttl: 60,
    });
  await db.dnsRecordTerm.createMany({ data: terms });
});
afterAll(async () => {
  // The direct connection (a pool on PostgreSQL) ends before its database is dropped.
  if (services) await (await services.dhcp.sql()).close();
  await db?.$disconnect();
  drop?.();
  if (dir) rmSync(dir, { recursive: true, force: true });
});
afterEach(() => {
  vi.restoreAllMocks();
});

const bgpHits = async (q: string, limit = 8) =>
  (await search.search({ q, limit }, "admin")).groups.find((g) => g.subsystem === "bgp")?.hits ?? [];

describe("index-bound reads on many rows", () => {
  it("finds BGP sessions by the start of a peer address, a prefix and the start of a peer name", async () => {
    const start = await bgpHits("172.16.0", 50);
    expect(start.length).toBe(PEERS);
    expect(start.every((h) => h.rank === "prefix")).toBe(true);
    // The /12 holds 172.16.0.x, not 172.200.0.1, though both start with "172.".
    const inPrefix = await bgpHits("172.16.0.0/12", 50);
    expect(inPrefix.map((h) => h.detail).join()).not.toContain("172.200.0.1");
    expect(inPrefix.length).toBe(PEERS);
    const wider = await bgpHits("172.", 100);
    expect(wider.map((h) => h.key)).toContain("edge0|172.200.0.1");
    const names = await bgpHits("peer-3", 50);
    // peer-3 exactly, then peer-30 … peer-39 by the start of the name.
    expect(names.filter((h) => h.rank === "exact").map((h) => h.label)).toEqual(["peer-3 on edge1"]);
    expect(names.filter((h) => h.rank === "prefix").length).toBe(10);
    // A limit of 3 reads 3 peers (and says there are more).
    const few = await search.search({ q: "172.16", limit: 3 }, "admin");
    const g = few.groups.find((x) => x.subsystem === "bgp");
    expect(g?.hits.length).toBe(3);
    expect(g?.more).toBe(true);
  });

  it("lists the BGP sessions and events of the peers inside a prefix only", async () => {
    const page = await search.entity({ type: "prefix", value: "172.16.0.0/12" }, "admin");
    const sessions = page.sections.find((s) => s.title === "BGP sessions");
    expect(sessions?.items.length).toBe(25);
    expect(sessions?.more).toBe(true);
    const events = page.sections.find((s) => s.subsystem === "bgp" && s.title !== "BGP sessions");
    expect(events?.items.length).toBeGreaterThan(0);
    expect(events?.items.every((i) => !i.label.includes("172.200"))).toBe(true);
    const times = events?.items.map((i) => i.at ?? "") ?? [];
    expect(times).toEqual([...times].sort().reverse());
  });

  it("gives the newest lease events of a wide range and of a single address", async () => {
    const wide = await search.entity({ type: "prefix", value: "10.0.0.0/8" }, "admin");
    const history = wide.sections.find((s) => s.title === "Lease history");
    const expected = Array.from({ length: 25 }, (_, k) =>
      new Date((T0 + WIDE_EVENTS - 1 - k) * 1000).toISOString(),
    );
    expect(history?.items.map((i) => i.at)).toEqual(expected);
    expect(history?.more).toBe(true);
    const one = await search.entity({ type: "ip", value: "192.0.2.53" }, "admin");
    expect(one.sections.find((s) => s.title === "Lease history")?.items.map((i) => i.at)).toEqual([
      new Date((T0 + 7) * 1000).toISOString(),
      new Date((T0 + 5) * 1000).toISOString(),
    ]);
  });

  it("gives zone record owners of a short name start in name order", async () => {
    const r = await search.search({ q: "h1", limit: 5 }, "admin");
    const dns = r.groups.find((g) => g.subsystem === "dns");
    expect(dns?.hits.map((h) => h.label.split(" ")[0])).toEqual([
      "h1.scale.example",
      "h10.scale.example",
      "h100.scale.example",
      "h101.scale.example",
      "h102.scale.example",
    ]);
  });
});

describe.skipIf(testEngine() !== "sqlite")("query plans", () => {
  it("searches an index for every statement, never scans a table that grows with the network", async () => {
    traced.length = 0;
    tracing = true;
    for (const q of [
      "172.16.0",
      "172.16.0.0/12",
      "peer-3",
      "h1",
      "10.0.0.0/8",
      "10",
      "02:00",
      "64513",
      "ns1",
      "maint",
    ])
      await search.search({ q, limit: 8 }, "admin");
    for (const [type, value] of [
      ["prefix", "10.0.0.0/8"],
      ["prefix", "172.16.0.0/12"],
      ["ip", "192.0.2.53"],
      ["ip", peer(3)],
      ["name", "h1.scale.example"],
      ["as", "64513"],
      ["mac", "02:00:00:00:00:01"],
    ] as const)
      await search.entity({ type, value }, "admin");
    tracing = false;
    const file = (await db.$queryRawUnsafe<{ name: string; file: string }[]>("PRAGMA database_list")).find(
      (r) => r.name === "main",
    )?.file;
    const plans = new Database(file as string, { readonly: true });
    try {
      const planned = explainAll(plans, traced, ALLOWED_WALKS);
      expect(planned.length).toBeGreaterThan(20);
      const scanning = planned.filter((p) => p.scans.length).map((p) => `${p.sql}\n  ${p.plan.join("\n  ")}`);
      expect(scanning).toEqual([]);
    } finally {
      plans.close();
    }
  });
});

describe("time budget", () => {
  it("answers without a provider that takes too long, and says which", async () => {
    const quick = new SearchService(services, { searchBudgetMs: 50, entityBudgetMs: 50 });
    // The zone record index never answers: BGP's answer comes without it, DNS says why it is missing.
    const real = await services.dhcp.sql();
    vi.spyOn(services.dhcp, "sql").mockResolvedValue({
      engine: real.engine,
      close: () => real.close(),
      all: (sql: string, ...p: unknown[]) =>
        sql.includes('"DnsRecordTerm"') ? new Promise(() => {}) : real.all(sql, ...p),
    } as never);
    const r = await quick.search({ q: peer(1) }, "admin");
    expect(r.groups.find((g) => g.subsystem === "bgp")?.hits.map((h) => h.rank)).toEqual(["exact"]);
    const dns = r.groups.find((g) => g.subsystem === "dns");
    expect(dns?.hits).toEqual([]);
    expect(dns?.error).toMatch(/^dns: no answer within 50 ms/);
    const page = await quick.entity({ type: "ip", value: peer(1) }, "admin");
    expect(page.sections.find((s) => s.subsystem === "bgp")?.items.length).toBeGreaterThan(0);
    expect(page.sections.find((s) => s.subsystem === "dns")?.error).toMatch(/no answer within 50 ms/);
  });
});
