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
  SESSION_COOKIE,
  TOKEN_PREFIX,
} from "./services/auth";
export { hashPassword, randomToken } from "./services/crypto";
export { SIGNATURE_HEADER, signPayload } from "./services/webhooks";
export { createCallerFactory, type ProcedureObserver, observeProcedures } from "./trpc";
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
export * as epp from "./features/epp";
