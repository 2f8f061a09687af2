export { EppConnection, type Received, type TlsEndpoint } from "./connection";
export { EppSessionError, type EppSessionErrorCode } from "./errors";
export { EppPool, type PoolOptions, type PoolView, type SessionView } from "./pool";
export { TokenBucket } from "./rate-limit";
export {
  type CommandResult,
  commandObject,
  EppSession,
  type RegistryConfig,
  type SessionState,
} from "./session";
export { type EppTransaction, redacted, type TranscriptSink } from "./transcript";
export { registryRouter } from "./router";
export * from "./schemas";
export {
  decodePollMessage,
  type EppOutcome,
  RegistryService,
  type RegistryServiceOptions,
} from "./service";
