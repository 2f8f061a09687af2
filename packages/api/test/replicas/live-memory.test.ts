/**
 * On SQLite (one console process) the live journal keeps its events in memory, not in the LiveEvent
 * table: nothing is written per change, and `alerts.onChange` still resumes from its last event id
 * (the missed events once, then live ones); an id this process cannot replay completely (newer than
 * any, from before a restart, past the bounded backlog, pruned) gets `hello`.
 */
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
let s: Services;
beforeAll(async () => {
  t = testDb("live-memory", { engine: "sqlite" });
  s = testServices(t.db);
  await t.db.user.create({ data: { id: "u-viewer", username: "viewer", role: "viewer", passwordHash: "x" } });
});
afterAll(async () => t?.close());

function caller(signal?: AbortSignal, role: Role = "viewer") {
  const ctx: Context = {
    services: s,
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

async function subscribe(lastEventId?: string) {
  const ac = new AbortController();
  const it = (await caller(ac.signal).alerts.onChange(
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
    async next(n: number): Promise<Got[]> {
      for (let i = 0; i < 400 && got.length < seen + n; i++) await new Promise((r) => setTimeout(r, 10));
      if (got.length < seen + n) throw new Error(`waited for ${n} events, got ${got.length - seen}`);
      const out = got.slice(seen, seen + n);
      seen += n;
      return out;
    },
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

describe("live journal in memory on SQLite", () => {
  it("resumes a reconnecting subscriber with exactly what it missed, then live events, writing no rows", async () => {
    const first = await subscribe();
    expect((await first.next(1))[0]?.data).toEqual({ type: "hello" });
    for (const id of ["s1", "s2"]) s.bus.emit(silence(id));
    const live = await first.next(2);
    expect(live.map((e) => e.data.silenceId)).toEqual(["s1", "s2"]);
    await first.close();

    for (const id of ["s3", "s4", "s5"]) s.bus.emit(silence(id));
    await s.live.settled();
    const again = await subscribe(live.at(-1)?.id);
    const missed = await again.next(3);
    expect(missed.map((e) => e.data.silenceId)).toEqual(["s3", "s4", "s5"]);
    s.bus.emit(silence("s6"));
    expect((await again.next(1)).map((e) => e.data.silenceId)).toEqual(["s6"]);
    expect(await again.nothingMore()).toEqual([]);
    const ids = [...live, ...missed].map((e) => Number(e.id));
    expect(ids).toEqual([...ids].sort((x, y) => x - y));
    expect(new Set(ids).size).toBe(ids.length);
    await again.close();

    // The newest id replays nothing; an id newer than any means hello.
    const newest = await subscribe(String(Math.max(...ids) + 1));
    expect(await newest.nothingMore()).toEqual([]);
    await newest.close();
    const future = await subscribe(String(Math.max(...ids) + 1000));
    expect((await future.next(1))[0]?.data).toEqual({ type: "hello" });
    await future.close();

    expect(await t.db.liveEvent.count()).toBe(0);
  });

  it("an id from before a restart, past the bounded backlog, or pruned means hello", async () => {
    let now = Date.parse("2026-12-07T04:00:00Z");
    const bus = new EventBus();
    const before = new LiveJournal(t.db, bus, { now: () => new Date(now) });
    const ac = new AbortController();
    const take = async (j: LiveJournal, from?: string) => {
      const it = j.stream(from, ac.signal);
      const v = (await it.next()).value;
      await it.return(undefined);
      return v;
    };
    bus.emit(silence("r1"));
    await before.settled();
    const old = (await take(before))?.id ?? 0;

    // A restart: a new journal; the old process's id cannot be replayed.
    now += 60_000;
    const after = new LiveJournal(t.db, bus, { now: () => new Date(now), maxReplay: 3, keepRows: 4 });
    expect(await take(after, String(old))).toMatchObject({ event: { type: "hello" } });
    const start = (await take(after))?.id ?? 0;
    for (let i = 0; i < 3; i++) bus.emit(silence(`b${i}`));
    await after.settled();
    expect(await take(after, String(start))).toMatchObject({ event: { type: "silence", silenceId: "b0" } });
    // One more than the backlog replays: hello, not a flood.
    bus.emit(silence("b3"));
    await after.settled();
    expect(await take(after, String(start))).toMatchObject({ event: { type: "hello" } });
    // Past keepRows the oldest go: the id before them cannot be replayed completely.
    bus.emit(silence("b4"));
    await after.settled();
    expect(await take(after, String(start))).toMatchObject({ event: { type: "hello" } });
    expect(await take(after, String(start + 2))).toMatchObject({
      event: { type: "silence", silenceId: "b2" },
    });
    // Older than keepMs (1 h): pruned, the newest kept.
    now += 2 * 3_600_000;
    expect(await after.prune()).toBe(3);
    expect(await take(after, String(start + 3))).toMatchObject({ event: { type: "hello" } });
    expect(await take(after, String(start + 4))).toMatchObject({
      event: { type: "silence", silenceId: "b4" },
    });
    expect(await t.db.liveEvent.count()).toBe(0);
  });
});
