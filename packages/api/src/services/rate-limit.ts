/**
 * Fixed-window failure counter for logins, keyed by client address and by username, so that
 * both spraying one password over many names and guessing one name's password are slowed.
 * An address may fail `ipFactor` times as often as a name, since many people can share one
 * address (NAT, a proxy). In memory: one console process serves the API.
 */
export class LoginLimiter {
  private readonly hits = new Map<string, { count: number; resetAt: number }>();
  constructor(
    private readonly maxFailures: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
    private readonly ipFactor = 5,
  ) {}

  private limit(key: string): number {
    return key.startsWith("ip:") ? this.maxFailures * this.ipFactor : this.maxFailures;
  }

  /** Seconds until `key` may try again, or 0 when it may try now. */
  retryAfter(keys: string[]): number {
    const t = this.now();
    let wait = 0;
    for (const k of keys) {
      const h = this.hits.get(k);
      if (!h) continue;
      if (h.resetAt <= t) this.hits.delete(k);
      else if (h.count >= this.limit(k)) wait = Math.max(wait, Math.ceil((h.resetAt - t) / 1000));
    }
    return wait;
  }

  fail(keys: string[]): void {
    const t = this.now();
    for (const k of keys) {
      const h = this.hits.get(k);
      if (!h || h.resetAt <= t) this.hits.set(k, { count: 1, resetAt: t + this.windowMs });
      else h.count++;
    }
    if (this.hits.size > 100_000) this.prune(t);
  }

  succeed(keys: string[]): void {
    for (const k of keys) this.hits.delete(k);
  }

  private prune(t: number): void {
    for (const [k, h] of this.hits) if (h.resetAt <= t) this.hits.delete(k);
  }
}
