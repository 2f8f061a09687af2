/**
 * What the log says about receivers that cannot be reached. A dead receiver fails every attempt of
 * every pending delivery (the demo's unreachable one: about one a second), and a warning per attempt
 * buries the rest of the log. So: one warning when a receiver starts failing, one line when it
 * recovers, and in between a reminder with the count, at a doubling interval (1 min, 2, 4, … capped
 * at 1 h). The deliveries page keeps every attempt's error; the log keeps the state changes.
 */
export interface FailureLogger {
  warn(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
}

export interface ReceiverFailureLogOptions {
  firstReminderMs?: number;
  maxReminderMs?: number;
}

interface Failing {
  since: number;
  /** Failures since the last line about this receiver. */
  unlogged: number;
  total: number;
  detail: string;
  nextReminderAt: number;
  gapMs: number;
}

export class ReceiverFailureLog {
  private readonly failing = new Map<string, Failing>();
  private readonly firstReminderMs: number;
  private readonly maxReminderMs: number;

  constructor(
    private readonly log: FailureLogger,
    private readonly now: () => number = Date.now,
    opts: ReceiverFailureLogOptions = {},
  ) {
    this.firstReminderMs = opts.firstReminderMs ?? 60_000;
    this.maxReminderMs = opts.maxReminderMs ?? 3_600_000;
  }

  /** An attempt to `receiver` failed before it answered (`detail`: ECONNREFUSED, a timeout, …). */
  failed(receiver: string, detail: string): void {
    const t = this.now();
    const f = this.failing.get(receiver);
    if (!f) {
      this.failing.set(receiver, {
        since: t,
        unlogged: 0,
        total: 1,
        detail,
        nextReminderAt: t + this.firstReminderMs,
        gapMs: this.firstReminderMs,
      });
      this.log.warn({ receiver, detail }, "webhook receiver failing; further failures are summarised");
      return;
    }
    f.unlogged++;
    f.total++;
    f.detail = detail;
    if (t < f.nextReminderAt) return;
    this.log.warn(
      { receiver, detail, since: new Date(f.since).toISOString(), failures: f.unlogged, total: f.total },
      "webhook receiver still failing",
    );
    f.unlogged = 0;
    f.gapMs = Math.min(f.gapMs * 2, this.maxReminderMs);
    f.nextReminderAt = t + f.gapMs;
  }

  /** A delivery to `receiver` succeeded: a failing receiver has recovered. */
  delivered(receiver: string): void {
    const f = this.failing.get(receiver);
    if (!f) return;
    this.failing.delete(receiver);
    this.log.info(
      { receiver, since: new Date(f.since).toISOString(), failures: f.total },
      "webhook receiver recovered",
    );
  }

  /** Receivers failing now, for tests and diagnostics. */
  failingReceivers(): string[] {
    return [...this.failing.keys()];
  }
}
