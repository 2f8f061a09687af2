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
  constructor() {
    this.ee.setMaxListeners(1000);
  }
  emit(e: ConsoleEvent): void {
    this.ee.emit("event", e);
  }
  async *stream(signal?: AbortSignal): AsyncGenerator<ConsoleEvent> {
    for await (const [e] of on(this.ee, "event", signal ? { signal } : {})) yield e as ConsoleEvent;
  }
  listenerCount(): number {
    return this.ee.listenerCount("event");
  }
}
