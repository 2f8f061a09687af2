// Log-line parsing for BGP NOTIFICATION / session-down events across daemons, with an `auto` mode.
// Speed: most lines of a router log are not BGP events, so every line first goes through one literal
// substring regex (no capture, no allocation); only survivors reach the per-format regexes.
import { birdParser } from "./bird";
import { frrParser } from "./frr";
import { gobgpParser } from "./gobgp";
import { iosxrParser } from "./iosxr";
import { junosParser } from "./junos";
import { openbgpdParser } from "./openbgpd";
import type { BgpLogEvent, LogFormat, LogLineParser, LogParseResult, UnparsedLogLine } from "./types";
import { unparsed } from "./types";

export type {
  BgpLogEvent,
  LogDirection,
  LogEventType,
  LogFinding,
  LogFormat,
  LogParseResult,
  UnparsedLogLine,
} from "./types";

// Order matters: IOS-XR and Junos lines also contain "NOTIFICATION"; FRR's "%ADJCHANGE:" is checked
// after IOS-XR's "%ROUTING-BGP-…ADJCHANGE".
const PARSERS: readonly LogLineParser[] = [
  iosxrParser,
  frrParser,
  junosParser,
  gobgpParser,
  openbgpdParser,
  birdParser,
];

const BY_FORMAT: Readonly<Record<LogFormat, LogLineParser>> = {
  bird: birdParser,
  frr: frrParser,
  gobgp: gobgpParser,
  openbgpd: openbgpdParser,
  junos: junosParser,
  iosxr: iosxrParser,
};

export const LOG_FORMATS: readonly LogFormat[] = ["bird", "frr", "gobgp", "openbgpd", "junos", "iosxr"];

// Every format's candidate check implies one of these substrings. One literal alternation scans the
// line once (measured ~1.5× faster than seven String#includes calls on non-BGP lines).
const QUICK = /OTIFICATION|otification|ADJCHANGE|Received: |Error: |Peer Down|shutdown reason/;

function quickCandidate(line: string): boolean {
  return QUICK.test(line);
}

// Looks like a BGP notification but no parser claimed it: reported, never dropped silently.
function genericBgpNotification(line: string): boolean {
  return (line.includes("OTIFICATION") || line.includes("otification")) && /bgp/i.test(line);
}

/** The format whose prefilter claims the line, if any. */
export function detectLogFormat(line: string): LogFormat | undefined {
  if (!quickCandidate(line)) return undefined;
  for (const p of PARSERS) if (p.candidate(line)) return p.format;
  return undefined;
}

export interface LogParseOptions {
  /** Default "auto": detect per line. */
  format?: LogFormat | "auto";
}

/** undefined = unrelated line (skipped); otherwise an event or an "unparsed" record. */
export function parseLogLine(line: string, options: LogParseOptions = {}): LogParseResult | undefined {
  const format = options.format ?? "auto";
  if (!quickCandidate(line)) return undefined;
  try {
    if (format !== "auto") {
      const p = BY_FORMAT[format];
      return p.candidate(line) ? p.parse(line) : undefined;
    }
    for (const p of PARSERS) if (p.candidate(line)) return p.parse(line);
    return genericBgpNotification(line)
      ? unparsed(undefined, line, "no parser recognises this format")
      : undefined;
  } catch (e) {
    // Parsers are regex/string code and should not throw; if one does, keep the line rather than lose it.
    return unparsed(format === "auto" ? undefined : format, line, `parser error: ${String(e)}`);
  }
}

export interface LogParseSummary {
  events: BgpLogEvent[];
  unparsed: UnparsedLogLine[];
  lines: number;
  skipped: number;
}

/** Parses a whole log (string split on \n, or any iterable of lines). Line numbers are 1-based. */
export function parseLog(input: string | Iterable<string>, options: LogParseOptions = {}): LogParseSummary {
  const lines = typeof input === "string" ? input.split("\n") : input;
  const events: BgpLogEvent[] = [];
  const bad: UnparsedLogLine[] = [];
  let n = 0;
  let skipped = 0;
  for (let line of lines) {
    n++;
    if (line.endsWith("\r")) line = line.slice(0, -1);
    const r = parseLogLine(line, options);
    if (r === undefined) {
      skipped++;
      continue;
    }
    r.lineNumber = n;
    if (r.kind === "event") events.push(r);
    else bad.push(r);
  }
  // A trailing newline yields one empty last "line"; do not count it.
  if (typeof input === "string" && input.endsWith("\n")) {
    n--;
    skipped--;
  }
  return { events, unparsed: bad, lines: n, skipped };
}

/** Cease/2, Cease/4 and Hard Reset events: the ones a shutdown-communication view cares about. */
export function isShutdownEvent(e: BgpLogEvent): boolean {
  return e.code === 6 && (e.subcode === 2 || e.subcode === 4 || e.subcode === 9);
}
