/** One error per query, with a code a caller can branch on and a message a person can read. */
export type RdapErrorCode =
  | "bad-query"
  | "no-server"
  | "guard"
  | "timeout"
  | "too-large"
  | "not-json"
  | "too-deep"
  | "not-rdap"
  | "http"
  | "rate-limited"
  | "redirect-loop"
  | "too-many-redirects"
  | "network"
  | "no-related";

export class RdapFetchError extends Error {
  constructor(
    readonly code: RdapErrorCode,
    message: string,
    readonly url?: string,
    readonly status?: number,
  ) {
    super(message);
  }
}
