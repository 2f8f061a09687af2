/**
 * The BGP events page (BgpService.search): the plain-SQL read of a page without a text filter
 * (events-page.ts) gives exactly the rows, order, views and cursors that Prisma's read of the same
 * events gives, page after page, and text filters still work. Both engines (NETOPS_TEST_DB=postgres).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BgpEventFilter, BgpEventView } from "../../src/features/bgp";
import { BgpService } from "../../src/features/bgp";
import { plainPageServes } from "../../src/features/bgp/events-page";
import { bgpEventFilterSchema } from "@netops/protocols/bgp";
import { type TestDb, testDb } from "../fixtures";
import { shutdownDraft } from "./draft";

let t: TestDb;
let bgp: BgpService;
/** Every stored event's view, newest first, as Prisma reads them. */
let all: BgpEventView[];
const t0 = Date.parse("2026-11-21T05:00:00Z");

beforeAll(async () => {
  t = testDb("bgp-events-page");
  bgp = new BgpService(t.db, () => new Date("2026-11-21T06:00:00Z"));
  const drafts = Array.from({ length: 60 }, (_, n) =>
    shutdownDraft(n, new Date(t0 + Math.floor(n / 3) * 1000 + (n % 2)), {
      router: n % 3 === 0 ? "rtr1" : "rtr2",
      peerAddress: n % 4 === 0 ? `2001:db8::${n}` : `192.0.2.${n}`,
      peerAs: 64500 + (n % 4),
      kind: n % 5 === 0 ? "down" : "notification",
      direction: n % 2 ? "sent" : "received",
      source: n % 7 === 0 ? "syslog" : "file",
      code: n % 5 === 0 ? null : 6,
      subcode: n % 5 === 0 ? null : 2 + (n % 2),
      text: `maintenance ${n}${n % 6 === 0 ? " window" : ""}`,
      identity: ["rtr", `line ${n}`],
    }),
  );
  await bgp.ingest(drafts);
  const rows = await t.db.bgpEvent.findMany({ orderBy: [{ at: "desc" }, { id: "desc" }] });
  all = rows.map((r) => bgp.view(r));
});
afterAll(async () => {
  await bgp.close();
  await t.close();
});

/** Every page of `f`, `limit` at a time, following the cursors. */
async function pages(f: BgpEventFilter, limit: number): Promise<BgpEventView[][]> {
  const out: BgpEventView[][] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 100; i++) {
    const page = await bgp.search({ ...f, limit, ...(cursor && { cursor }) });
    out.push(page.items);
    if (!page.nextCursor) return out;
    cursor = page.nextCursor;
  }
  throw new Error("the cursors never end");
}

describe("BGP events page", () => {
  const at = (s: number) => new Date(t0 + s * 1000).toISOString();
  const cases: [string, BgpEventFilter, (e: BgpEventView) => boolean][] = [
    ["no filter", {}, () => true],
    ["router", { router: "rtr1" }, (e) => e.router === "rtr1"],
    ["AS and direction", { peerAs: 64501, dir: "sent" }, (e) => e.peerAs === 64501 && e.direction === "sent"],
    [
      "kind and source",
      { kind: "notification", source: "file" },
      (e) => e.kind === "notification" && e.source === "file",
    ],
    ["code and subcode", { code: 6, subcode: 3 }, (e) => e.code === 6 && e.subcode === 3],
    ["time range", { from: at(4), to: at(11) }, (e) => e.at >= at(4) && e.at < at(11)],
    ["text filter (Prisma)", { q: "window" }, (e) => (e.text ?? "").includes("window")],
    ["a 4-byte AS past 2^31 (no such row)", { peerAs: 2 ** 32 - 1 }, () => false],
    [
      "peers in a prefix",
      { prefix: "192.0.2.16/28" },
      (e) => /^192\.0\.2\.(1[6-9]|2\d|3[01])$/.test(e.peerAddress ?? ""),
    ],
    ["peer text (Prisma)", { peer: "2001:db8::" }, (e) => (e.peerAddress ?? "").startsWith("2001:db8::")],
  ];

  for (const [name, f, keep] of cases)
    it(`${name}: every page, in order, with the views Prisma reads`, async () => {
      const expected = all.filter(keep);
      const got = await pages(f, 7);
      expect(got.flat()).toEqual(expected);
      // Full pages but the last; no empty page after a full one.
      for (const p of got.slice(0, -1)) expect(p).toHaveLength(7);
      if (expected.length > 0) expect(got.at(-1)?.length).toBeGreaterThan(0);
    });

  it("reads plainly exactly the pages without a text filter", () => {
    expect(plainPageServes(bgpEventFilterSchema.parse({ router: "r", prefix: "10.0.0.0/8", limit: 5 }))).toBe(
      true,
    );
    expect(plainPageServes(bgpEventFilterSchema.parse({ q: "x" }))).toBe(false);
    expect(plainPageServes(bgpEventFilterSchema.parse({ peer: "x" }))).toBe(false);
    // A field this reader does not know goes to Prisma rather than being ignored.
    expect(plainPageServes({ ...bgpEventFilterSchema.parse({}), future: 1 } as never)).toBe(false);
  });

  it("times are read back to the millisecond in UTC, whatever the process's time zone", async () => {
    const [newest] = (await bgp.search({ limit: 1 })).items;
    expect(newest?.at).toBe(all[0]?.at);
    expect(newest?.receivedAt).toBe("2026-11-21T06:00:00.000Z");
    expect(Date.parse(newest?.at ?? "") % 1000).toBe(1);
  });
});
