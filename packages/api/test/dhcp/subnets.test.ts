/**
 * Console-configured subnets of DHCP file sources through the real router over tRPC's fetch
 * adapter, so errors are asserted exactly as a browser receives them (the console's error
 * formatter, zod issue paths): add, list, remove, roles, Kea-owned subnets and malformed input.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import type { Role } from "@netops/protocols";
import { describe, expect, it } from "vitest";
import type { Services } from "../../src";
import { callAs, KEA4_HEADER, keaRow, routerFixture } from "./helpers";

const fx = routerFixture("dhcp-subnets", new Date("2026-11-21T06:00:00Z"));
const T = Math.floor(fx.clock.t.getTime() / 1000);

/** One call as a token user of `role` (token: no Origin check), answered as over HTTP. */
const call = (role: Role, proc: string, input?: unknown, kind: "query" | "mutation" = "mutation") =>
  callAs(fx.services, role, proc, input, kind);

type Overview = Awaited<ReturnType<Services["dhcp"]["overview"]>>;
const overview = async () => (await call("viewer", "dhcp.overview", undefined, "query")).data as Overview;

/** A file source; its file need not exist yet (only its folder, inside dhcp.leaseDirs). */
async function fileSource(name = "files", file = path.join(fx.dir, "not-yet-written.csv")) {
  const r = await call("admin", "dhcp.createSource", { name, kind: "kea-memfile", location: file });
  expect(r.status).toBe(200);
  return (r.data as { id: number }).id;
}

const auditOf = (action: string) => fx.db.auditEntry.findMany({ where: { action }, orderBy: { id: "asc" } });

describe("dhcp.addSubnet / dhcp.removeSubnet", () => {
  it("adds a subnet with its pools, lists it through the overview, and audits it", async () => {
    const sourceId = await fileSource();
    const r = await call("operator", "dhcp.addSubnet", {
      sourceId,
      cidr: "10.20.0.0/24",
      pools: ["10.20.0.10-10.20.0.99", " 10.20.0.128/26 "],
      sharedNetwork: "campus",
    });
    expect(r.error).toBeUndefined();
    const { id } = r.data as { id: number };
    const pools = (await overview()).pools.filter((p) => p.subnetId === id);
    expect(
      pools.map((p) => [p.sourceName, p.subnet, p.sharedNetwork, p.firstAddr, p.lastAddr, p.size]).sort(),
    ).toEqual([
      ["files", "10.20.0.0/24", "campus", "10.20.0.10", "10.20.0.99", 90],
      ["files", "10.20.0.0/24", "campus", "10.20.0.128", "10.20.0.191", 64],
    ]);
    expect((await overview()).sharedNetworks.map((g) => g.name)).toEqual(["campus"]);
    const [entry] = await auditOf("dhcp.addSubnet");
    expect(entry).toMatchObject({ target: "dhcp-subnet:files:10.20.0.0/24", before: "null", ok: true });
    expect(JSON.parse(entry?.after ?? "null")).toMatchObject({ sourceId, cidr: "10.20.0.0/24" });
  });

  it("removes a subnet with its pools and samples; its utilization alert goes with it", async () => {
    const file = path.join(fx.dir, "kea-leases4.csv");
    const rows = Array.from({ length: 10 }, (_, i) =>
      keaRow(`10.30.0.${10 + i}`, `02:00:00:00:00:${(10 + i).toString(16).padStart(2, "0")}`, T + 3600),
    );
    writeFileSync(file, `${KEA4_HEADER}\n${rows.join("\n")}\n`);
    const sourceId = await fileSource("full", file);
    expect((await call("operator", "dhcp.pollNow", { id: sourceId })).data).toMatchObject({ ok: true });
    // Past the once-a-minute sampling of the poll's own evaluation.
    fx.clock.t = new Date((T + 61) * 1000);
    const added = await call("operator", "dhcp.addSubnet", {
      sourceId,
      cidr: "10.30.0.0/24",
      pools: ["10.30.0.10 - 10.30.0.19"],
    });
    const { id } = added.data as { id: number };
    // addSubnet evaluates at once: the full pool is critical and sampled without waiting for a cycle.
    const utilization = async () =>
      (await fx.services.alerts.active()).filter((a) => a.labels.check === "utilization");
    expect((await utilization()).map((a) => a.severity)).toEqual(["critical"]);
    const pool = await fx.db.dhcpPool.findFirstOrThrow({ where: { subnetId: id } });
    expect(await fx.db.dhcpUtilSample.count({ where: { poolId: pool.id } })).toBe(1);

    const removed = await call("operator", "dhcp.removeSubnet", { id });
    expect(removed).toMatchObject({ status: 200, data: { ok: true } });
    expect(await fx.db.dhcpSubnet.count()).toBe(0);
    expect(await fx.db.dhcpPool.count()).toBe(0);
    expect(await fx.db.dhcpUtilSample.count()).toBe(0);
    expect((await overview()).pools).toEqual([]);
    expect(await utilization()).toEqual([]);
    // The leases stay: they belong to the source, not to the console's subnet.
    expect((await overview()).sources[0]?.leaseCount).toBe(10);
    const [entry] = await auditOf("dhcp.removeSubnet");
    expect(entry).toMatchObject({ target: "dhcp-subnet:full:10.30.0.0/24", after: "null" });
    expect(JSON.parse(entry?.before ?? "null")).toEqual({
      cidr: "10.30.0.0/24",
      sharedNetwork: null,
      pools: [{ range: "10.30.0.10-10.30.0.19", warnPct: null, critPct: null }],
    });
  });

  it("needs the operator role for both; a viewer changes nothing", async () => {
    const sourceId = await fileSource();
    const refused = await call("viewer", "dhcp.addSubnet", {
      sourceId,
      cidr: "10.20.0.0/24",
      pools: ["10.20.0.0/25"],
    });
    expect(refused.status).toBe(403);
    expect(refused.error?.message).toBe("this needs the operator role; you are viewer");
    expect(await fx.db.dhcpSubnet.count()).toBe(0);

    const { id } = (
      await call("operator", "dhcp.addSubnet", { sourceId, cidr: "10.20.0.0/24", pools: ["10.20.0.0/25"] })
    ).data as { id: number };
    const r = await call("viewer", "dhcp.removeSubnet", { id });
    expect(r.status).toBe(403);
    expect(await fx.db.dhcpSubnet.count()).toBe(1);
    // The refusal is audited (by the generic middleware), with the error code.
    const [entry] = await auditOf("dhcp.removeSubnet");
    expect(entry).toMatchObject({ ok: false, actorName: "test-viewer" });
  });

  it("refuses the subnets of a Kea API source, which Kea's configuration owns", async () => {
    const r = await call("admin", "dhcp.createSource", {
      name: "kea",
      kind: "kea-api",
      location: "http://127.0.0.1:1/",
    });
    const sourceId = (r.data as { id: number }).id;
    // As the collector mirrors it from config-get (no Control Agent is contacted in this test).
    const subnet = await fx.db.dhcpSubnet.create({
      data: {
        sourceId,
        keaId: 1,
        cidr: "192.0.2.0/24",
        lowKey: "v4:c0000200",
        highKey: "v4:c00002ff",
        origin: "kea",
        pools: {
          create: {
            firstAddr: "192.0.2.10",
            lastAddr: "192.0.2.19",
            lowKey: "v4:c000020a",
            highKey: "v4:c0000213",
            size: 10,
          },
        },
      },
    });
    const removed = await call("operator", "dhcp.removeSubnet", { id: subnet.id });
    expect(removed.status).toBe(400);
    expect(removed.error?.message).toBe(
      "subnet 192.0.2.0/24 of kea comes from Kea's configuration; change it in Kea",
    );
    expect(await fx.db.dhcpPool.count()).toBe(1);
    const added = await call("operator", "dhcp.addSubnet", {
      sourceId,
      cidr: "198.51.100.0/24",
      pools: ["198.51.100.0/25"],
    });
    expect(added.status).toBe(400);
    expect(added.error?.message).toBe("Kea API sources take their subnets from Kea's configuration");
  });

  it("answers NOT_FOUND for an unknown subnet or source", async () => {
    const r = await call("operator", "dhcp.removeSubnet", { id: 4242 });
    expect(r).toMatchObject({ status: 404, error: { message: "no subnet 4242" } });
    const a = await call("operator", "dhcp.addSubnet", {
      sourceId: 4242,
      cidr: "10.0.0.0/24",
      pools: ["10.0.0.0/25"],
    });
    expect(a).toMatchObject({ status: 404, error: { message: "no source 4242" } });
  });

  it("refuses a prefix overlapping one the source already has, but not another source's", async () => {
    const a = await fileSource("a");
    const b = await fileSource("b");
    const add = (sourceId: number, cidr: string, pools: string[]) =>
      call("operator", "dhcp.addSubnet", { sourceId, cidr, pools });
    expect((await add(a, "10.40.0.0/16", ["10.40.1.0/24"])).status).toBe(200);
    const same = await add(a, "10.40.0.0/16", ["10.40.2.0/24"]);
    expect(same).toMatchObject({
      status: 400,
      error: { message: "cidr: 10.40.0.0/16 is already configured for this source" },
    });
    const inner = await add(a, "10.40.7.0/24", ["10.40.7.10-10.40.7.20"]);
    expect(inner.error?.message).toBe(
      "cidr: 10.40.7.0/24 overlaps 10.40.0.0/16, already configured for this source",
    );
    const outer = await add(a, "10.0.0.0/8", ["10.1.0.0/24"]);
    expect(outer.error?.message).toBe(
      "cidr: 10.0.0.0/8 overlaps 10.40.0.0/16, already configured for this source",
    );
    // A failover partner serves the same subnet: a different source may have it too.
    expect((await add(b, "10.40.0.0/16", ["10.40.1.0/24"])).status).toBe(200);
    // And an IPv6 subnet never overlaps an IPv4 one.
    expect((await add(a, "2001:db8::/64", ["2001:db8::100-2001:db8::1ff"])).status).toBe(200);
    expect(await fx.db.dhcpSubnet.count()).toBe(3);
  });

  describe("malformed input gets a precise error (field and reason) and stores nothing", () => {
    const cases: [string, Record<string, unknown>, string | RegExp][] = [
      [
        "an address without a length",
        { cidr: "10.20.0.0" },
        'cidr: "10.20.0.0" is not a CIDR prefix (address/length, e.g. 10.0.0.0/24)',
      ],
      ["a length past 32", { cidr: "10.20.0.0/33" }, 'cidr: "10.20.0.0/33" is not a CIDR prefix'],
      ["text", { cidr: "campus-net" }, 'cidr: "campus-net" is not a CIDR prefix'],
      [
        "host bits set",
        { cidr: "10.20.1.0/16" },
        "cidr: 10.20.1.0/16 has host bits set; the prefix is 10.20.0.0/16",
      ],
      [
        "a pool outside the subnet",
        { pools: ["10.20.0.10-10.20.0.20", "10.21.0.1-10.21.0.5"] },
        "pools.1: pool 10.21.0.1-10.21.0.5 is outside 10.20.0.0/24",
      ],
      [
        "an IPv6 pool in an IPv4 subnet",
        { pools: ["2001:db8::1-2001:db8::9"] },
        "pools.0: pool 2001:db8::1-2001:db8::9 is outside 10.20.0.0/24",
      ],
      [
        "a reversed range",
        { pools: ["10.20.0.200-10.20.0.10"] },
        'pools.0: pool "10.20.0.200-10.20.0.10": first address is after the last',
      ],
      [
        "a range of one address",
        { pools: ["10.20.0.5"] },
        'pools.0: pool "10.20.0.5": expected "first - last"',
      ],
      [
        "not addresses",
        { pools: ["10.20.0.1-10.20.0.x"] },
        'pools.0: pool "10.20.0.1-10.20.0.x": not two addresses',
      ],
      [
        "overlapping pools",
        { pools: ["10.20.0.40-10.20.0.60", "10.20.0.100-10.20.0.110", "10.20.0.10-10.20.0.50"] },
        "pools.2: pool 10.20.0.10-10.20.0.50 overlaps pool 10.20.0.40-10.20.0.60",
      ],
      [
        "the same pool twice",
        { pools: ["10.20.0.0/25", "10.20.0.0/25"] },
        "pools.1: pool 10.20.0.0-10.20.0.127 overlaps",
      ],
      ["no pools", { pools: [] }, /^pools: Too small/],
      ["a 65-character prefix", { cidr: `10.20.0.0/24${" ".repeat(53)}` }, /^cidr: Too big: .*64/],
      [
        "a 101-character pool",
        { pools: [`10.20.0.1-10.20.0.9${" ".repeat(82)}`] },
        /^pools\.0: Too big: .*100/,
      ],
      [
        "101 pools",
        { pools: Array.from({ length: 101 }, (_, i) => `10.20.0.${i}-10.20.0.${i}`) },
        /^pools: Too big: .*100/,
      ],
      ["a blank shared network", { sharedNetwork: "   " }, /^sharedNetwork: Too small/],
      ["a 65-character shared network", { sharedNetwork: "n".repeat(65) }, /^sharedNetwork: Too big: .*64/],
      [
        "a control character in the shared network",
        { sharedNetwork: "camp\tus" },
        "sharedNetwork: no control characters",
      ],
    ];
    it.each(cases)("%s", async (_name, over, message) => {
      const sourceId = await fileSource();
      const r = await call("operator", "dhcp.addSubnet", {
        sourceId,
        cidr: "10.20.0.0/24",
        pools: ["10.20.0.10-10.20.0.99"],
        ...over,
      });
      expect(r.status).toBe(400);
      expect(r.error?.data.code).toBe("BAD_REQUEST");
      if (typeof message === "string") expect(r.error?.message).toContain(message);
      else expect(r.error?.message).toMatch(message);
      expect(await fx.db.dhcpSubnet.count()).toBe(0);
    });

    it("reports every problem at once, each with its own path", async () => {
      const sourceId = await fileSource();
      const r = await call("operator", "dhcp.addSubnet", {
        sourceId,
        cidr: "10.20.0.0/24",
        pools: ["10.20.0.10-10.20.0.99", "10.20.0.99-10.20.0.1", "10.99.0.1-10.99.0.2"],
      });
      expect(r.error?.data.issues).toEqual([
        {
          path: "pools.1",
          code: "custom",
          message: 'pool "10.20.0.99-10.20.0.1": first address is after the last',
        },
        { path: "pools.2", code: "custom", message: "pool 10.99.0.1-10.99.0.2 is outside 10.20.0.0/24" },
      ]);
    });
  });

  it("the service refuses the same input when called directly (the lab and tests use it)", async () => {
    const sourceId = await fileSource();
    await expect(
      fx.services.dhcp.addSubnet(sourceId, "10.20.0.0/24", ["10.20.0.5-10.20.0.1"], null),
    ).rejects.toThrow('pools.0: pool "10.20.0.5-10.20.0.1": first address is after the last');
    await expect(
      fx.services.dhcp.addSubnet(sourceId, "10.20.0.0/24", ["10.20.0.0/25", "10.20.0.64/26"], null),
    ).rejects.toThrow("pools.1: pool 10.20.0.64-10.20.0.127 overlaps pool 10.20.0.0-10.20.0.127");
    expect(await fx.db.dhcpSubnet.count()).toBe(0);
  });
});
