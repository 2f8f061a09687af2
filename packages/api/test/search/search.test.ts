/**
 * Search, entity pages and the timeline through the API (the app router's caller) on a real
 * database seeded so that one address and one name are known to every subsystem.
 */
import type { Role } from "@netops/protocols";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Services } from "../../src/services";
import { type TestDb, testDb } from "../fixtures";
import { apiCaller, ADDRESS, MAC, NAME, PEER_AS, seededServices } from "./seed";

let t: TestDb;
let services: Services;

beforeAll(async () => {
  t = testDb("search");
  services = await seededServices(t);
});
afterAll(async () => {
  // The direct connection (a pool on PostgreSQL) ends before its database is dropped.
  if (services) await (await services.dhcp.sql()).close();
  await t?.close();
});

function caller(role: Role) {
  return apiCaller(services, role);
}

const subsystemsOf = (groups: { subsystem: string }[]) => groups.map((g) => g.subsystem);

describe("search.query", () => {
  it("finds the demo address in every subsystem that knows it, exact hits first", async () => {
    const r = await caller("viewer").search.query({ q: ADDRESS });
    expect(r.classified.kind).toBe("ipv4");
    expect(r.classified.entity).toEqual({ type: "ip", value: ADDRESS });
    expect(subsystemsOf(r.groups)).toEqual(
      expect.arrayContaining(["registry", "dns", "dhcp", "bgp", "alerts"]),
    );
    const dhcp = r.groups.find((g) => g.subsystem === "dhcp");
    expect(dhcp?.hits[0]).toMatchObject({
      kind: "lease",
      label: ADDRESS,
      rank: "exact",
      url: `/dhcp/leases/${ADDRESS}`,
    });
    // 192.0.2.54 is not this address: an address search is exact.
    expect(dhcp?.hits.filter((h) => h.kind === "lease").map((h) => h.label)).toEqual([ADDRESS]);
    expect(dhcp?.hits.some((h) => h.kind === "pool" && h.url.startsWith("/dhcp?pool="))).toBe(true);
    const registry = r.groups.find((g) => g.subsystem === "registry");
    expect(registry?.hits[0]).toMatchObject({ kind: "host", label: NAME, rank: "exact" });
    expect(registry?.hits[0]?.url).toMatch(/^\/registry\/hosts\/[^/]+\/ns1\.example$/);
    const dns = r.groups.find((g) => g.subsystem === "dns");
    expect(dns?.hits.map((h) => h.label)).toContain(`ns1.example A ${ADDRESS}`);
    expect(dns?.hits[0]?.url).toBe("/dns/example?record=ns1.example");
    const bgp = r.groups.find((g) => g.subsystem === "bgp");
    expect(bgp?.hits[0]).toMatchObject({
      kind: "session",
      rank: "exact",
      url: `/bgp/session?router=edge1&peer=${ADDRESS}`,
    });
  });

  it("ranks exact before prefix before contains, and groups by their best hit", async () => {
    const r = await caller("viewer").search.query({ q: "192.0.2" });
    expect(r.classified.kind).toBe("ip-partial");
    const dhcp = r.groups.find((g) => g.subsystem === "dhcp");
    // .53 and .54 (192.0.2.x) and 192.0.20.7 all start with "192.0.2"; nothing else.
    expect(
      dhcp?.hits
        .filter((h) => h.kind === "lease")
        .map((h) => h.label)
        .sort(),
    ).toEqual(["192.0.2.53", "192.0.2.54", "192.0.20.7"]);
    expect(dhcp?.hits.every((h) => h.rank !== "exact" || h.kind === "pool")).toBe(true);
    const ranks = r.groups.map((g) => g.hits[0]?.rank);
    const order = { exact: 0, prefix: 1, contains: 2 } as const;
    expect(ranks.map((k) => order[k ?? "contains"])).toEqual(
      [...ranks.map((k) => order[k ?? "contains"])].sort(),
    );
  });

  it("finds a MAC in every notation, and the start of one", async () => {
    for (const q of [MAC, "001a.2b3c.4d5e", "001a2b3c4d5e", "00-1A-2B-3C-4D-5E"]) {
      const r = await caller("viewer").search.query({ q });
      const hits = r.groups.find((g) => g.subsystem === "dhcp")?.hits ?? [];
      expect(
        hits.map((h) => [h.label, h.rank]),
        q,
      ).toEqual([[ADDRESS, "exact"]]);
    }
    const partial = await caller("viewer").search.query({ q: "00:1a:2b" });
    const labels = partial.groups.find((g) => g.subsystem === "dhcp")?.hits.map((h) => h.label);
    expect(labels?.sort()).toEqual([ADDRESS, "192.0.2.54"]);
  });

  it("finds a name as host, zone record, domain delegation, lease hostname and audit target (admin)", async () => {
    const r = await caller("admin").search.query({ q: NAME });
    expect(subsystemsOf(r.groups)).toEqual(expect.arrayContaining(["registry", "dns", "alerts", "audit"]));
    const reg = r.groups.find((g) => g.subsystem === "registry")?.hits ?? [];
    expect(reg.map((h) => [h.kind, h.label])).toEqual(
      expect.arrayContaining([
        ["host", NAME],
        ["domain", "delegated.example"],
      ]),
    );
    const zone = await caller("viewer").search.query({ q: "example" });
    expect(zone.groups.find((g) => g.subsystem === "dns")?.hits[0]).toMatchObject({
      kind: "zone",
      label: "example.",
      rank: "exact",
      url: "/dns/example",
    });
  });

  it("finds an AS number written either way", async () => {
    for (const q of [`AS${PEER_AS}`, String(PEER_AS)]) {
      const r = await caller("viewer").search.query({ q });
      expect(r.groups.find((g) => g.subsystem === "bgp")?.hits[0], q).toMatchObject({
        kind: "session",
        rank: "exact",
      });
    }
  });

  it("finds shutdown messages and poll messages by their text", async () => {
    const r = await caller("viewer").search.query({ q: "maintenance window" });
    expect(r.groups.find((g) => g.subsystem === "bgp")?.hits[0]).toMatchObject({
      kind: "event",
      rank: "prefix",
    });
    const p = await caller("viewer").search.query({ q: "transfer requested" });
    expect(p.groups.find((g) => g.subsystem === "registry")?.hits[0]?.kind).toBe("poll-message");
  });

  it("shows a viewer no audit entries, an admin does", async () => {
    const viewer = await caller("viewer").search.query({ q: NAME });
    expect(subsystemsOf(viewer.groups)).not.toContain("audit");
    const admin = await caller("admin").search.query({ q: NAME });
    expect(admin.groups.find((g) => g.subsystem === "audit")?.hits[0]).toMatchObject({
      label: `registry.updateHost ${NAME}`,
      rank: "exact",
    });
  });
});

describe("entity.get", () => {
  it("gathers the demo address across at least four subsystems, each section saying when it was refreshed", async () => {
    const page = await caller("viewer").entity.get({ type: "ip", value: ADDRESS });
    expect(page.url).toBe(`/ip/${ADDRESS}`);
    const subsystems = new Set(page.sections.map((s) => s.subsystem));
    expect([...subsystems]).toEqual(expect.arrayContaining(["dhcp", "registry", "dns", "bgp", "alerts"]));
    const titles = page.sections.map((s) => `${s.subsystem}: ${s.title}`);
    expect(titles).toEqual(
      expect.arrayContaining([
        "dhcp: Leases",
        "dhcp: Lease history",
        "dhcp: Pools",
        "registry: EPP hosts with this glue",
        "registry: Domains delegated to these hosts",
        "dns: Zone records (last accepted copy)",
        "bgp: BGP sessions",
        "alerts: Alerts",
      ]),
    );
    const reg = page.sections.find((s) => s.title === "EPP hosts with this glue");
    expect(reg?.refreshedAt).toBe("2026-12-06T09:00:00.000Z");
    const dns = page.sections.find((s) => s.subsystem === "dns");
    expect(dns?.refreshedAt).not.toBeNull();
  });

  it("accepts any notation and answers with the canonical entity", async () => {
    const page = await caller("viewer").entity.get({ type: "mac", value: "001A.2B3C.4D5E" });
    expect(page.entity).toEqual({ type: "mac", value: MAC });
    expect(page.sections.find((s) => s.title === "Leases")?.items[0]?.label).toBe(ADDRESS);
    const name = await caller("viewer").entity.get({ type: "name", value: "NS1.Example." });
    expect(name.entity).toEqual({ type: "name", value: NAME });
    expect(name.sections.map((s) => s.subsystem)).toEqual(
      expect.arrayContaining(["registry", "dns", "dhcp"]),
    );
    const as = await caller("viewer").entity.get({ type: "as", value: `AS${PEER_AS}` });
    expect(as.display).toBe(`AS${PEER_AS}`);
    expect(as.sections.find((s) => s.subsystem === "bgp")?.items[0]?.kind).toBe("session");
    const prefix = await caller("viewer").entity.get({ type: "prefix", value: "192.0.2.1/24" });
    expect(prefix.entity.value).toBe("192.0.2.0/24");
    expect(prefix.sections.find((s) => s.title === "Leases")?.items.map((i) => i.label)).toEqual([
      ADDRESS,
      "192.0.2.54",
    ]);
  });

  it("refuses a value that is not of its type with the field and the reason", async () => {
    const err = await caller("viewer")
      .entity.get({ type: "ip", value: "192.0.2.300" })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TRPCError);
    expect((err as TRPCError).code).toBe("BAD_REQUEST");
    expect((err as TRPCError).message).toContain('"192.0.2.300" is not an IP address');
  });

  it("lists audit entries for admins only", async () => {
    const viewer = await caller("viewer").entity.get({ type: "name", value: NAME });
    expect(viewer.sections.map((s) => s.subsystem)).not.toContain("audit");
    const admin = await caller("admin").entity.get({ type: "name", value: NAME });
    expect(admin.sections.find((s) => s.subsystem === "audit")?.items[0]?.label).toBe(
      `registry.updateHost ${NAME}`,
    );
  });
});

describe("timeline.list", () => {
  const day = { from: "2026-12-06T00:00:00Z", to: "2026-12-07T00:00:00+00:00" };

  it("puts every subsystem's events on one axis, newest first, filtered by entity", async () => {
    const r = await caller("admin").timeline.list({
      ...day,
      entity: { type: "ip", value: ADDRESS },
      limit: 50,
    });
    const kinds = r.events.map((e) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(["bgp-down", "bgp-notification", "bgp-up", "lease-new"]));
    const times = r.events.map((e) => Date.parse(e.at));
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it("pages with a cursor without repeating or skipping", async () => {
    const all = await caller("admin").timeline.list({ ...day, limit: 100 });
    expect(all.events.length).toBeGreaterThan(4);
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 50; i++) {
      const page = await caller("admin").timeline.list({ ...day, limit: 2, ...(cursor && { cursor }) });
      seen.push(...page.events.map((e) => e.id));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(seen).toEqual(all.events.map((e) => e.id));
  });

  it("filters by subsystem and severity, and hides audit entries from viewers", async () => {
    const bgp = await caller("admin").timeline.list({
      ...day,
      subsystems: ["bgp"],
      severities: ["warning"],
      limit: 50,
    });
    expect(bgp.events.map((e) => e.kind).sort()).toEqual(["bgp-down", "bgp-notification"]);
    const viewer = await caller("viewer").timeline.list({ ...day, limit: 100 });
    expect(viewer.events.some((e) => e.subsystem === "audit")).toBe(false);
    const admin = await caller("admin").timeline.list({ ...day, subsystems: ["audit"], limit: 100 });
    expect(admin.events.length).toBe(2);
  });

  it("refuses a range without a zone, reversed ranges and foreign cursors", async () => {
    const noZone = await caller("viewer")
      .timeline.list({ from: "2026-12-06T00:00:00", to: day.to, limit: 5 })
      .catch((e: unknown) => e);
    expect((noZone as TRPCError).code).toBe("BAD_REQUEST");
    const reversed = await caller("viewer")
      .timeline.list({ from: day.to, to: day.from, limit: 5 })
      .catch((e: unknown) => e);
    expect((reversed as TRPCError).message).toContain("from is after to");
    const cursor = await caller("viewer")
      .timeline.list({ ...day, cursor: "1;DROP", limit: 5 })
      .catch((e: unknown) => e);
    expect((cursor as TRPCError).message).toContain("not a timeline cursor");
  });
});

describe("natural names", () => {
  it("reads a lease by its address and a zone by its name; old id lookups still work", async () => {
    const lease = await caller("viewer").dhcp.leaseByAddress({ address: ADDRESS });
    expect(lease.lease.address).toBe(ADDRESS);
    expect(lease.sameAddress).toHaveLength(1);
    expect((await caller("viewer").dhcp.lease({ id: lease.lease.id })).lease.address).toBe(ADDRESS);
    const missing = await caller("viewer")
      .dhcp.leaseByAddress({ address: "198.18.20.10" })
      .catch((e: unknown) => e);
    expect((missing as TRPCError).code).toBe("NOT_FOUND");
    const bad = await caller("viewer")
      .dhcp.leaseByAddress({ address: "not-an-ip" })
      .catch((e: unknown) => e);
    expect((bad as TRPCError).code).toBe("BAD_REQUEST");
    for (const name of ["example", "example.", "EXAMPLE"]) {
      const z = await caller("viewer").dns.getByName({ name });
      expect(z.zone.name).toBe("example.");
    }
    const none = await caller("viewer")
      .dns.getByName({ name: "corrupt.example." })
      .catch((e: unknown) => e);
    expect((none as TRPCError).message).toContain("no watched zone named corrupt.example.");
  });
});
