import { errorCodeName, errorSubcodeName } from "../codes";
import { hasControlCharacters } from "../shutdown";

export type LogFormat = "bird" | "frr" | "gobgp" | "openbgpd" | "junos" | "iosxr";

export type LogDirection = "sent" | "received";

export type LogEventType =
  /** A NOTIFICATION sent or received (code/subcode known or named). */
  | "notification"
  /** Session went down; reason text, sometimes code/subcode (FRR/IOS-XR ADJCHANGE, GoBGP "Peer Down"). */
  | "session-down"
  /** OpenBGPD logs the shutdown communication on its own line after the notification line. */
  | "shutdown-reason";

export type LogFinding =
  /** The daemon printed data as hex instead of text (length error, non-shutdown subcode, …). */
  | "hex-only"
  /** Fewer data octets were logged than the NOTIFICATION carried (BIRD prints 16, FRR sometimes 2). */
  | "data-truncated-by-logger"
  /** Logger's quoting cannot be reversed exactly (BIRD: quotes unescaped, controls → spaces; FRR: "\" unescaped). */
  | "ambiguous-escaping"
  /** The recovered bytes are not valid UTF-8 (text shown with U+FFFD). */
  | "invalid-utf8"
  /** The line already held U+FFFD: the log was written with bytes that were not UTF-8. */
  | "replacement-characters"
  /** GoBGP keeps only 128 octets as text and prints the rest as Data; both parts were joined. */
  | "split-at-128"
  /** The daemon's name for the error is not in our table, so code/subcode are unknown. */
  | "unknown-error-name"
  /** Communication text contains control characters (possible log injection). */
  | "control-characters";

export interface BgpLogEvent {
  kind: "event";
  format: LogFormat;
  event: LogEventType;
  /** 1-based line number within the input (0 when parsing a single line). */
  lineNumber: number;
  raw: string;
  timestamp: string | undefined;
  /** Host name from a syslog header, when the line has one. */
  router: string | undefined;
  peer: string | undefined;
  /** BIRD protocol name, OpenBGPD description, FRR peer hostname, … */
  peerName: string | undefined;
  peerAs: number | undefined;
  direction: LogDirection | undefined;
  code: number | undefined;
  subcode: number | undefined;
  codeName: string | undefined;
  subcodeName: string | undefined;
  /** The error name exactly as the daemon wrote it. */
  loggedName: string | undefined;
  /** Shutdown communication text, unescaped. */
  communication: string | undefined;
  /** The communication octets when the log form allows exact recovery (FRR/GoBGP escapes). */
  communicationHex: string | undefined;
  /** Other NOTIFICATION data as logged (hex). */
  dataHex: string | undefined;
  /** Free-text reason (session-down lines). */
  reason: string | undefined;
  findings: LogFinding[];
}

export interface UnparsedLogLine {
  kind: "unparsed";
  /** Format whose prefilter claimed the line; undefined when only the generic BGP check did. */
  format: LogFormat | undefined;
  lineNumber: number;
  raw: string;
  reason: string;
}

export type LogParseResult = BgpLogEvent | UnparsedLogLine;

export type EventFields = Partial<
  Omit<BgpLogEvent, "kind" | "format" | "raw" | "lineNumber" | "findings">
> & {
  findings?: LogFinding[];
};

export function makeEvent(format: LogFormat, raw: string, event: LogEventType, f: EventFields): BgpLogEvent {
  const code = f.code;
  const subcode = f.subcode;
  const findings = f.findings ?? [];
  if (f.communication !== undefined) {
    if (f.communication.includes("\ufffd") && !findings.includes("invalid-utf8")) {
      findings.push("replacement-characters");
    }
    if (hasControlCharacters(f.communication)) findings.push("control-characters");
  }
  return {
    kind: "event",
    format,
    event,
    lineNumber: 0,
    raw,
    timestamp: f.timestamp,
    router: f.router,
    peer: f.peer,
    peerName: f.peerName,
    peerAs: f.peerAs,
    direction: f.direction,
    code,
    subcode,
    codeName: code === undefined ? undefined : errorCodeName(code),
    subcodeName: code === undefined || subcode === undefined ? undefined : errorSubcodeName(code, subcode),
    loggedName: f.loggedName,
    communication: f.communication,
    communicationHex: f.communicationHex,
    dataHex: f.dataHex,
    reason: f.reason,
    findings,
  };
}

export function unparsed(format: LogFormat | undefined, raw: string, reason: string): UnparsedLogLine {
  return { kind: "unparsed", format, lineNumber: 0, raw, reason };
}

/** A per-format parser: `candidate` is the cheap prefilter, `parse` returns undefined to skip the line. */
export interface LogLineParser {
  format: LogFormat;
  candidate(line: string): boolean;
  parse(line: string): LogParseResult | undefined;
}
