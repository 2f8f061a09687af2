/** Live changes (alerts.onChange): the mock's event bus and one subscriber's stream. */
import type { AppRouter } from "@netops/api";
import { type ResolverOutput, trackedEvent } from "./trpc-msw";

type Tracked = ResolverOutput<AppRouter, "alerts.onChange">;
export type ChangeEvent = Tracked["data"];

/** Events kept for a subscriber that resumes with its last event id (the server keeps its own in the database). */
const BACKLOG = 200;

export interface Live {
  emit(e: ChangeEvent): void;
  /**
   * A subscriber's stream: the events after `lastEventId` when they are all still kept, else "hello";
   * then every change until `signal` aborts. Ids count up, as the server's.
   */
  changes(signal: AbortSignal, lastEventId?: string | null): AsyncGenerator<Tracked>;
  size(): number;
}

export function createLive(): Live {
  const listeners = new Set<(e: Tracked) => void>();
  const kept: Tracked[] = [];
  let seq = 0;
  return {
    emit(e) {
      const t = trackedEvent(String(++seq), e);
      kept.push(t);
      if (kept.length > BACKLOG) kept.shift();
      for (const l of listeners) l(t);
    },
    size: () => listeners.size,
    async *changes(signal, lastEventId) {
      const from = lastEventId ? Number(lastEventId) : null;
      const oldest = kept[0] ? Number(kept[0].id) : seq + 1;
      const replay = from !== null && from <= seq && from >= oldest - 1;
      const queue: Tracked[] = replay
        ? kept.filter((k) => Number(k.id) > from)
        : [trackedEvent(String(seq), { type: "hello" })];
      let wake: (() => void) | null = null;
      const listener = (e: Tracked) => {
        queue.push(e);
        wake?.();
      };
      const onAbort = () => wake?.();
      listeners.add(listener);
      signal.addEventListener("abort", onAbort);
      try {
        while (!signal.aborted) {
          const next = queue.shift();
          if (next) {
            yield next;
            continue;
          }
          await new Promise<void>((resolve) => {
            wake = resolve;
          });
          wake = null;
        }
      } finally {
        listeners.delete(listener);
        signal.removeEventListener("abort", onAbort);
      }
    },
  };
}
