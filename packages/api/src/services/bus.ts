import { EventEmitter, on } from "node:events";

export type ConsoleEvent =
  | {
      type: "alert";
      alertId: number;
      state: string;
      change: "fired" | "repeated" | "acknowledged" | "unacknowledged" | "resolved";
    }
  | { type: "silence"; silenceId: string }
  | { type: "delivery"; receiverId: string };

/** In-process fan-out of changes to live subscribers (SSE); the database stays the source of truth. */
export class EventBus {
  private readonly ee = new EventEmitter();
  private forward: ((e: ConsoleEvent) => void) | null = null;
  private readonly taps: ((e: ConsoleEvent) => void)[] = [];
  constructor() {
    this.ee.setMaxListeners(1000);
  }
  /** A change made here: to this replica's subscribers, and to the other replicas (pg-bridge.ts). */
  emit(e: ConsoleEvent): void {
    this.ee.emit("event", e);
    this.forward?.(e);
    for (const t of this.taps) t(e);
  }
  /** Also told of every change made here (live-journal.ts numbers them for resumable streams). */
  tap(fn: (e: ConsoleEvent) => void): void {
    this.taps.push(fn);
  }
  /** A change another replica made: to this replica's subscribers only. */
  deliver(e: ConsoleEvent): void {
    this.ee.emit("event", e);
  }
  /** Calls `fn` with every change, made here or delivered from another replica; returns the way off. */
  on(fn: (e: ConsoleEvent) => void): () => void {
    const h = (e: ConsoleEvent) => fn(e);
    this.ee.on("event", h);
    return () => this.ee.off("event", h);
  }
  /** Where emit() also sends each event (one forwarder: the PostgreSQL bridge). */
  forwardTo(fn: ((e: ConsoleEvent) => void) | null): void {
    this.forward = fn;
  }
  async *stream(signal?: AbortSignal): AsyncGenerator<ConsoleEvent> {
    for await (const [e] of on(this.ee, "event", signal ? { signal } : {})) yield e as ConsoleEvent;
  }
  listenerCount(): number {
    return this.ee.listenerCount("event");
  }
}
