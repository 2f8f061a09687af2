/** Why an EPP session failed, in words an operator can act on. */
export type EppSessionErrorCode =
  | "connect" // TCP/TLS could not be established (refused, certificate not trusted, …)
  | "timeout" // no answer within the command timeout
  | "framing" // RFC 5734 length header over the limit, too small, or a frame cut short
  | "xml" // not well-formed, a DTD/entity (refused, never expanded), limits
  | "protocol" // well-formed XML that is not the EPP frame expected (incl. unknown result codes)
  | "negotiation" // the greeting lacks what we need (e.g. the host object)
  | "login" // the registry refused our login
  | "closed" // the registry closed the connection
  | "rate-limited"
  | "unavailable"; // in reconnect backoff after a failure

export class EppSessionError extends Error {
  override readonly name = "EppSessionError";
  constructor(
    readonly code: EppSessionErrorCode,
    reason: string,
    /** The precise cause when `reason` is the generic "connection failed" (for the server log). */
    readonly detail?: string,
  ) {
    super(reason);
  }
}
