/**
 * Storing BGP events is idempotent: an event already stored (a replayed log, a BMP reconnect), the
 * same event twice in one batch, or two collectors delivering it at once all store it once and
 * count the rest as duplicates — also past the batch lookup's 500-key chunks.
 */
import type { Db } from "@netops/db";
import { testEngine } from "@netops/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BgpService } from "../../src/features/bgp";
import { type TestDb, testDb } from "../fixtures";
import { shutdownDraft } from "./draft";

let t: TestDb;
let db: Db;
let bgp: BgpService;
beforeAll(() => {
  t = testDb("bgp-ingest");
  db = t.db;
  bgp = new BgpService(db, () => new Date("2026-11-21T06:00:00Z"));
});
afterAll(async () => {
  await bgp.close();
  await t.close();
});

const draft = (n: number, over: Parameters<typeof shutdownDraft>[2] = {}) =>
  shutdownDraft(n, new Date(Date.parse("2026-11-21T05:00:00Z") + n * 1000), over);

describe("BgpService.ingest", () => {
  it("stores an event once whether it repeats in the batch, in a later batch or concurrently", async () => {
    expect(await bgp.ingest([draft(1), draft(2), draft(1)])).toMatchObject({ inserted: 2, duplicates: 1 });
    expect(await bgp.ingest([draft(2), draft(1), draft(3)])).toMatchObject({ inserted: 1, duplicates: 2 });
    const [a, b] = await Promise.all([bgp.ingest([draft(4)]), bgp.ingest([draft(4)])]);
    expect((a?.inserted ?? 0) + (b?.inserted ?? 0)).toBe(1);
    expect((a?.duplicates ?? 0) + (b?.duplicates ?? 0)).toBe(1);
    expect(await db.bgpEvent.count()).toBe(4);
  });

  it("finds known events across the 500-row insert chunks", async () => {
    const known = Array.from({ length: 600 }, (_, i) => draft(1000 + i));
    expect(await bgp.ingest(known)).toMatchObject({ inserted: 600, duplicates: 0 });
    const mixed = Array.from({ length: 1200 }, (_, i) => draft(1000 + i));
    expect(await bgp.ingest(mixed)).toMatchObject({ inserted: 600, duplicates: 600 });
    expect(await db.bgpEvent.count()).toBe(4 + 1200);
  });

  it("stores what Prisma reads back exactly: times to the millisecond, searchable by time, NUL kept apart", async () => {
    const d = { ...draft(5000), at: new Date("2026-11-21T05:59:59.123Z"), text: "a\u0000b" };
    const { ids } = await bgp.ingest([d]);
    const id = ids[0] as number;
    const view = await bgp.get(id);
    expect(view).toMatchObject({ at: "2026-11-21T05:59:59.123Z", receivedAt: "2026-11-21T06:00:00.000Z" });
    // SQLite keeps the NUL; PostgreSQL text cannot hold one, so it is stored as U+FFFD.
    expect(["a\u0000b", "a\ufffdb"]).toContain(view?.text);
    const hit = await bgp.search({ from: "2026-11-21T05:59:59.123Z", to: "2026-11-21T05:59:59.124Z" });
    expect(hit.items.map((e) => e.id)).toEqual([id]);
    const before = await bgp.search({ to: "2026-11-21T05:59:59.123Z", router: "rtr1", limit: 1 });
    expect(before.items[0]?.id).not.toBe(id);
  });

  it("numbers events in batch order past the largest id ever used (SQLite: exactly as AUTOINCREMENT)", async () => {
    // PostgreSQL's sequence also spends a number on a row skipped as a duplicate: there the ids only grow.
    const exact = testEngine() === "sqlite";
    const first = await bgp.ingest([draft(7000), draft(7001), draft(7002)]);
    const [a, b, c] = first.ids as [number, number, number];
    expect([b - a, c - b]).toEqual([1, 1]);
    // The newest row deleted: its id is not given again.
    await db.bgpEvent.delete({ where: { id: c } });
    const again = await bgp.ingest([draft(7002), draft(7003), draft(7001)]);
    expect(again).toMatchObject({ inserted: 2, duplicates: 1 });
    const [d, e] = again.ids as [number, number];
    expect(d).toBeGreaterThan(c);
    expect(e - d).toBe(1);
    if (exact) expect(d).toBe(c + 1);
    const viaPrisma = await db.bgpEvent.create({
      data: { ...bgp.rowOf("prisma-row", draft(7004)), peerAs: 64500 },
      select: { id: true },
    });
    expect(viaPrisma.id).toBeGreaterThan(e);
    if (exact) expect(viaPrisma.id).toBe(e + 1);
    const [f] = (await bgp.ingest([draft(7005)])).ids as [number];
    expect(f).toBeGreaterThan(viaPrisma.id);
    if (exact) expect(f).toBe(viaPrisma.id + 1);
    const want = [a, b, d, e, viaPrisma.id, f];
    const hits = await bgp.search({ q: "maintenance 700" });
    expect(hits.items.map((x) => x.id).sort((x, y) => x - y)).toEqual(want);
    // SQLite: in the FTS5 index its trigger keeps, under their (negated) ids.
    if (exact) {
      const fts = await db.$queryRaw<
        { id: unknown }[]
      >`SELECT -rowid AS id FROM "BgpEventFts" WHERE "BgpEventFts" MATCH '"maintenance 700"'`;
      expect(fts.map((r) => Number(r.id)).sort((x, y) => x - y)).toEqual(want);
    }
  });

  it("stores every text as given: quotes, backslashes, braces, commas, NULL, empty, non-ASCII, nulls", async () => {
    // PostgreSQL's batch goes as one array literal per column: what it must escape arrives intact.
    const texts = [
      'say "hi"',
      "back\\slash\\",
      "{a,b}",
      "a,b",
      "NULL",
      "",
      " lead and trail ",
      "ünï ↔ 日本 🙂",
      "x\ty",
    ];
    const drafts = texts.map((text, i) =>
      draft(6000 + i, {
        text,
        reason: text === "" ? null : `r ${text}`,
        peerName: i % 2 ? text : null,
        peerAs: i % 3 ? 4_294_967_294 : null,
        code: i % 3 ? 6 : null,
        findings: [text, `f${i}`],
      }),
    );
    const { ids, inserted } = await bgp.ingest(drafts);
    expect(inserted).toBe(texts.length);
    // Ids in batch order, as before.
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
    const views = await Promise.all(ids.map((id) => bgp.get(id)));
    expect(views.map((v) => v?.text)).toEqual(texts);
    expect(views.map((v) => v?.reason)).toEqual(texts.map((x) => (x === "" ? null : `r ${x}`)));
    expect(views.map((v) => v?.peerName)).toEqual(texts.map((x, i) => (i % 2 ? x : null)));
    expect(views.map((v) => v?.peerAs)).toEqual(texts.map((_, i) => (i % 3 ? 4_294_967_294 : null)));
    expect(views.map((v) => v?.code)).toEqual(texts.map((_, i) => (i % 3 ? 6 : null)));
    expect(views.map((v) => v?.findings)).toEqual(texts.map((x, i) => [x, `f${i}`]));
    expect(views.map((v) => v?.at)).toEqual(drafts.map((d) => d.at.toISOString()));
  });
});
