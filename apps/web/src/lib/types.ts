/** Types derived from the API contract; never hand-written copies of server interfaces. */
import type { RouterInputs, RouterOutputs } from "@netops/api";

export type Me = RouterOutputs["auth"]["me"];
export type AlertItem = RouterOutputs["alerts"]["list"]["items"][number];
export type AlertListInput = RouterInputs["alerts"]["list"];
export type AlertDetailData = RouterOutputs["alerts"]["get"];
export type AlertEvent = AlertDetailData["events"][number];
export type Delivery = RouterOutputs["webhooks"]["deliveries"][number];
/** One event of the `alerts.onChange` subscription (the output type is the async iterable). */
export type AlertChangeEvent = RouterOutputs["alerts"]["onChange"] extends AsyncIterable<infer T> ? T : never;
export type Overview = RouterOutputs["system"]["overview"];
export type SubsystemHealth = Overview["subsystems"][number];
export type SystemInfo = RouterOutputs["system"]["info"];
export type Job = SystemInfo["jobs"][number];
export type Silence = RouterOutputs["silences"]["list"][number];
export type SilenceState = Silence["state"];
export type MatcherT = Silence["matchers"][number];
export type UserRow = RouterOutputs["users"]["list"][number];
export type TokenRow = RouterOutputs["tokens"]["list"][number];
export type AnyUserTokenRow = RouterOutputs["tokens"]["listAll"][number];
export type CreatedToken = RouterOutputs["tokens"]["create"];
export type Receiver = RouterOutputs["webhooks"]["list"][number];
export type ReceiverInput = RouterInputs["webhooks"]["create"];
export type AuditEntry = RouterOutputs["audit"]["list"]["items"][number];
export type AlertCounts = RouterOutputs["alerts"]["counts"];
export type DhcpLeaseEvent = NonNullable<RouterOutputs["dhcp"]["lease"]>["addressHistory"][number];
