/**
 * Outbound failures, worded for whoever reads the page (a viewer may). Whether the peer refused
 * the connection, never answered or answered in another protocol says which ports are open
 * behind the console, so before the peer has spoken the expected protocol every failure has the
 * same text; the precise cause goes to the server log (`detail`).
 */
export type OutboundErrorCode = "refused" | "unreachable" | "timeout" | "too-large" | "protocol";

export class OutboundError extends Error {
  constructor(
    readonly code: OutboundErrorCode,
    message: string,
    /** The precise cause (errno, TLS alert, peer bytes' length …): for the server log only. */
    readonly detail?: string,
  ) {
    super(message);
    this.name = "OutboundError";
  }
}

/** The one viewer-visible text for "no usable answer": the same for closed, filtered and wrong-protocol peers. */
export function unreachableText(label: string): string {
  return `could not reach ${label}: connection failed`;
}

export function unreachable(label: string, detail: string): OutboundError {
  return new OutboundError("unreachable", unreachableText(label), detail);
}

/** errno code or message of a socket error, for `detail`. */
export function causeOf(e: unknown): string {
  const err = e as NodeJS.ErrnoException & { cause?: NodeJS.ErrnoException };
  return err?.code ?? err?.cause?.code ?? err?.message ?? String(e);
}
