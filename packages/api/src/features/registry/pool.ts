/**
 * A small pool of sessions to one registry: opens sessions on demand up to `size`, spreads
 * commands over them (each session still runs one at a time), applies the rate limit, and after
 * a failed connect waits with exponential backoff before trying again. A command that failed in
 * flight is never resent: EPP transforms are not idempotent, the operator decides.
 */
import type { EppCommand, Extension, Greeting } from "@netops/protocols/epp";
import { EppSessionError } from "./errors";
import type { CommandRateLimiter } from "../../services/rate-limit";
import { TokenBucket } from "./rate-limit";
import { type CommandResult, EppSession, type RegistryConfig } from "./session";
import type { TranscriptSink } from "./transcript";

export interface PoolOptions {
  size?: number;
  ratePerSecond?: number;
  burst?: number;
  backoffMs?: number;
  maxBackoffMs?: number;
  now?: () => number;
  /** The command rate limit; default an in-process TokenBucket(ratePerSecond, burst). */
  limiter?: CommandRateLimiter;
}

export interface SessionView {
  openedAt: string;
  state: string;
  tls: string | null;
  lastRttMs: number | null;
  busy: number;
}

export interface PoolView {
  sessions: SessionView[];
  greeting: Greeting | null;
  lastError: string | null;
  /** While backing off after failures: when the next connect is allowed. */
  retryAt: string | null;
  failures: number;
}

export class EppPool {
  private sessions: { s: EppSession; busy: number }[] = [];
  private opening: Promise<EppSession> | null = null;
  private failures = 0;
  private retryAt = 0;
  private lastError: string | null = null;
  private greeting: Greeting | null = null;
  private closed = false;
  private readonly limiter: CommandRateLimiter;
  private readonly now: () => number;

  constructor(
    private readonly cfg: RegistryConfig,
    private readonly sink: TranscriptSink,
    private readonly opts: PoolOptions = {},
  ) {
    this.now = opts.now ?? Date.now;
    this.limiter = opts.limiter ?? new TokenBucket(opts.ratePerSecond ?? 5, opts.burst ?? 10);
  }

  view(): PoolView {
    this.prune();
    return {
      sessions: this.sessions.map(({ s, busy }) => ({
        openedAt: s.openedAt.toISOString(),
        state: s.state,
        tls: s.tlsVersion,
        lastRttMs: s.lastRttMs,
        busy,
      })),
      greeting: this.greeting,
      lastError: this.lastError,
      retryAt: this.retryAt > this.now() ? new Date(this.retryAt).toISOString() : null,
      failures: this.failures,
    };
  }

  async command(c: EppCommand, extensions: Extension[] = []): Promise<CommandResult> {
    await this.limiter.take(this.cfg.commandTimeoutMs ?? 30_000);
    const entry = await this.acquire();
    entry.busy += 1;
    try {
      return await entry.s.command(c, extensions);
    } catch (e) {
      if (e instanceof EppSessionError) this.lastError = e.message;
      throw e;
    } finally {
      entry.busy -= 1;
      this.prune();
    }
  }

  /** Opens one session if none is up (used by a background job to keep the console connected). */
  async ensure(): Promise<void> {
    this.prune();
    if (this.sessions.length === 0) await this.open();
  }

  async close(): Promise<void> {
    this.closed = true;
    const all = this.sessions.splice(0);
    await Promise.all(all.map(({ s }) => s.logout()));
  }

  private prune(): void {
    this.sessions = this.sessions.filter(({ s }) => {
      if (s.state === "failed" && s.failure) this.lastError = s.failure.message;
      return s.state === "ready";
    });
  }

  private async acquire(): Promise<{ s: EppSession; busy: number }> {
    this.prune();
    const idle = this.sessions.find((e) => e.busy === 0);
    if (idle) return idle;
    if (this.sessions.length < (this.opts.size ?? 2)) {
      try {
        const s = await this.open();
        return this.sessions.find((e) => e.s === s) ?? this.add(s);
      } catch (e) {
        // With sessions up, a failed extra connect is not fatal: queue on the least busy one.
        if (this.sessions.length === 0) throw e;
      }
    }
    const least = [...this.sessions].sort((a, b) => a.busy - b.busy)[0];
    if (!least) throw new EppSessionError("unavailable", this.lastError ?? "no session to the registry");
    return least;
  }

  private add(s: EppSession): { s: EppSession; busy: number } {
    const e = { s, busy: 0 };
    this.sessions.push(e);
    return e;
  }

  private open(): Promise<EppSession> {
    if (this.closed)
      return Promise.reject(new EppSessionError("closed", "the registry connection is being removed"));
    if (this.opening) return this.opening;
    const wait = this.retryAt - this.now();
    if (wait > 0)
      return Promise.reject(
        new EppSessionError(
          "unavailable",
          `registry unavailable (${this.lastError ?? "earlier failure"}); next attempt in ${Math.ceil(wait / 1000)} s`,
        ),
      );
    this.opening = EppSession.open(this.cfg, this.sink)
      .then((s) => {
        this.failures = 0;
        this.retryAt = 0;
        this.lastError = null;
        this.greeting = s.greeting;
        if (this.closed) {
          void s.logout();
          throw new EppSessionError("closed", "the registry connection is being removed");
        }
        this.add(s);
        return s;
      })
      .catch((e: Error) => {
        if (!(e instanceof EppSessionError && e.code === "closed" && this.closed)) {
          this.failures += 1;
          const base = this.opts.backoffMs ?? 1000;
          const delay = Math.min(this.opts.maxBackoffMs ?? 60_000, base * 2 ** (this.failures - 1));
          this.retryAt = this.now() + delay;
          this.lastError = e.message;
        }
        throw e;
      })
      .finally(() => {
        this.opening = null;
      });
    return this.opening;
  }
}
