/** One EPP transaction as the console records it: both documents redacted, ids, timing, result. */
import { redactEpp } from "@netops/protocols/epp";

export interface EppTransaction {
  /** "login", "hello", "logout", "poll", "host:create", … */
  command: string;
  /** Host/domain name or contact id the command is about, for the per-object history. */
  object?: string;
  clTRID?: string;
  svTRID?: string;
  startedAt: Date;
  durationMs: number;
  /** Result code, absent when the exchange failed before a response. */
  code?: number;
  message?: string;
  /** Redacted: no password or authInfo ever reaches the transcript. */
  requestXml: string;
  responseXml?: string;
  /** Why the exchange failed (timeout, framing, …) when it did. */
  error?: string;
}

export type TranscriptSink = (t: EppTransaction) => void;

export function redacted(doc: string | undefined): string | undefined {
  return doc === undefined ? undefined : redactEpp(doc);
}
