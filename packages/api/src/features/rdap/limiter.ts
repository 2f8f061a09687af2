/** Per-host concurrency limit: at most `limit` requests in flight to one host, the rest queue. */
export class HostLimiter {
  private readonly active = new Map<string, number>();
  private readonly queues = new Map<string, (() => void)[]>();
  constructor(private readonly limit: number) {}

  async run<T>(host: string, task: () => Promise<T>): Promise<T> {
    if ((this.active.get(host) ?? 0) >= this.limit) {
      await new Promise<void>((resolve) => {
        const q = this.queues.get(host) ?? [];
        q.push(resolve);
        this.queues.set(host, q);
      });
    } else this.active.set(host, (this.active.get(host) ?? 0) + 1);
    try {
      return await task();
    } finally {
      const next = this.queues.get(host)?.shift();
      // Hand the slot straight to the next waiter; otherwise release it.
      if (next) next();
      else {
        const n = (this.active.get(host) ?? 1) - 1;
        if (n > 0) this.active.set(host, n);
        else this.active.delete(host);
        this.queues.delete(host);
      }
    }
  }

  inFlight(host: string): number {
    return this.active.get(host) ?? 0;
  }
}

/** Retry-After (RFC 9110 §10.2.3): delay-seconds or an HTTP-date; milliseconds, or undefined. */
export function retryAfterMs(value: string | undefined, now: number = Date.now()): number | undefined {
  if (!value) return undefined;
  const v = value.trim();
  if (/^[0-9]+$/.test(v)) return Number(v) * 1000;
  const t = Date.parse(v);
  return Number.isNaN(t) ? undefined : Math.max(0, t - now);
}
