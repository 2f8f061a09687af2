import type { RouterOutputs } from "@netops/api";

export type RegistryConnection = RouterOutputs["registry"]["connections"][number];
export type RegistryHost = RouterOutputs["registry"]["hosts"][number];
export type RegistryPollMessage = RouterOutputs["registry"]["pollMessages"][number];
export type RegistryTransaction = RouterOutputs["registry"]["transcript"]["items"][number];
export type EppOutcome = RouterOutputs["registry"]["deleteHost"]["outcome"];
export type LookupResult = RouterOutputs["registry"]["lookupDomain"];
export type RegistryTransfer = NonNullable<RouterOutputs["registry"]["transferQuery"]["transfer"]>;

export const hostHref = (h: { connectionId: string; name: string }) =>
  `/registry/hosts/${encodeURIComponent(h.connectionId)}/${encodeURIComponent(h.name)}`;

/** The domains page with this domain looked up (its connection selected). */
export const domainHref = (d: { connectionId: string; name: string }) =>
  `/registry/domains?conn=${encodeURIComponent(d.connectionId)}&name=${encodeURIComponent(d.name)}`;
