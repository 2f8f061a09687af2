/** The settings views' types, derived from the API contract; never hand-written copies of server interfaces. */
import type { RouterInputs, RouterOutputs } from "@netops/api";

export type SystemInfo = RouterOutputs["system"]["info"];
export type Job = SystemInfo["jobs"][number];
export type UserRow = RouterOutputs["users"]["list"][number];
export type TokenRow = RouterOutputs["tokens"]["list"][number];
export type AnyUserTokenRow = RouterOutputs["tokens"]["listAll"][number];
export type CreatedToken = RouterOutputs["tokens"]["create"];
export type Receiver = RouterOutputs["webhooks"]["list"][number];
export type ReceiverInput = RouterInputs["webhooks"]["create"];
export type AuditEntry = RouterOutputs["audit"]["list"]["items"][number];
