/**
 * A prefix's BGP peers by the address key index (BgpEvent.peerAddressKey), on both engines: more
 * than 500 peers in the prefix, peers whose address text starts like the prefix's but lie outside
 * it, the exact count on the entity page with its link to the BGP page filtered by the prefix, that
 * page's paging through every event of the prefix and nothing else, and the backfill of events
 * stored before the column existed.
 */
import { prefixContains } from "@netops/protocols";
import { addressSortKey } from "@netops/protocols/dhcp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SearchService } from "../../src/search/service";
import type { Services } from "../../src/services";
import { type TestDb, testDb, testServices } from "../fixtures";
import { shutdownDraft } from "./draft";

let t: TestDb;
let services: Services;
let search: SearchService;

const PREFIX = "10.1.0.0/17";
/** 10.1.0.0–10.1.127.255: 600 peers inside, 3 events each on two routers. */
const inside = (i: number) => `10.1.${i >> 4}.${(i & 15) * 16 + 1}`;
const INSIDE = 600;
/** Outside the /17 though their text starts with "10.1": 10.1.128+, 10.10.x, 10.100.x. */
const OUTSIDE = ["10.1.128.1", "10.1.200.7", "10.10.0.1", "10.100.1.1", "10.2.0.1"];
const T0 = Date.UTC(2026, 11, 6, 8);

beforeAll(async () => {
  t = testDb("bgp-prefix");
  services = testServices(t.db);
  search = new SearchService(services);
  const drafts = [];
  let n = 0;
  for (const address of [...Array.from({ length: INSIDE }, (_, i) => inside(i)), ...OUTSIDE])
    for (let k = 0; k < 3; k++) {
      n++;
      drafts.push(
        shutdownDraft(n, new Date(T0 + n * 1000), {
          router: `rtr${k % 2}`,
          peerAddress: address,
          identity: [`rtr${k % 2}`, `line ${n}`],
        }),
      );
    }
  for (let i = 0; i < drafts.length; i += 1000) await services.bgp.ingest(drafts.slice(i, i + 1000));
});
afterAll(async () => {
  await services?.bgp.close();
  await (await services?.dhcp.sql())?.close();
  await t?.close();
});

describe("a prefix's BGP peers", () => {
  it("are stored with their address key", async () => {
    const rows = await t.db.bgpEvent.findMany({
      select: { peerAddress: true, peerAddressKey: true },
      take: 50,
    });
    for (const r of rows) expect(r.peerAddressKey).toBe(addressSortKey(r.peerAddress as string));
  });

  it("search: sessions of peers inside the prefix only, the first in address order", async () => {
    const r = await search.search({ q: PREFIX, limit: 50 }, "viewer");
    const bgp = r.groups.find((g) => g.subsystem === "bgp");
    expect(bgp?.hits.length).toBe(50);
    for (const h of bgp?.hits ?? []) {
      expect(h.rank).toBe("prefix");
      expect(prefixContains(PREFIX, h.detail?.split(" · ")[0] ?? "")).toBe(true);
    }
  });

  it("entity page: 25 sessions inside it, the exact peer count, a link to the BGP page filtered by it", async () => {
    const page = await search.entity({ type: "prefix", value: PREFIX }, "viewer");
    const sessions = page.sections.find((s) => s.subsystem === "bgp" && s.title === "BGP sessions");
    expect(sessions?.items.length).toBe(25);
    for (const i of sessions?.items ?? [])
      expect(prefixContains(PREFIX, new URL(i.url, "http://x").searchParams.get("peer") ?? "")).toBe(true);
    expect(sessions?.more).toBe(true);
    expect(sessions?.moreLabel).toBe(`All ${INSIDE} peers in ${PREFIX} on the BGP page`);
    expect(sessions?.url).toBe(`/bgp?prefix=${encodeURIComponent(PREFIX)}`);
    const events = page.sections.find((s) => s.subsystem === "bgp" && s.title !== "BGP sessions");
    expect(events?.url).toBe(sessions?.url);
    // A prefix holding one peer says no "more".
    const one = await search.entity({ type: "prefix", value: "10.2.0.0/16" }, "viewer");
    const oneSection = one.sections.find((s) => s.subsystem === "bgp" && s.title === "BGP sessions");
    expect(oneSection?.items.length).toBe(2);
    expect(oneSection?.moreLabel).toBeUndefined();
  });

  it("the BGP page filtered by the prefix pages through its events, every one and nothing else", async () => {
    const seen = new Set<number>();
    const peers = new Set<string>();
    let cursor: string | undefined;
    for (let pages = 0; pages < 20; pages++) {
      const page = await services.bgp.search({ prefix: PREFIX, limit: 500, ...(cursor && { cursor }) });
      for (const e of page.items) {
        expect(seen.has(e.id)).toBe(false);
        seen.add(e.id);
        peers.add(e.peerAddress as string);
        expect(prefixContains(PREFIX, e.peerAddress as string)).toBe(true);
      }
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(seen.size).toBe(INSIDE * 3);
    expect(peers.size).toBe(INSIDE);
    await expect(services.bgp.search({ prefix: "10.1.0.0/33" })).rejects.toThrow(/not a prefix/);
  });

  it("the timeline of the prefix holds its peers' events only", async () => {
    const page = await search.timeline(
      {
        entity: { type: "prefix", value: PREFIX },
        subsystems: ["bgp"],
        from: new Date(T0).toISOString(),
        to: new Date(T0 + 86_400_000).toISOString(),
        limit: 1000,
      },
      "viewer",
    );
    expect(page.events.length).toBe(1000);
    for (const e of page.events) expect(prefixContains(PREFIX, e.entity?.value ?? "")).toBe(true);
  });

  it("events stored before the key existed get it from the backfill job, then it has nothing to do", async () => {
    await t.db.bgpEvent.updateMany({ where: { peerAddress: { not: null } }, data: { peerAddressKey: "?" } });
    await t.db.bgpEvent.updateMany({
      where: { peerAddress: "10.2.0.1" },
      data: { peerAddress: "not-an-ip" },
    });
    expect(
      (await search.entity({ type: "prefix", value: PREFIX }, "viewer")).sections.filter(
        (s) => s.subsystem === "bgp",
      ),
    ).toEqual([]);
    const total = (INSIDE + OUTSIDE.length) * 3;
    expect(await services.bgp.backfillPeerKeys(700, 2)).toBe(1400);
    expect(await services.bgp.backfillPeerKeys()).toBe(total - 1400);
    expect(await services.bgp.backfillPeerKeys()).toBe(0);
    const rows = await t.db.bgpEvent.findMany({ select: { peerAddress: true, peerAddressKey: true } });
    for (const r of rows)
      expect(r.peerAddressKey).toBe(
        r.peerAddress === "not-an-ip" ? "" : addressSortKey(r.peerAddress as string),
      );
    const page = await search.entity({ type: "prefix", value: PREFIX }, "viewer");
    expect(page.sections.find((s) => s.title === "BGP sessions")?.moreLabel).toBe(
      `All ${INSIDE} peers in ${PREFIX} on the BGP page`,
    );
  });
});
