import type { RouterOutputs } from "@netops/api";

export type RegistryConnection = RouterOutputs["registry"]["connections"][number];
export type RegistryHost = RouterOutputs["registry"]["hosts"][number];
export type RegistryPollMessage = RouterOutputs["registry"]["pollMessages"][number];
export type RegistryTransaction = RouterOutputs["registry"]["transcript"]["items"][number];
export type EppOutcome = RouterOutputs["registry"]["deleteHost"]["outcome"];

export const hostHref = (h: { connectionId: string; name: string }) =>
  `/registry/hosts/${encodeURIComponent(h.connectionId)}/${encodeURIComponent(h.name)}`;
