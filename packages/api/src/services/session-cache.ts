/**
 * Session principals this replica has checked recently, so a signed-in request does not cost a
 * database read (two Prisma queries, ~3 ms of CPU) every time. An entry lives at most `ttlMs` and
 * never past its session's expiry; the replica that ends a session, changes a user's password or
 * role, or disables a user forgets the entries at once. Another replica's entry lasts until its
 * ttl runs out: that is the bound on how long a revoked session keeps working there
 * (auth.sessionCacheSeconds, README "Security model"). Unknown sessions are never cached, so a
 * session made on another replica works here at once.
 *
 * A read that was under way while something was forgotten may have seen the row before the change:
 * every forget moves `generation` on, and `set` refuses a principal read in an older generation.
 * Writers forget before and after their write, so no read that overlaps the write is kept.
 */
import type { Principal } from "./auth";

interface Entry {
  principal: Principal;
  /** Epoch ms after which the entry is not used. */
  until: number;
}

export class SessionCache {
  private readonly entries = new Map<string, Entry>();
  /** Checks answered from the cache or not, and the database reads made, for the tests and /metrics. */
  readonly stats = { hits: 0, misses: 0, reads: 0 };
  private gen = 0;

  constructor(
    /** 0 turns the cache off: every request reads its session. */
    readonly ttlMs: number,
    /** Bounds memory under many sessions; the oldest entries go first. */
    private readonly maxEntries = 10_000,
  ) {}

  get(sessionId: string, nowMs: number): Principal | null {
    const e = this.entries.get(sessionId);
    if (!e) {
      this.stats.misses++;
      return null;
    }
    if (nowMs >= e.until) {
      this.entries.delete(sessionId);
      this.stats.misses++;
      return null;
    }
    this.stats.hits++;
    return e.principal;
  }

  /** Taken before reading a session from the database; handed back to `set`. */
  get generation(): number {
    return this.gen;
  }

  /**
   * Keeps `principal` until `ttlMs` from now, or the session's expiry if sooner — unless something
   * was forgotten since `readIn` (the generation when its read began).
   */
  set(sessionId: string, principal: Principal, nowMs: number, expiresAtMs: number, readIn: number): void {
    if (this.ttlMs <= 0 || readIn !== this.gen) return;
    const until = Math.min(nowMs + this.ttlMs, expiresAtMs);
    if (until <= nowMs) return;
    this.entries.delete(sessionId);
    if (this.entries.size >= this.maxEntries) {
      // Map keeps insertion order: the first key is the oldest entry.
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(sessionId, { principal, until });
  }

  forget(sessionId: string): void {
    this.gen++;
    this.entries.delete(sessionId);
  }

  /** Every cached session of `userId` (password, role or disabled changed; a kept one is read again). */
  forgetUser(userId: string): void {
    this.gen++;
    for (const [id, e] of this.entries) if (e.principal.id === userId) this.entries.delete(id);
  }

  get size(): number {
    return this.entries.size;
  }
}
