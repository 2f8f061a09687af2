export {
  BOOTSTRAP_KINDS,
  BootstrapRefresher,
  type BootstrapRefreshOptions,
  bootstrapUrlProblem,
  type FileOutcome,
  IANA_BOOTSTRAP_URL,
} from "./bootstrap-refresh";
export {
  type AddressSets,
  compareHost,
  type ConsistencyFinding,
  type ConsistencyKind,
  type ConsistencyReport,
  eppToRdapStatus,
  hostPage,
  normalizeIp,
  RdapConsistencyChecker,
} from "./consistency";
export { HttpCache, freshnessMs } from "./cache";
export { RdapClient, type RdapClientOptions, type RdapResult } from "./client";
export { type RdapErrorCode, RdapFetchError } from "./errors";
export { type GuardConfig, OutboundGuard, specialAddress } from "./guard";
export { HostLimiter, retryAfterMs } from "./limiter";
export { rdapQueryInput, rdapRouter } from "./router";
export {
  pickQuery,
  RDAP_QUERY_TYPES,
  type BootstrapStatus,
  type RdapQueryInput,
  type RdapQueryType,
  type RdapQueryView,
  RdapService,
  type RdapServiceOptions,
  type RdapView,
} from "./service";
