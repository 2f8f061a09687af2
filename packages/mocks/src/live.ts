/** Live changes (alerts.onChange): the mock's event bus and one subscriber's stream. */
import type { AppRouter } from "@netops/api";
import type { ResolverOutput } from "./trpc-msw";

export type ChangeEvent = ResolverOutput<AppRouter, "alerts.onChange">;

export interface Live {
  emit(e: ChangeEvent): void;
  /** A subscriber's stream: "hello", then every change until `signal` aborts. */
  changes(signal: AbortSignal): AsyncGenerator<ChangeEvent>;
  size(): number;
}

export function createLive(): Live {
  const listeners = new Set<(e: ChangeEvent) => void>();
  return {
    emit(e) {
      for (const l of listeners) l(e);
    },
    size: () => listeners.size,
    async *changes(signal) {
      const queue: ChangeEvent[] = [{ type: "hello" }];
      let wake: (() => void) | null = null;
      const listener = (e: ChangeEvent) => {
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
