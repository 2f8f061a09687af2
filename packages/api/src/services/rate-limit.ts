/**
 * Login throttling, in memory (one console process serves the API). Three counters per attempt:
 *
 * - `pair:` one name from one address: `maxFailures` failures, then that pair waits out the window.
 *   This is the lockout a guesser meets; it never locks the real user out from another address.
 * - `ip:` one address over all names (password spraying): `ipFactor` times as many, since many
 *   people can share an address (NAT, a proxy). A success does not clear it: an attacker with one
 *   valid account must not be able to reset the count between guesses.
 * - `user:` one name over all addresses (a guesser with many addresses): past `maxFailures` in the
 *   window, attempts are spaced by a doubling delay capped at `backoffCapMs` — slowed, never locked,
 *   so nobody can lock a user (admin included) out for the whole window.
 *
 * An attempt is counted when it is reserved, before the password is checked, and the check and the
 * count happen in one synchronous step: parallel requests (or a tRPC batch) cannot all pass the
 * check before any of them is counted.
 */
export interface LoginAttempt {
  /** The password was right: the pair's failures are forgiven and this attempt is not one. */
  succeeded(): void;
  /** The password was wrong: the attempt stays counted. */
  failed(): void;
  /** The password was never checked (e.g. the checker was busy): as if the attempt never came. */
  cancel(): void;
}

interface Hit {
  count: number;
  resetAt: number;
  /** When the last attempt was reserved (for the per-user backoff). */
  lastAt: number;
}

export interface LoginLimiterOptions {
  ipFactor?: number;
  backoffBaseMs?: number;
  backoffCapMs?: number;
}

export class LoginLimiter {
  private readonly hits = new Map<string, Hit>();
  private readonly ipFactor: number;
  private readonly backoffBaseMs: number;
  private readonly backoffCapMs: number;

  constructor(
    private readonly maxFailures: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
    opts: LoginLimiterOptions = {},
  ) {
    this.ipFactor = opts.ipFactor ?? 5;
    this.backoffBaseMs = opts.backoffBaseMs ?? 1000;
    this.backoffCapMs = opts.backoffCapMs ?? 60_000;
  }

  /**
   * Either the seconds to wait before `username` may be tried from `ip`, or a reserved attempt
   * that the caller settles once the password has been checked.
   */
  reserve(ip: string, username: string): { wait: number } | { attempt: LoginAttempt } {
    const t = this.now();
    const pair = `pair:${ip}\n${username}`;
    const addr = `ip:${ip}`;
    const user = `user:${username}`;
    const waitMs = Math.max(
      this.lockedFor(pair, this.maxFailures, t),
      this.lockedFor(addr, this.maxFailures * this.ipFactor, t),
      this.backoffFor(user, t),
    );
    if (waitMs > 0) return { wait: Math.max(1, Math.ceil(waitMs / 1000)) };
    for (const k of [pair, addr, user]) this.count(k, t);
    if (this.hits.size > 100_000) this.prune(t);
    let settled = false;
    const settle = (forgive: string[]) => {
      if (settled) return;
      settled = true;
      for (const k of forgive) this.uncount(k);
    };
    return {
      attempt: {
        succeeded: () => {
          if (settled) return;
          settle([addr, user]);
          this.hits.delete(pair);
        },
        failed: () => settle([]),
        cancel: () => settle([pair, addr, user]),
      },
    };
  }

  private live(key: string, t: number): Hit | undefined {
    const h = this.hits.get(key);
    if (h && h.resetAt <= t) {
      this.hits.delete(key);
      return undefined;
    }
    return h;
  }

  private lockedFor(key: string, limit: number, t: number): number {
    const h = this.live(key, t);
    return h && h.count >= limit ? h.resetAt - t : 0;
  }

  private backoffFor(key: string, t: number): number {
    const h = this.live(key, t);
    if (!h || h.count < this.maxFailures) return 0;
    const over = Math.min(h.count - this.maxFailures, 30);
    const delay = Math.min(this.backoffBaseMs * 2 ** over, this.backoffCapMs);
    return Math.max(0, h.lastAt + delay - t);
  }

  private count(key: string, t: number): void {
    const h = this.live(key, t);
    if (h) {
      h.count++;
      h.lastAt = t;
    } else this.hits.set(key, { count: 1, resetAt: t + this.windowMs, lastAt: t });
  }

  private uncount(key: string): void {
    const h = this.hits.get(key);
    if (!h) return;
    if (h.count <= 1) this.hits.delete(key);
    else h.count--;
  }

  private prune(t: number): void {
    for (const [k, h] of this.hits) if (h.resetAt <= t) this.hits.delete(k);
  }
}
