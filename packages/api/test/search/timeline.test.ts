/**
 * The one timeline through the API on a real database: every kind of event (BGP downs and
 * shutdown messages, zone verdict and serial changes, pool threshold crossings, an entity's lease
 * changes, EPP poll messages and transactions, RDAP consistency changes, alerts fired /
 * acknowledged / resolved, audit entries) appears with its subsystem, severity, entity and link,
 * filtered by entity, subsystem and severity, and survives the CSV and JSON export. Pool crossings
 * and consistency changes are made the way the console makes them: the DHCP evaluation and the
 * RDAP consistency checker see the change and write it.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import {
  type Role,
  TIMELINE_CSV_HEADER,
  type TimelineEvent,
  type TimelineInput,
  timelineCsv,
  timelineJson,
} from "@netops/protocols";
import { addressSortKey } from "@netops/protocols/dhcp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { subsystemModule as dhcpModule } from "../../src/features/dhcp/module";
import { RdapConsistencyChecker } from "../../src/features/rdap/consistency";
import { ConsistencyHistory } from "../../src/features/rdap/consistency-history";
import { subsystemModule as rdapModule } from "../../src/features/rdap/module";
import type { RdapQueryInput, RdapService } from "../../src/features/rdap/service";
import type { ModuleRuntime } from "../../src/modules/contract";
import type { Services } from "../../src/services";
import { type TestDb, testDb } from "../fixtures";
import { apiCaller, ADDRESS, NAME, seededServices, ZONE } from "./seed";

let t: TestDb;
let services: Services;
let clock = new Date("2026-12-06T09:30:00Z");
const at = (hhmm: string) => {
  clock = new Date(`2026-12-06T${hhmm}:00Z`);
};

/** What the registry's RDAP server answers in this test: a nameserver with these v4 addresses, or an error. */
let rdapAnswer: { v4: string[] } | { status: number } = { v4: [ADDRESS] };

/** The RDAP client as the checker sees it; the registry side is the console's real EPP cache. */
const rdap = {
  usableReason: () => null,
  recordConsistency: () => {},
  async query(input: RdapQueryInput) {
    const url = `https://rdap.lab.test/${input.type}/${input.q}`;
    if (input.type !== "nameserver" || "status" in rdapAnswer) {
      const status = "status" in rdapAnswer ? rdapAnswer.status : 503;
      return { result: { ok: false, url, error: { status, message: `HTTP ${status}` } } };
    }
    return {
      result: {
        ok: true,
        finalUrl: url,
        response: {
          kind: "nameserver",
          object: {
            objectClassName: "nameserver",
            ldhName: input.q,
            ipAddresses: { v4: rdapAnswer.v4 },
            status: [],
          },
        },
      },
    };
  },
} as unknown as RdapService;

let checker: RdapConsistencyChecker;

beforeAll(async () => {
  t = testDb("timeline");
  services = await seededServices(t, { now: () => clock });
  checker = new RdapConsistencyChecker(rdap, services.registry, services.alerts, {
    now: () => clock,
    history: new ConsistencyHistory(services.db),
  });
  const conn = await t.db.eppRegistryConnection.findFirstOrThrow();

  // RDAP: agrees, then differs, then cannot answer (no verdict), then agrees again.
  at("14:00");
  await checker.run();
  at("14:05");
  rdapAnswer = { v4: ["192.0.2.99"] };
  await checker.run();
  at("14:10");
  rdapAnswer = { status: 500 };
  await checker.run();
  at("14:15");
  rdapAnswer = { v4: [ADDRESS] };
  await checker.run();

  // DHCP: the pool 192.0.2.50–99 (50 addresses, two bound) crosses low thresholds up, then back down.
  const pool = await t.db.dhcpPool.findFirstOrThrow();
  await t.db.dhcpPool.update({ where: { id: pool.id }, data: { warnPct: 3, critPct: 5 } });
  at("14:20");
  await services.dhcp.evaluate();
  await services.dhcp.evaluate(); // no change, no second event
  const src = await t.db.dhcpSource.findFirstOrThrow();
  await t.db.dhcpLease.create({
    data: {
      sourceId: src.id,
      addressKey: addressSortKey("192.0.2.60"),
      address: "192.0.2.60",
      family: 4,
      prefixLength: 32,
      leaseType: "V4",
      state: "bound",
      line: 2,
      updatedAt: 0,
    },
  });
  at("14:25");
  await services.dhcp.evaluate();
  await t.db.dhcpPool.update({ where: { id: pool.id }, data: { warnPct: null, critPct: null } });
  at("14:30");
  await services.dhcp.evaluate();

  // DNS: a new serial, then a copy that cannot be read.
  const zone = await t.db.dnsZone.findFirstOrThrow();
  writeFileSync(path.join(t.dir, "example.zone"), ZONE.replace("2026120601", "2026120602"));
  at("14:35");
  await services.dns.checkNow(zone.id, "manual");
  writeFileSync(path.join(t.dir, "example.zone"), "$ORIGIN example.\n@ IN SOA broken\n");
  at("14:40");
  await services.dns.checkNow(zone.id, "manual");

  // EPP: a changing transaction on the host.
  await t.db.eppTransactionLog.create({
    data: {
      connectionId: conn.id,
      command: "host:update",
      object: NAME,
      startedAt: new Date("2026-12-06T14:45:00Z"),
      durationMs: 12,
      code: 1000,
      message: "Command completed successfully",
      requestXml: "<epp/>",
    },
  });

  // Alerts: the seeded one (fired at 09:30) is acknowledged, then resolved.
  const alert = (await services.alerts.active()).find((a) => a.labels.host === NAME);
  if (!alert) throw new Error("the seeded alert is missing");
  at("14:50");
  await services.alerts.acknowledge(alert.id, "admin");
  at("14:55");
  await services.alerts.resolveById(alert.id, "admin");
});
afterAll(async () => {
  // The direct connection (a pool on PostgreSQL) ends before its database is dropped.
  if (services) await (await services.dhcp.sql()).close();
  await t?.close();
});

function caller(role: Role) {
  return apiCaller(services, role);
}

const day = { from: "2026-12-06T00:00:00Z", to: "2026-12-07T00:00:00Z", limit: 500 };
const list = async (input: Partial<TimelineInput> = {}, role: Role = "admin") =>
  (await caller(role).timeline.list({ ...day, ...input })).events;
const kinds = (es: TimelineEvent[]) => [...new Set(es.map((e) => e.kind))].sort();

describe("every kind of event on one timeline", () => {
  it("has each kind, with subsystem, severity, link and entity", async () => {
    const all = [...(await list()), ...(await list({ entity: { type: "ip", value: ADDRESS } }))];
    expect(kinds(all)).toEqual(
      expect.arrayContaining([
        "bgp-down",
        "bgp-notification",
        "zone-serial",
        "zone-verdict",
        "pool-threshold",
        "lease-new",
        "epp-poll",
        "epp-transaction",
        "rdap-consistency",
        "alert-fired",
        "alert-acknowledged",
        "alert-resolved",
        "audit",
      ]),
    );
    expect(all.find((e) => e.kind === "bgp-notification")?.title).toContain("maintenance window CHG-1234");
    for (const e of all) {
      expect(e.url.startsWith("/"), e.id).toBe(true);
      expect(["info", "warning", "critical"]).toContain(e.severity);
    }
    const pools = all.filter((e) => e.kind === "pool-threshold");
    expect(pools.every((e) => e.subsystem === "dhcp" && e.entity?.type === "prefix")).toBe(true);
    expect(pools.every((e) => e.entity?.value === "192.0.2.0/24" && /^\/dhcp\?pool=\d+$/.test(e.url))).toBe(
      true,
    );
    const rdapEvents = all.filter((e) => e.kind === "rdap-consistency");
    expect(rdapEvents[0]?.entity).toEqual({ type: "name", value: NAME });
    expect(rdapEvents[0]?.url).toMatch(/^\/registry\/hosts\/[^/]+\/ns1\.example$/);
    // Alerts and audit entries name their entity too (the alert's host label, the audit target).
    expect(all.find((e) => e.kind === "alert-fired" && e.title.includes("glue differs"))?.entity).toEqual({
      type: "name",
      value: NAME,
    });
    expect(all.find((e) => e.kind === "audit" && e.title.includes(NAME))?.entity).toEqual({
      type: "name",
      value: NAME,
    });
  });

  it("writes a pool crossing per level change, at the time it was seen", async () => {
    const pools = await list({ subsystems: ["dhcp"] });
    expect(pools.map((e) => [e.at, e.severity, e.title])).toEqual([
      ["2026-12-06T14:30:00.000Z", "info", "Pool 192.0.2.50–192.0.2.99: critical → ok (6% used)"],
      ["2026-12-06T14:25:00.000Z", "critical", "Pool 192.0.2.50–192.0.2.99: warning → critical (6% used)"],
      ["2026-12-06T14:20:00.000Z", "warning", "Pool 192.0.2.50–192.0.2.99: ok → warning (4% used)"],
    ]);
  });

  it("writes a consistency change when the verdict changes, none while RDAP cannot answer", async () => {
    const changes = await list({ subsystems: ["rdap"] });
    expect(changes.map((e) => [e.at, e.severity])).toEqual([
      ["2026-12-06T14:15:00.000Z", "info"],
      ["2026-12-06T14:05:00.000Z", "warning"],
    ]);
    expect(changes[1]?.title).toBe("Host ns1.example: RDAP differs from EPP (address-mismatch)");
    expect(changes[1]?.detail).toContain("RDAP 192.0.2.99");
    expect(changes[0]?.title).toContain("agrees with EPP again");
  });
});

describe("filters", () => {
  it("by entity: an address finds its pool's crossings, its host's RDAP changes and its own events", async () => {
    const byIp = await list({ entity: { type: "ip", value: ADDRESS } });
    expect(kinds(byIp)).toEqual(
      expect.arrayContaining(["pool-threshold", "rdap-consistency", "lease-new", "bgp-down", "alert-fired"]),
    );
    expect(byIp.some((e) => e.kind === "zone-serial" || e.kind === "epp-poll")).toBe(false);
    // Outside the pool and unknown to RDAP: none of them.
    const other = await list({ entity: { type: "ip", value: "192.0.2.200" } });
    expect(other.filter((e) => e.kind === "pool-threshold" || e.kind === "rdap-consistency")).toEqual([]);
    // A prefix overlapping the pool finds its crossings.
    const prefix = await list({ entity: { type: "prefix", value: "192.0.2.96/28" }, subsystems: ["dhcp"] });
    expect(prefix.filter((e) => e.kind === "pool-threshold")).toHaveLength(3);
    const byName = await list({ entity: { type: "name", value: "NS1.Example." } });
    expect(kinds(byName)).toEqual(
      expect.arrayContaining(["rdap-consistency", "epp-transaction", "alert-fired", "audit"]),
    );
    expect(byName.some((e) => e.kind === "pool-threshold" || e.kind === "bgp-down")).toBe(false);
    const zone = await list({ entity: { type: "name", value: "example" } });
    expect(kinds(zone)).toEqual(expect.arrayContaining(["zone-serial", "zone-verdict"]));
  });

  it("by subsystem and severity", async () => {
    const critical = await list({ severities: ["critical"] });
    expect(critical.length).toBeGreaterThan(0);
    expect(critical.every((e) => e.severity === "critical")).toBe(true);
    expect(kinds(critical)).toEqual(expect.arrayContaining(["pool-threshold", "zone-verdict"]));
    const rdapInfo = await list({ subsystems: ["rdap"], severities: ["info"] });
    expect(rdapInfo.map((e) => e.at)).toEqual(["2026-12-06T14:15:00.000Z"]);
    const warn = await list({ subsystems: ["dhcp", "rdap"], severities: ["warning"] });
    expect(warn.map((e) => e.kind).sort()).toEqual(["pool-threshold", "rdap-consistency"]);
    const none = await list({ subsystems: ["rdap"], severities: ["critical"] });
    expect(none).toEqual([]);
  });

  it("pages the new kinds with a cursor without repeating or skipping", async () => {
    const all = await list({ subsystems: ["dhcp", "rdap"] });
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 20; i++) {
      const page = await caller("viewer").timeline.list({
        ...day,
        subsystems: ["dhcp", "rdap"],
        limit: 2,
        ...(cursor && { cursor }),
      });
      seen.push(...page.events.map((e) => e.id));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(seen).toEqual(all.map((e) => e.id));
    expect(seen).toHaveLength(5);
  });
});

describe("export", () => {
  it("CSV and JSON carry every kind with its entity and link", async () => {
    const events = [...(await list()), ...(await list({ entity: { type: "ip", value: ADDRESS } }))];
    const csv = timelineCsv(events);
    const lines = csv.split("\r\n");
    expect(`${lines[0]}\r\n`).toBe(TIMELINE_CSV_HEADER);
    const pool = lines.find((l) => l.includes(",pool-threshold,critical,"));
    expect(pool).toContain(",prefix,192.0.2.0/24,/dhcp?pool=");
    const rdapLine = lines.find((l) => l.includes(",rdap-consistency,warning,"));
    expect(rdapLine).toContain(`,name,${NAME},/registry/hosts/`);
    for (const k of ["lease-new", "zone-serial", "epp-poll", "epp-transaction", "alert-resolved", "audit"])
      expect(
        lines.some((l) => l.includes(`,${k},`)),
        k,
      ).toBe(true);
    const json = JSON.parse(
      timelineJson(events, {
        from: day.from,
        to: day.to,
        range: { from: day.from, to: day.to },
        filters: {},
        truncated: false,
      }),
    ) as { count: number; events: TimelineEvent[] };
    expect(json.count).toBe(events.length);
    expect(kinds(json.events)).toEqual(kinds(events));
    expect(json.events.find((e) => e.kind === "pool-threshold")?.entity).toEqual({
      type: "prefix",
      value: "192.0.2.0/24",
    });
  });
});

describe("housekeeping", () => {
  it("purges crossings and consistency changes older than the alert history, keeping current verdicts", async () => {
    const rt = (days: number) =>
      ({ services, config: { alerts: { historyDays: days } } }) as unknown as ModuleRuntime;
    at("23:00");
    await dhcpModule.housekeep?.(rt(1));
    await rdapModule.housekeep?.(rt(1));
    expect(await t.db.dhcpPoolLevelChange.count()).toBe(3);
    expect(await t.db.rdapConsistencyChange.count()).toBe(2);
    clock = new Date("2026-12-09T00:00:00Z");
    await dhcpModule.housekeep?.(rt(1));
    await rdapModule.housekeep?.(rt(1));
    expect(await t.db.dhcpPoolLevelChange.count()).toBe(0);
    expect(await t.db.rdapConsistencyChange.count()).toBe(0);
    expect((await t.db.dhcpPool.findFirstOrThrow()).level).toBe("ok");
  });
});
