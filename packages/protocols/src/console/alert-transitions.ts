/**
 * The alert life cycle as pure rules, shared by the alert service and the mock API: what
 * acknowledging, unacknowledging and resolving do to an alert in a given state.
 */
import type { AlertState } from "./alerts";

export type AckChange = "acknowledged" | "unacknowledged";

/** The stored fields a transition writes. */
export type AlertStatePatch =
  | { state: "acknowledged"; acknowledgedAt: Date; acknowledgedBy: string }
  | { state: "firing"; acknowledgedAt: null; acknowledgedBy: null }
  | { state: "resolved"; resolvedAt: Date; resolvedBy: string };

export type Transition<C extends string> =
  /** Refused: the message says why (the API answers CONFLICT). */
  | { kind: "refused"; message: string }
  /** Already there: nothing changes, no event, no notification. */
  | { kind: "unchanged" }
  /** A change: `patch(at)` is what to store, stamped with the time the change is made. */
  | { kind: "change"; change: C; patch: (at: Date) => AlertStatePatch };

/** Acknowledge (`ack`) or unacknowledge alert `id`, which is in `state`, by `by`. */
export function ackTransition(
  id: number,
  state: AlertState,
  ack: boolean,
  by: string,
): Transition<AckChange> {
  if (state === "resolved") return { kind: "refused", message: `alert ${id} is resolved` };
  if ((state === "acknowledged") === ack) return { kind: "unchanged" };
  return ack
    ? {
        kind: "change",
        change: "acknowledged",
        patch: (at) => ({ state: "acknowledged", acknowledgedAt: at, acknowledgedBy: by }),
      }
    : {
        kind: "change",
        change: "unacknowledged",
        patch: () => ({ state: "firing", acknowledgedAt: null, acknowledgedBy: null }),
      };
}

/** Resolve an alert in `state` by `by`: resolving a resolved alert changes nothing. */
export function resolveTransition(state: AlertState, by: string): Transition<"resolved"> {
  if (state === "resolved") return { kind: "unchanged" };
  return {
    kind: "change",
    change: "resolved",
    patch: (at) => ({ state: "resolved", resolvedAt: at, resolvedBy: by }),
  };
}

/** Whether the list's `silenced` filter keeps an alert silenced (or not) by some active silence. */
export function silencedFilterKeeps(filter: "include" | "exclude" | "only", silenced: boolean): boolean {
  return filter === "include" || (filter === "only" ? silenced : !silenced);
}
