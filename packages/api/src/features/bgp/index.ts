export { BgpAlerting, type BgpAlertOptions, DEFAULT_BGP_ALERT_OPTIONS } from "./alerting";
export { type BgpEventDraft, draftFromBmp, draftFromLog } from "./draft";
export { bgpRouter } from "./router";
export * from "./schema";
export { BgpService, type BgpServiceOptions, type IngestResult, sessionKey } from "./service";
