/**
 * The one error services throw for a request they refuse: its kind says what went wrong in domain
 * terms; trpc.ts turns the kind into the HTTP/tRPC code, once, for every router. The message is
 * shown to the caller as is (it names the field first, `field: reason`, when one is at fault).
 */
export type DomainErrorKind =
  | "not-found"
  | "invalid"
  | "conflict"
  | "forbidden"
  /** The object is in a state that does not allow this (e.g. a disabled connection). */
  | "precondition"
  | "too-large"
  /** A dependency of the console (a store, a pool) cannot serve now. */
  | "unavailable"
  /** The remote peer (registry, server) refused or failed the request. */
  | "refused-by-peer";

export class DomainError extends Error {
  override readonly name = "DomainError";
  constructor(
    readonly kind: DomainErrorKind,
    message: string,
    /** The input field at fault, when one is. */
    readonly field?: string,
  ) {
    super(message);
  }
}

/** The tRPC code each kind is answered with (and so its HTTP status). */
export const DOMAIN_ERROR_CODES = {
  "not-found": "NOT_FOUND",
  invalid: "BAD_REQUEST",
  conflict: "CONFLICT",
  forbidden: "FORBIDDEN",
  precondition: "PRECONDITION_FAILED",
  "too-large": "PAYLOAD_TOO_LARGE",
  unavailable: "SERVICE_UNAVAILABLE",
  "refused-by-peer": "BAD_GATEWAY",
} as const satisfies Record<DomainErrorKind, string>;
