/**
 * The replica's cache of list answers. Many operators (a NOC wall, every open tab refetching on
 * focus) ask for the same first page of alerts, BGP events or leases; answering them again from the
 * bytes computed a moment ago skips the session-independent part of the work (tRPC, validation, the
 * queries, the JSON). Only queries whose procedure declares `listCache` in its meta are kept: their
 * answer depends on the input alone, never on who asks; who may ask is checked on every request.
 *
 * An answer is served for at most `maxAgeMs` after it was stored. The change events a procedure
 * names (alert, silence…, from this replica or, through LISTEN/NOTIFY, another) drop its answers at
 * once, and so does any mutation through this replica. Concurrent misses of one key wait for the
 * first to fill it.
 *
 * Refresh ahead: past three quarters of its age, the next request for an answer computes it anew
 * while every other request is still served the kept one. Without it, every request for a busy
 * answer waited for its recomputation once a second (a read of 25–75 ms under load). No answer is
 * served longer than `maxAgeMs` either way.
 */
import { gzipSync } from "node:zlib";

export interface CachedAnswer {
  body: Buffer;
  contentType: string;
}

interface Entry extends CachedAnswer {
  at: number;
  procedures: readonly string[];
  /** The body gzipped once when kept (answers above GZIP_FROM bytes), for clients that accept it. */
  gzip: Buffer | null;
}

/** Smaller answers are sent as they are: gzip would save less than its header and the work. */
export const GZIP_FROM = 1024;

export interface ListCacheOptions {
  /** How long an answer is served again; 0 turns the cache off. */
  maxAgeMs: number;
  /** Largest answer kept, and the most bytes kept in all (oldest dropped first). */
  maxEntryBytes?: number;
  maxTotalBytes?: number;
  now?: () => number;
}

export type ListCacheCounter = "hit" | "miss" | "refresh" | "wait" | "stored" | "stale" | "dropped";

export class ListCache {
  private readonly entries = new Map<string, Entry>();
  private readonly inflight = new Map<string, Promise<void>>();
  /** Bumped when a procedure's answers are dropped; a fill that began before it is not stored. */
  private readonly generations = new Map<string, number>();
  private epoch = 0;
  private bytes = 0;
  private readonly maxEntryBytes: number;
  private readonly maxTotalBytes: number;
  private readonly now: () => number;
  readonly counts: Record<ListCacheCounter, number> = {
    hit: 0,
    miss: 0,
    refresh: 0,
    wait: 0,
    stored: 0,
    stale: 0,
    dropped: 0,
  };

  constructor(private readonly opts: ListCacheOptions) {
    this.maxEntryBytes = opts.maxEntryBytes ?? 1024 * 1024;
    this.maxTotalBytes = opts.maxTotalBytes ?? 32 * 1024 * 1024;
    this.now = opts.now ?? Date.now;
  }

  get enabled(): boolean {
    return this.opts.maxAgeMs > 0;
  }

  get size(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.bytes };
  }

  /**
   * A fresh answer for `key`, or undefined: none is kept, it expired (and is dropped), or it is past
   * three quarters of its age and nobody is computing it yet, so this caller should (the kept one
   * stays for the others meanwhile).
   */
  get(key: string): (CachedAnswer & { gzip: Buffer | null }) | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    const age = this.now() - e.at;
    if (age >= this.opts.maxAgeMs) {
      this.remove(key, e);
      return undefined;
    }
    if (4 * age >= 3 * this.opts.maxAgeMs && !this.inflight.has(key)) {
      this.counts.refresh++;
      return undefined;
    }
    this.counts.hit++;
    return e;
  }

  /** The fill in flight for `key`, if another request is computing it now. */
  pending(key: string): Promise<void> | undefined {
    const p = this.inflight.get(key);
    if (p) this.counts.wait++;
    return p;
  }

  /**
   * Starts computing `key`'s answer. `store` keeps it unless one of `procedures` was dropped since
   * this call (the answer may predate the change); `done` must follow in every case.
   */
  begin(key: string, procedures: readonly string[]): { store(a: CachedAnswer): void; done(): void } {
    if (!this.entries.has(key)) this.counts.miss++;
    const epoch = this.epoch;
    const gens = procedures.map((p) => this.generations.get(p) ?? 0);
    let finish!: () => void;
    this.inflight.set(
      key,
      new Promise<void>((r) => {
        finish = r;
      }),
    );
    return {
      store: (a) => {
        const changed =
          this.epoch !== epoch || procedures.some((p, i) => (this.generations.get(p) ?? 0) !== gens[i]);
        if (changed) {
          this.counts.stale++;
          return;
        }
        if (a.body.length > this.maxEntryBytes) return;
        const old = this.entries.get(key);
        if (old) this.remove(key, old);
        // Compressed once here, sent many times: a page of 50 alerts is ~28 KB of JSON, ~3 KB gzipped.
        const gzip = a.body.length >= GZIP_FROM ? gzipSync(a.body, { level: 6 }) : null;
        // Its age counts from now, not from when the computation began: under overload a read can
        // take longer than maxAgeMs, and an answer stored already expired would send every waiting
        // request to compute it again.
        this.entries.set(key, { ...a, at: this.now(), procedures, gzip });
        this.bytes += a.body.length + (gzip?.length ?? 0);
        this.counts.stored++;
        for (const [k, e] of this.entries) {
          if (this.bytes <= this.maxTotalBytes) break;
          this.remove(k, e);
        }
      },
      done: () => {
        this.inflight.delete(key);
        finish();
      },
    };
  }

  /** Drops the answers of these procedures (a change they show happened). */
  drop(procedures: Iterable<string>): void {
    const set = new Set(procedures);
    if (set.size === 0) return;
    for (const p of set) this.generations.set(p, (this.generations.get(p) ?? 0) + 1);
    for (const [k, e] of this.entries) if (e.procedures.some((p) => set.has(p))) this.remove(k, e);
    this.counts.dropped++;
  }

  /** Drops everything (a mutation through this replica may have changed any list). */
  dropAll(): void {
    this.epoch++;
    this.entries.clear();
    this.bytes = 0;
    this.counts.dropped++;
  }

  private remove(key: string, e: Entry): void {
    this.entries.delete(key);
    this.bytes -= e.body.length + (e.gzip?.length ?? 0);
  }
}
