/** Token bucket for commands sent to one registry (registries cap commands per second). */
import { EppSessionError } from "./errors";

/** The refusal when a command would wait past its limit (in-process or shared bucket alike). */
export function rateLimited(perSecond: number): EppSessionError {
  return new EppSessionError(
    "rate-limited",
    `rate limit of ${perSecond} commands/s reached; try again shortly`,
  );
}

export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = burst;
    this.last = now();
  }

  /** Waits for a token, but never longer than `maxWaitMs`: past that the command is refused. */
  async take(maxWaitMs: number): Promise<void> {
    this.refill();
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return;
    }
    const waitMs = ((1 - this.tokens) / this.perSecond) * 1000;
    if (waitMs > maxWaitMs) throw rateLimited(this.perSecond);
    this.tokens -= 1; // reserve it now so concurrent callers queue behind us
    await new Promise((r) => setTimeout(r, waitMs));
  }

  private refill(): void {
    const t = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((t - this.last) / 1000) * this.perSecond);
    this.last = t;
  }
}
