/**
 * DHCP answers carry their times as ISO 8601 strings like every other subsystem (the lease tables
 * store epoch seconds; the API view turns them into ISO): leases, lease history, sources, pools and
 * their trends, through the real router as a browser receives them.
 */
import { appendFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { callAs, KEA4_HEADER, keaRow, routerFixture } from "./helpers";
import { dateFields } from "./iso-dates";

const fx = routerFixture("dhcp-dates", new Date("2026-11-21T06:00:00Z"));
const T = Math.floor(fx.clock.t.getTime() / 1000);

const query = async (proc: string, input?: unknown) => {
  const r = await callAs(fx.services, "admin", proc, input, "query");
  expect(r.error, proc).toBeUndefined();
  return r.data;
};

describe("DHCP dates cross the API as ISO strings", () => {
  it("in leases, lease history, sources, pools and trends", async () => {
    const file = path.join(fx.dir, "kea-leases4.csv");
    // expire T+3600 with valid 3600: cltt = T; the second row renews it 60 s later (a history event at its cltt).
    writeFileSync(file, `${KEA4_HEADER}\n${keaRow("10.9.0.5", "00:00:00:00:00:05", T + 3600)}\n`);
    const src = await fx.db.dhcpSource.create({
      data: { name: "dates-kea", kind: "kea-memfile", location: file },
    });
    await fx.services.dhcp.addSubnet(src.id, "10.9.0.0/24", ["10.9.0.1-10.9.0.100"], null);
    await fx.services.dhcp.pollOne(src.id);
    fx.clock.t = new Date((T + 120) * 1000);
    appendFileSync(file, `${keaRow("10.9.0.5", "00:00:00:00:00:05", T + 3660)}\n`);
    await fx.services.dhcp.pollOne(src.id);

    const leases = (await query("dhcp.leases", { limit: 10 })) as { items: { id: number }[] };
    expect(leases.items).toHaveLength(1);
    expect(leases.items[0]).toMatchObject({
      cltt: "2026-11-21T06:01:00.000Z",
      starts: "2026-11-21T06:01:00.000Z",
      ends: "2026-11-21T07:01:00.000Z",
    });
    const lease = (await query("dhcp.lease", { id: leases.items[0]?.id })) as {
      addressHistory: unknown[];
    };
    expect(lease.addressHistory).toMatchObject([
      { kind: "renewed", at: "2026-11-21T06:01:00.000Z", ends: "2026-11-21T07:01:00.000Z" },
    ]);
    const overview = (await query("dhcp.overview")) as { pools: { trend: { at: unknown }[] }[] };
    expect(overview.pools[0]?.trend.length).toBeGreaterThan(0);

    const all = dateFields({ leases, lease, overview });
    expect(all.bad).toEqual([]);
    // Every kind of date field was there to check (the walk cannot pass on an empty answer).
    const kinds = new Set(all.seen.map((p) => p.replace(/^.*\./, "")));
    for (const k of ["starts", "ends", "cltt", "at", "generatedAt", "lastOkAt", "lastChangeAt"])
      expect(kinds, k).toContain(k);

    // Compared with the stored seconds: bound until its end, expired from then on.
    fx.clock.t = new Date((T + 3659) * 1000);
    expect((await query("dhcp.leases", {})) as object).toMatchObject({
      items: [{ effectiveState: "bound" }],
    });
    fx.clock.t = new Date((T + 3660) * 1000);
    expect((await query("dhcp.leases", {})) as object).toMatchObject({
      items: [{ state: "bound", effectiveState: "expired", ends: "2026-11-21T07:01:00.000Z" }],
    });
  });
});

describe("dateFields", () => {
  it("reports epoch numbers and malformed strings, and accepts null", () => {
    expect(
      dateFields({ items: [{ ends: 1795240800, at: "2026-11-21 06:00", cltt: null, firstSeenAt: "x" }] }).bad,
    ).toEqual(["items.0.ends: 1795240800", 'items.0.at: "2026-11-21 06:00"', 'items.0.firstSeenAt: "x"']);
  });
});
