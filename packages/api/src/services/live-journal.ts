/**
 * Live changes, numbered by the database, so that an SSE stream can be resumed on any replica.
 *
 * Every change made on this replica (EventBus.emit) is appended to the `LiveEvent` table, gathered
 * for one tick into one insert. The row id is the stream's event id (tRPC `tracked()`): a browser
 * that reconnects — to this replica or another behind the balancer — sends its last id and gets the
 * rows after it, each once, then the live ones. The backlog is bounded: a browser that missed more
 * than `maxReplay` events, or whose last id was pruned, gets `{ type: "hello" }` instead (it
 * refetches everything, as on a first connection).
 *
 * Subscribers read the table, not the bus: one reader per replica fetches new rows (after its own
 * inserts, when the bus reports a change from another replica through pg-bridge.ts, and on a short
 * poll while anyone listens, which covers a notification that came before its row was committed)
 * and hands them to every local subscriber. On PostgreSQL the insert holds a table lock until it
 * commits, so rows commit in id order and a reader never sees id n+1 before id n.
 *
 * On SQLite (one console process: replicas need PostgreSQL) nobody else reads the table, so by
 * default the journal is kept in memory instead, with the same bounds and the same resume: ids start
 * at the process's start time in ms × 100 (15 digits, what lastEventId takes), so an id sent by an
 * earlier process (that averaged under 100,000 events a second) is older than anything kept and
 * resuming from it means `hello`. Changes a CLI process makes on the same file then reach open
 * browsers on their next refetch, not live (as before the journal).
 */
import { type Db, dbEngine, dbUrl } from "@netops/db";
import type pg from "pg";
import { resilientPgPool } from "../pg-pool";
import type { ConsoleEvent, EventBus } from "./bus";

export type LiveEventData = ConsoleEvent | { type: "hello" };

export interface LiveEntry {
  id: number;
  event: LiveEventData;
}

export interface LiveJournalOptions {
  /** Most events replayed to a resuming subscriber; past that it is told to refetch (default 1,000). */
  maxReplay?: number;
  /** Rows housekeeping keeps (default 10,000) and how long (default 1 h). */
  keepRows?: number;
  keepMs?: number;
  /** While anyone listens: how often the reader looks for rows it was not told about (default 1 s). */
  pollMs?: number;
  /** Where events are kept: the LiveEvent table (default on PostgreSQL) or memory (default on SQLite). */
  store?: "table" | "memory";
  now?: () => Date;
}

interface Row {
  id: number;
  at: Date;
  data: string;
}

const PAGE = 500;
/** After another replica's change is announced: look again shortly, in case its row was not committed yet. */
const RECHECK_MS = [100, 400];

export class LiveJournal {
  private pending: ConsoleEvent[] = [];
  private flushing: Promise<void> | null = null;
  private head: number | null = null;
  private headReady: Promise<void> = Promise.resolve();
  private rechecking = false;
  private reading: Promise<void> | null = null;
  private again = false;
  private readonly subscribers = new Set<(entries: LiveEntry[]) => void>();
  private poll: NodeJS.Timeout | null = null;
  /** PostgreSQL: the connection the journal writes through (see insertOnPostgres). */
  private writer: pg.Pool | null = null;
  private stopRemote: (() => void) | null = null;
  private readonly maxReplay: number;
  private readonly keepRows: number;
  private readonly keepMs: number;
  private readonly pollMs: number;
  private readonly now: () => Date;
  /** The memory store's rows, oldest first (null: the table is the store). */
  private readonly memory: Row[] | null;
  private nextId: number;
  /** Failures writing or reading the table (the server logs them). */
  onError: (err: unknown) => void = () => {};

  constructor(
    private readonly db: Db,
    private readonly bus: EventBus,
    opts: LiveJournalOptions = {},
  ) {
    this.maxReplay = opts.maxReplay ?? 1000;
    this.keepRows = opts.keepRows ?? 10_000;
    this.keepMs = opts.keepMs ?? 3_600_000;
    this.pollMs = opts.pollMs ?? 1000;
    this.now = opts.now ?? (() => new Date());
    const store = opts.store ?? (dbEngine(db) === "postgres" ? "table" : "memory");
    this.memory = store === "memory" ? [] : null;
    this.nextId = this.now().getTime() * 100;
    bus.tap((e) => this.append(e));
  }

  // ---- writing ----

  private append(e: ConsoleEvent): void {
    this.pending.push(e);
    this.flushing ??= new Promise<void>((r) => setImmediate(r)).then(() => this.flush());
  }

  /** Waits until what was emitted so far is stored (tests; shutdown). */
  async settled(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  private async flush(): Promise<void> {
    const events = this.pending;
    this.pending = [];
    try {
      const at = this.now();
      const data = events.map((e) => ({ at, data: JSON.stringify(e) }));
      if (this.memory) {
        for (const d of data) this.memory.push({ id: this.nextId++, ...d });
        this.trim();
      } else if (dbEngine(this.db) === "postgres") {
        await this.insertOnPostgres(
          at,
          data.map((d) => d.data),
        );
      } else await this.db.liveEvent.createMany({ data });
    } catch (err) {
      this.onError(err);
    } finally {
      this.flushing = this.pending.length
        ? new Promise<void>((r) => setImmediate(r)).then(() => this.flush())
        : null;
    }
    this.wake();
  }

  /**
   * Ids are taken under the lock and it is held until commit: rows commit in id order. On a
   * connection of its own (node-postgres), not a Prisma transaction: with Prisma's (interactive or
   * batch) a bench:scale run on PostgreSQL stalled with the connection idle in transaction after
   * BEGIN. The pool lets the process exit when it is idle, so nothing needs to close it.
   */
  private async insertOnPostgres(at: Date, data: string[]): Promise<void> {
    if (!this.writer) {
      this.writer = resilientPgPool({ connectionString: dbUrl(this.db), max: 1, allowExitOnIdle: true });
    }
    const c = await this.writer.connect();
    try {
      await c.query("BEGIN");
      await c.query(`LOCK TABLE "LiveEvent" IN SHARE ROW EXCLUSIVE MODE`);
      // timestamp(3) without zone, in UTC, as Prisma writes it; unnest keeps the events' order.
      await c.query(`INSERT INTO "LiveEvent" ("at", "data") SELECT $1::timestamp(3), unnest($2::text[])`, [
        at.toISOString().slice(0, 23),
        data,
      ]);
      await c.query("COMMIT");
    } catch (err) {
      await c.query("ROLLBACK").catch(() => {});
      throw err;
    } finally {
      c.release();
    }
  }

  // ---- reading ----

  /** The newest event id (the position a fresh subscriber starts from). */
  private async latest(): Promise<number> {
    if (this.memory) return this.nextId - 1;
    const r = await this.db.liveEvent.findFirst({ orderBy: { id: "desc" }, select: { id: true } });
    return r?.id ?? 0;
  }

  private async oldest(): Promise<number | null> {
    if (this.memory) return this.memory[0]?.id ?? null;
    const r = await this.db.liveEvent.findFirst({ orderBy: { id: "asc" }, select: { id: true } });
    return r?.id ?? null;
  }

  /** Up to `take` rows after id `from`, in order. */
  private async rowsAfter(from: number, take: number): Promise<Row[]> {
    if (this.memory) {
      const m = this.memory;
      // Ids are consecutive in memory: the first row after `from` is found by arithmetic.
      const start = m.length === 0 ? 0 : Math.max(0, Math.min(m.length, from + 1 - (m[0]?.id ?? 0)));
      return m.slice(start, start + take);
    }
    return this.db.liveEvent.findMany({ where: { id: { gt: from } }, orderBy: { id: "asc" }, take });
  }

  /** The memory store's bounds: the newest keepRows rows, none older than keepMs (the newest stays). */
  private trim(): number {
    const m = this.memory;
    if (!m) return 0;
    const cutoff = this.now().getTime() - this.keepMs;
    let drop = Math.max(0, m.length - this.keepRows);
    while (drop < m.length - 1 && (m[drop]?.at.getTime() ?? 0) < cutoff) drop++;
    m.splice(0, drop);
    return drop;
  }

  /** The reader's head, once it is known. */
  private async position(): Promise<number> {
    await this.headReady;
    this.head ??= await this.latest();
    return this.head;
  }

  private wake(): void {
    if (this.subscribers.size === 0) return;
    if (this.reading) {
      this.again = true;
      return;
    }
    this.reading = this.read()
      .catch((err) => this.onError(err))
      .finally(() => {
        this.reading = null;
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
  }

  /** Fetches the rows after `head` and hands them to every subscriber. */
  private async read(): Promise<void> {
    await this.position();
    for (;;) {
      const head = this.head ?? 0;
      const rows = await this.rowsAfter(head, PAGE);
      if (rows.length === 0) return;
      const entries = rows.map((r) => ({ id: r.id, event: parse(r.data) }));
      this.head = rows[rows.length - 1]?.id ?? head;
      for (const s of this.subscribers) s(entries);
      if (rows.length < PAGE) return;
    }
  }

  /** Another replica announced a change: read now, and again shortly in case its row was not committed. */
  private onRemote(): void {
    this.wake();
    if (this.rechecking) return;
    this.rechecking = true;
    let n = 0;
    const next = () => {
      const ms = RECHECK_MS[n++];
      if (ms === undefined) {
        this.rechecking = false;
        return;
      }
      setTimeout(() => {
        this.wake();
        next();
      }, ms).unref();
    };
    next();
  }

  private listen(fn: (entries: LiveEntry[]) => void): () => void {
    this.subscribers.add(fn);
    if (this.subscribers.size === 1) {
      // The reader runs only while someone listens; it starts again from the newest row.
      this.head = null;
      this.headReady = this.latest().then(
        (h) => {
          this.head = h;
        },
        (err) => this.onError(err),
      );
      const ac = new AbortController();
      void (async () => {
        try {
          for await (const _ of this.bus.stream(ac.signal)) this.onRemote();
        } catch {
          // aborted: the last subscriber left
        }
      })();
      this.stopRemote = () => ac.abort();
      this.poll = setInterval(() => this.wake(), this.pollMs);
      this.poll.unref();
    }
    return () => {
      this.subscribers.delete(fn);
      if (this.subscribers.size > 0) return;
      this.stopRemote?.();
      this.stopRemote = null;
      if (this.poll) clearInterval(this.poll);
      this.poll = null;
    };
  }

  /**
   * One subscriber's stream: after `lastEventId` the rows it missed (or `hello` when they cannot be
   * replayed), without one a `hello`; then every change as it is stored, each once, until `signal`.
   */
  async *stream(lastEventId: string | null | undefined, signal?: AbortSignal): AsyncGenerator<LiveEntry> {
    const queue: LiveEntry[] = [];
    let wakeUp: (() => void) | null = null;
    // Listening first: whatever the reader fetches from now on is queued (rows after its head).
    const stop = this.listen((entries) => {
      queue.push(...entries);
      wakeUp?.();
    });
    const onAbort = () => wakeUp?.();
    signal?.addEventListener("abort", onAbort);
    try {
      let last = await this.position();
      const from = lastEventId ? Number(lastEventId) : null;
      const missed = from === null ? null : await this.missedSince(from);
      if (missed === null) yield { id: last, event: { type: "hello" } };
      else {
        for (const e of missed) yield e;
        last = Math.max(last, missed.at(-1)?.id ?? from ?? 0);
      }
      this.wake();
      while (!signal?.aborted) {
        const next = queue.shift();
        if (next) {
          if (next.id <= last) continue;
          last = next.id;
          yield next;
          continue;
        }
        await new Promise<void>((r) => {
          wakeUp = r;
        });
        wakeUp = null;
      }
    } finally {
      stop();
      signal?.removeEventListener("abort", onAbort);
    }
  }

  /** The events after `from`, or null when they cannot all be replayed (pruned, too many, unknown id). */
  private async missedSince(from: number): Promise<LiveEntry[] | null> {
    const latest = await this.latest();
    if (!Number.isSafeInteger(from) || from < 0 || from > latest) return null;
    if (from === latest) return [];
    // Something after `from` was pruned when the oldest row kept is past it.
    const oldest = await this.oldest();
    if (oldest === null || oldest > from + 1) return null;
    const rows = await this.rowsAfter(from, this.maxReplay + 1);
    if (rows.length > this.maxReplay) return null;
    return rows.map((r) => ({ id: r.id, event: parse(r.data) }));
  }

  /** Housekeeping: deletes rows past the newest `keepRows` or older than `keepMs`. */
  async prune(): Promise<number> {
    if (this.memory) return this.trim();
    const newest = await this.latest();
    const r = await this.db.liveEvent.deleteMany({
      where: {
        OR: [
          { id: { lte: newest - this.keepRows } },
          // The newest row stays: it tells a resuming subscriber that nothing after it was pruned.
          { at: { lt: new Date(this.now().getTime() - this.keepMs) }, id: { lt: newest } },
        ],
      },
    });
    return r.count;
  }

  /** Subscribers on this replica. */
  listenerCount(): number {
    return this.subscribers.size;
  }
}

function parse(text: string): LiveEventData {
  try {
    return JSON.parse(text) as ConsoleEvent;
  } catch {
    // A row this version cannot read: subscribers refetch everything rather than miss it.
    return { type: "hello" };
  }
}
