export { HttpCache, freshnessMs } from "./cache";
export { RdapClient, type RdapClientOptions, type RdapResult } from "./client";
export { type RdapErrorCode, RdapFetchError } from "./errors";
export { type GuardConfig, OutboundGuard, specialAddress } from "./guard";
export { HostLimiter, retryAfterMs } from "./limiter";
