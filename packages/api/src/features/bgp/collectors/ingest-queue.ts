// Serialises ingestion per source so events are stored in arrival order, and bounds the backlog:
// callers pause their socket/file while the queue is full instead of buffering without limit.
import type { Services } from "../../../services";
import type { BgpEventDraft } from "../draft";

export class IngestQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private pending = 0;

  constructor(
    private readonly services: Services,
    private readonly label: string,
    readonly highWater = 1000,
  ) {}

  get full(): boolean {
    return this.pending >= this.highWater;
  }

  /** Resolves when these drafts are stored (or the failure is logged; nothing is thrown at the caller). */
  push(drafts: BgpEventDraft[]): Promise<void> {
    if (drafts.length === 0) return Promise.resolve();
    this.pending += drafts.length;
    const run = this.tail.then(async () => {
      try {
        await this.services.bgp.ingest(drafts);
      } catch (err) {
        this.services.logger.error({ err, collector: this.label }, "BGP event ingestion failed");
      } finally {
        this.pending -= drafts.length;
      }
    });
    this.tail = run;
    return run;
  }

  /** Waits for everything queued so far. */
  drain(): Promise<unknown> {
    return this.tail;
  }
}
