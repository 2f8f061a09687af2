// A collector's way into the durable queue (services/ingest-queue.ts): drafts are gathered for a
// short time or up to a batch size, written as one batch row, then stored — per source in arrival
// order. The backlog held in memory (drafts not stored yet) is bounded: callers pause their socket/file while it is full instead of
// buffering without limit.
import type { Services } from "../../../services";
import type { BgpEventDraft } from "../draft";

/** The batch kind the BGP module's ingest handles. */
export const BGP_BATCH = "bgp";
/** Drafts per batch row, and how long the first of them waits for more (latency of a lone line). */
const BATCH_MAX = 500;
const BATCH_WAIT_MS = 20;

export class IngestQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private writeTail: Promise<unknown> = Promise.resolve();
  private pending = 0;
  private buffer: BgpEventDraft[] = [];
  private bufferDone: Promise<void> | null = null;
  private release: (() => void) | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly services: Services,
    private readonly label: string,
    readonly highWater = 5000,
  ) {}

  get full(): boolean {
    return this.pending >= this.highWater;
  }

  /**
   * Resolves when these drafts are stored (or the failure is logged; nothing is thrown at the
   * caller). They are durable once their batch row is written, within BATCH_WAIT_MS.
   */
  push(drafts: BgpEventDraft[]): Promise<void> {
    if (drafts.length === 0) return Promise.resolve();
    this.pending += drafts.length;
    this.buffer.push(...drafts);
    this.bufferDone ??= new Promise<void>((r) => {
      this.release = r;
    });
    const done = this.bufferDone;
    if (this.buffer.length >= BATCH_MAX) this.flush();
    else if (!this.timer) this.timer = setTimeout(() => this.flush(), BATCH_WAIT_MS);
    return done;
  }

  /** Sends what is gathered now as one batch (in order after the earlier ones). */
  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const drafts = this.buffer;
    const release = this.release;
    this.buffer = [];
    this.bufferDone = null;
    this.release = null;
    if (drafts.length === 0) {
      release?.();
      return;
    }
    // Writing is not held up by storing: a batch is durable as soon as its row is in, even while
    // earlier batches are still being stored. Both happen in arrival order.
    const queue = this.services.ingestQueue;
    const written = this.writeTail.then(() =>
      queue.write(BGP_BATCH, drafts, drafts.map(batchIdentity)).catch((err) => {
        this.services.logger.error(
          { err, collector: this.label, events: drafts.length },
          "BGP events could not be queued (database unreachable)",
        );
        return null;
      }),
    );
    this.writeTail = written;
    const run = Promise.all([written, this.tail]).then(async ([claimed]) => {
      try {
        // A failure is recorded on the batch and retried by the worker; it never throws here
        // unless the database is gone, and then the claim runs out and any replica takes it.
        if (claimed) await queue.process(claimed);
      } catch (err) {
        this.services.logger.warn(
          { err, collector: this.label },
          "BGP batch queued, storing it failed; will retry",
        );
      } finally {
        this.pending -= drafts.length;
        release?.();
      }
    });
    this.tail = run;
  }

  /** Waits for everything pushed so far to be stored. */
  drain(): Promise<unknown> {
    if (this.buffer.length) this.flush();
    return this.tail;
  }
}

/** A draft's natural identity as the batch key sees it (unambiguous: JSON of the parts). */
const batchIdentity = (d: BgpEventDraft) => JSON.stringify(d.identity);

/** Drafts back from a batch row's JSON (dates are strings there); a malformed one fails the batch. */
export function draftsFromBatch(items: unknown[]): BgpEventDraft[] {
  return items.map((x, i) => {
    const d = x as BgpEventDraft & { at: unknown };
    const at = typeof d?.at === "string" ? new Date(d.at) : null;
    if (!at || Number.isNaN(at.getTime())) throw new Error(`ingest batch item ${i}: at: not a date`);
    if (!Array.isArray(d.identity) || !d.identity.every((p) => typeof p === "string"))
      throw new Error(`ingest batch item ${i}: identity: not a list of strings`);
    if (typeof d.router !== "string") throw new Error(`ingest batch item ${i}: router: not a string`);
    return { ...d, at };
  });
}
