/** The alert views' types, derived from the API contract; never hand-written copies of server interfaces. */
import type { RouterInputs, RouterOutputs } from "@netops/api";

export type AlertItem = RouterOutputs["alerts"]["list"]["items"][number];
export type AlertListInput = RouterInputs["alerts"]["list"];
export type AlertDetailData = RouterOutputs["alerts"]["get"];
export type AlertEvent = AlertDetailData["events"][number];
export type AlertCounts = RouterOutputs["alerts"]["counts"];
export type Silence = RouterOutputs["silences"]["list"][number];
export type SilenceState = Silence["state"];
export type MatcherT = Silence["matchers"][number];
