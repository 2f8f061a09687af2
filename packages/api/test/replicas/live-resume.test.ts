/**
 * Live updates resume across replicas: `alerts.onChange` yields tracked events whose ids are
 * database rows (LiveEvent), so a browser that loses replica A and reconnects to replica B with its
 * last event id gets exactly what it missed, once, and then the live ones. Two "replicas" here are
 * two service instances, each with its own Prisma client and bus, on one database (either engine:
 * NETOPS_TEST_DB=postgres).
 */
import { createDb, type Db, dbUrl } from "@netops/db";
import type { Role } from "@netops/protocols";
import { isTrackedEnvelope } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Context } from "../../src/context";
import { appRouter } from "../../src/router";
import type { Services } from "../../src/services";
import { type ConsoleEvent, EventBus } from "../../src/services/bus";
import { LiveJournal } from "../../src/services/live-journal";
import { createCallerFactory } from "../../src/trpc";
import { type TestDb, testDb, testServices } from "../fixtures";

let t: TestDb;
let dbB: Db;
let a: Services;
let b: Services;

beforeAll(async () => {
  t = testDb("live-resume");
  dbB = createDb(dbUrl(t.db));
  // Two replicas share the table (on SQLite the journal is in memory by default: one process).
  a = testServices(t.db, { liveStore: "table" });
  b = testServices(dbB, { liveStore: "table" });
  await t.db.user.create({ data: { id: "u-viewer", username: "viewer", role: "viewer", passwordHash: "x" } });
});
afterAll(async () => {
  await dbB?.$disconnect();
  await t?.close();
});

function caller(services: Services, signal?: AbortSignal, role: Role = "viewer") {
  const ctx: Context = {
    services,
    req: { method: "GET", headers: {}, ip: "127.0.0.1", secure: false, setCookie: () => {} },
    user: { id: `u-${role}`, username: role, role, via: "session" },
    audit: { written: false },
  };
  return createCallerFactory(appRouter)(ctx, { signal });
}

interface Got {
  id: string;
  data: { type: string; silenceId?: string };
}

/** A subscription on `services`, read in the background; `next(n)` waits (bounded) for n more events. */
async function subscribe(services: Services, lastEventId?: string) {
  const ac = new AbortController();
  const it = (await caller(services, ac.signal).alerts.onChange(
    lastEventId ? { lastEventId } : undefined,
  )) as AsyncIterable<unknown>;
  const got: Got[] = [];
  let seen = 0;
  const done = (async () => {
    try {
      for await (const v of it) {
        if (!isTrackedEnvelope(v)) throw new Error(`an event without an id: ${JSON.stringify(v)}`);
        got.push({ id: v[0], data: v[1] as Got["data"] });
      }
    } catch (e) {
      if (!ac.signal.aborted) throw e;
    }
  })();
  return {
    got,
    async next(n: number): Promise<Got[]> {
      for (let i = 0; i < 400 && got.length < seen + n; i++) await new Promise((r) => setTimeout(r, 10));
      if (got.length < seen + n) throw new Error(`waited for ${n} events, got ${got.length - seen}`);
      const out = got.slice(seen, seen + n);
      seen += n;
      return out;
    },
    /** Nothing beyond what was read (after giving the reader time to deliver anything stray). */
    async nothingMore(): Promise<Got[]> {
      await new Promise((r) => setTimeout(r, 300));
      return got.slice(seen);
    },
    async close() {
      ac.abort();
      await done;
    },
  };
}

const silence = (id: string): ConsoleEvent => ({ type: "silence", silenceId: id });

describe("alerts.onChange resumes from its last event id on another replica", () => {
  it("A's subscriber gets hello then live events; B, given the last id, gets exactly the missed ones, then live ones", async () => {
    const onA = await subscribe(a);
    const [hello] = await onA.next(1);
    expect(hello?.data).toEqual({ type: "hello" });
    for (const s of ["s1", "s2", "s3"]) a.bus.emit(silence(s));
    const live = await onA.next(3);
    expect(live.map((e) => e.data.silenceId)).toEqual(["s1", "s2", "s3"]);
    // Ids are the database's: they increase, and are not the hello's.
    const ids = live.map((e) => Number(e.id));
    expect(ids).toEqual([...ids].sort((x, y) => x - y));
    expect(ids[0]).toBeGreaterThan(Number(hello?.id));
    await onA.close();

    // While the browser is away, A makes more changes (and B one of its own).
    for (const s of ["s4", "s5"]) a.bus.emit(silence(s));
    await a.live.settled();
    b.bus.emit(silence("s6"));
    await b.live.settled();

    const onB = await subscribe(b, live.at(-1)?.id);
    const missed = await onB.next(3);
    expect(missed.map((e) => e.data.silenceId)).toEqual(["s4", "s5", "s6"]);
    // Then live changes from either replica (A's reach B by the table, not by B's bus).
    a.bus.emit(silence("s7"));
    b.bus.emit(silence("s8"));
    const after = await onB.next(2);
    expect(after.map((e) => e.data.silenceId).sort()).toEqual(["s7", "s8"]);
    expect(await onB.nothingMore()).toEqual([]);
    const all = [...missed, ...after].map((e) => Number(e.id));
    expect(new Set(all).size).toBe(all.length);
    await onB.close();
  });

  it("resuming from the newest id replays nothing; an id from the future or pruned away means hello", async () => {
    b.bus.emit(silence("n1"));
    await b.live.settled();
    const newest = String((await t.db.liveEvent.findFirst({ orderBy: { id: "desc" } }))?.id);
    const s1 = await subscribe(a, newest);
    expect(await s1.nothingMore()).toEqual([]);
    await s1.close();

    const s2 = await subscribe(a, String(Number(newest) + 1000));
    expect((await s2.next(1))[0]?.data).toEqual({ type: "hello" });
    await s2.close();

    // Housekeeping keeps the newest 2 rows: an id before them cannot be replayed completely.
    for (const s of ["p1", "p2", "p3"]) a.bus.emit(silence(s));
    await a.live.settled();
    const pruner = new LiveJournal(t.db, new EventBus(), { keepRows: 2, store: "table" });
    expect(await pruner.prune()).toBeGreaterThan(0);
    const s3 = await subscribe(b, newest);
    expect((await s3.next(1))[0]?.data).toEqual({ type: "hello" });
    await s3.close();
  });

  it("more missed than the bounded backlog: hello (refetch everything), not a flood", async () => {
    const journal = new LiveJournal(t.db, new EventBus(), { maxReplay: 5, store: "table" });
    const first = (await t.db.liveEvent.findFirst({ orderBy: { id: "desc" } }))?.id ?? 0;
    for (let i = 0; i < 8; i++) a.bus.emit(silence(`m${i}`));
    await a.live.settled();
    const ac = new AbortController();
    const stream = journal.stream(String(first), ac.signal);
    expect((await stream.next()).value).toMatchObject({ event: { type: "hello" } });
    ac.abort();
    await stream.return(undefined);
  });

  it("refuses a lastEventId that is not an id it sent, naming the field", async () => {
    await expect(caller(a).alerts.onChange({ lastEventId: "1; DROP TABLE x" })).rejects.toThrow(
      /lastEventId: an event id this server sent/,
    );
  });
});
