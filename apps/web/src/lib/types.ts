/**
 * Types the frame and shared components need, derived from the API contract; never hand-written
 * copies of server interfaces. Each feature's own view types live in its folder (features/<area>/types.ts).
 */
import type { RouterOutputs } from "@netops/api";

export type Me = RouterOutputs["auth"]["me"];
export type Delivery = RouterOutputs["webhooks"]["deliveries"][number];
/**
 * One event of the `alerts.onChange` subscription (the output type is the async iterable of
 * `{ id, data }`: the id is what the client sends back as lastEventId when it reconnects).
 */
export type AlertChangeEvent =
  RouterOutputs["alerts"]["onChange"] extends AsyncIterable<{ data: infer T }> ? T : never;
export type Overview = RouterOutputs["system"]["overview"];
export type SubsystemHealth = Overview["subsystems"][number];
