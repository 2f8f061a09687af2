/**
 * A host name's lease changes: lease events carry the lower-cased hostname (DhcpLeaseEvent.
 * hostnameKey, written by the lease writer as leases change and are swept), so the name's entity
 * page lists them under "Lease history" and its timeline (`entity=name:…`) shows them, read by the
 * (hostnameKey, at) index (SQLite's plan checked) — not other hosts' changes.
 */
import { createDb, type Db } from "@netops/db";
import { freshTestDatabase, testEngine } from "@netops/db/testing";
import type { DhcpLease } from "@netops/protocols/dhcp";
import { addressSortKey } from "@netops/protocols/dhcp";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LeaseWriter } from "../../src/features/dhcp/ingest";
import { SearchService } from "../../src/search/service";
import type { Services } from "../../src/services";
import { testServices } from "../fixtures";
import { explainAll, recordPrepared } from "./query-plans";

let dir: string;
let drop: () => void;
let db: Db;
let services: Services;
let search: SearchService;
const traced: string[] = [];
let tracing = false;

const T0 = 1_780_000_000;

function lease(address: string, hostname: string | null, over: Partial<DhcpLease> = {}): DhcpLease {
  return {
    format: "kea-csv",
    family: 4,
    address,
    addressKey: addressSortKey(address),
    prefixLength: 32,
    leaseType: "V4",
    hwAddress: `02:00:00:00:00:${address.split(".")[3]?.padStart(2, "0")}`,
    hwType: 1,
    clientId: null,
    iaid: null,
    hostname,
    state: "bound",
    deleted: false,
    starts: T0,
    ends: T0 + 3600,
    cltt: T0,
    validLifetime: 3600,
    preferredLifetime: null,
    subnetId: 1,
    poolId: null,
    fqdnFwd: null,
    fqdnRev: null,
    userContext: null,
    failover: null,
    server: null,
    line: 1,
    raw: {},
    ...over,
  };
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "netops-lease-names-"));
  const fresh = freshTestDatabase(dir, "lease-names");
  drop = fresh.drop;
  db = createDb(fresh.url, { trace: (sql) => tracing && traced.push(sql) });
  services = testServices(db);
  search = new SearchService(services);
  const sql = await services.dhcp.sql();
  if (testEngine() === "sqlite")
    recordPrepared(await services.dhcp.raw(), { push: (s) => tracing && traced.push(s) });
  const src = await db.dhcpSource.create({ data: { name: "lab", kind: "kea-memfile", location: "/lab" } });
  const w = new LeaseWriter(sql);
  // First read: no events. Then the host renews and takes a second address, which changes state;
  // another host changes too, one lease carries the name's first label only, and a full read
  // sweeps what it no longer has.
  await w.apply(
    src.id,
    [lease("10.0.0.5", "Host.Example"), lease("10.0.0.6", "other.example"), lease("10.0.0.7", "host")],
    1,
    T0,
    true,
  );
  await w.apply(
    src.id,
    [
      lease("10.0.0.5", "Host.Example", { cltt: T0 + 600, ends: T0 + 4200 }),
      lease("10.0.0.6", "other.example", { cltt: T0 + 700, hwAddress: "02:00:00:00:00:99" }),
      lease("10.0.0.8", "host.example", { cltt: T0 + 800 }),
      lease("10.0.0.7", "host", { cltt: T0 + 900, state: "declined" }),
    ],
    2,
    T0 + 1000,
    false,
  );
  await w.apply(
    src.id,
    [lease("10.0.0.8", "host.example", { cltt: T0 + 1200, state: "expired" })],
    3,
    T0 + 1200,
    false,
  );
  // The sweep after generation 3 removes every lease not in it (the other host's among them).
  await w.sweep(src.id, 3, T0 + 1300);
});

afterAll(async () => {
  // The direct connection (a pool on PostgreSQL) ends before its database is dropped.
  if (services) await (await services.dhcp.sql()).close();
  await db?.$disconnect();
  drop?.();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The lease events of the host, newest first, as "kind address". */
const EXPECTED = [
  "removed 10.0.0.7",
  "removed 10.0.0.5",
  "state 10.0.0.8",
  "state 10.0.0.7",
  "new 10.0.0.8",
  "renewed 10.0.0.5",
];

describe("a host name's lease changes", () => {
  it("are stored with the lower-cased hostname", async () => {
    const rows = await db.dhcpLeaseEvent.findMany({ orderBy: { id: "asc" } });
    expect(rows.length).toBeGreaterThan(EXPECTED.length);
    for (const r of rows) expect(r.hostnameKey).toBe(r.hostname === null ? null : r.hostname.toLowerCase());
  });

  it("show on the name's entity page, newest first, without other hosts'", async () => {
    const page = await search.entity({ type: "name", value: "host.example" }, "viewer");
    const history = page.sections.find((s) => s.subsystem === "dhcp" && s.title === "Lease history");
    const got = history?.items.map((i) => i.label.replace(": ", " ")) ?? [];
    expect(got).toEqual(EXPECTED);
    expect(got.some((l) => l.includes("10.0.0.6"))).toBe(false);
  });

  it("show on the name's timeline, in its time range only", async () => {
    const events = (from: number, to: number) =>
      search
        .timeline(
          {
            entity: { type: "name", value: "host.example" },
            subsystems: ["dhcp"],
            from: new Date(from * 1000).toISOString(),
            to: new Date(to * 1000).toISOString(),
          },
          "viewer",
        )
        .then((p) => p.events.map((e) => `${e.kind.replace("lease-", "")} ${e.url.split("/").pop()}`));
    expect(new Set(await events(T0, T0 + 3600))).toEqual(new Set(EXPECTED));
    expect(new Set(await events(T0 + 1150, T0 + 3600))).toEqual(
      new Set(["removed 10.0.0.7", "removed 10.0.0.5", "state 10.0.0.8"]),
    );
    const other = await search.timeline(
      {
        entity: { type: "name", value: "other.example" },
        subsystems: ["dhcp"],
        from: new Date(T0 * 1000).toISOString(),
        to: new Date((T0 + 3600) * 1000).toISOString(),
      },
      "viewer",
    );
    expect(other.events.map((e) => `${e.kind} ${e.url}`)).toEqual([
      "lease-removed /dhcp/leases/10.0.0.6",
      "lease-changed-client /dhcp/leases/10.0.0.6",
    ]);
  });

  it.runIf(testEngine() === "sqlite")(
    "are read by the hostname index, not by scanning the events",
    async () => {
      traced.length = 0;
      tracing = true;
      await search.entity({ type: "name", value: "host.example" }, "viewer");
      await search.timeline(
        {
          entity: { type: "name", value: "host.example" },
          from: new Date(T0 * 1000).toISOString(),
          to: new Date((T0 + 3600) * 1000).toISOString(),
        },
        "viewer",
      );
      tracing = false;
      const raw = await services.dhcp.raw();
      const plans = explainAll(raw, traced).filter((p) => p.sql.includes("DhcpLeaseEvent"));
      expect(plans.length).toBeGreaterThanOrEqual(2);
      for (const p of plans) {
        expect(p.scans, p.sql).toEqual([]);
        expect(p.plan.join("\n"), p.sql).toMatch(/DhcpLeaseEvent_hostnameKey_at_idx/);
      }
    },
  );
});
