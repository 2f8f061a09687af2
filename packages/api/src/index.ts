export {
  type Context,
  clearSessionCookie,
  createContext,
  parseCookies,
  type RequestInfo,
  sessionCookie,
} from "./context";
export { type AppRouter, appRouter, type RouterInputs, type RouterOutputs } from "./router";
export type { AlertView, DeliveryView, ReceiverView, SilenceView } from "./services";
export { createServices, type ServiceOptions, type Services } from "./services";
export {
  auditedChange,
  newPasswordProblem,
  PasswordRefused,
  type Principal,
  SESSION_COOKIE,
  TOKEN_PREFIX,
} from "./services/auth";
export { clientAddress, trustedProxyPrefixes } from "./client-address";
export { hashPassword, randomToken } from "./services/crypto";
export { RECEIVER_STATES, SIGNATURE_HEADER, signPayload } from "./services/webhooks";
export { createCallerFactory, type ProcedureMeta, type ProcedureObserver, observeProcedures } from "./trpc";
export type { ConsoleEvent } from "./services/bus";
export {
  type BgpEventDraft,
  type BgpEventView,
  type BgpServiceOptions,
  draftFromBmp,
  draftFromLog,
} from "./features/bgp";
export type { CheckView, DnsLimits, ServerStateView, UploadVerdictView, ZoneView } from "./features/dns";
export { axfr, parseServer, querySoa, serverText, TransportError } from "./features/dns";
export {
  type ConsistencyFinding,
  type ConsistencyReport,
  compareHost,
  eppToRdapStatus,
  normalizeIp,
  RdapClient,
  type RdapClientOptions,
  RdapConsistencyChecker,
  type RdapResult,
  RdapService,
  type RdapServiceOptions,
  type RdapView,
} from "./features/rdap";
export * as registry from "./features/registry";
export {
  type ComposedConsole,
  type ComposeOptions,
  composeConsole,
  publicOriginOf,
  serviceOptionsFrom,
} from "./compose";
export {
  type Collector,
  type EntityLinkProvider,
  type FeatureRoute,
  type HealthProbe,
  type Job,
  MODULES,
  type ModuleRuntime,
  type SearchProvider,
  type SearchScope,
  type SubsystemModule,
  type TimelineQuery,
  type TimelineSource,
} from "./modules";
export { SearchService, searchService } from "./search/service";
export { bgpListeners } from "./features/bgp/module";
export { RDAP_CONSISTENCY_EVERY_MS, rdapServiceOptions } from "./features/rdap/module";
export {
  BgpConfigError,
  type BgpCollectorConfig,
  type BgpFileConfig,
  bgpCollectorConfig,
  bgpServiceOptions,
} from "./features/bgp/collectors/config";
export {
  type SyslogReceiver,
  type SyslogStats,
  startSyslogReceiver,
} from "./features/bgp/collectors/syslog-receiver";
export { procNetAddress, udpSocketDrops } from "./features/bgp/collectors/udp-drops";
export {
  LostOwnership,
  type OwnershipOptions,
  type ReplicaView,
  type WorkFence,
  WorkOwnership,
} from "./services/ownership";
export { EXPORT_LISTS } from "./export/lists";
export { exportRoutes } from "./export/route";
export { EVENTS_CHANNEL, PgEventBridge } from "./services/pg-bridge";
