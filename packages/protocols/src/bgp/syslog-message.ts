// Syslog messages as routers send them: RFC 5424 and RFC 3164 (BSD) headers, and the RFC 6587
// TCP framings (octet counting and newline-terminated). Pure: bytes in, records out.
import { type DecodeError, type Result, decodeError, fail, ok } from "./result";

export type SyslogFormat = "rfc5424" | "rfc3164";

export interface SyslogMessage {
  format: SyslogFormat;
  pri: number;
  facility: number;
  severity: number;
  /** As written: ISO 8601 for RFC 5424, "Mmm dd hh:mm:ss" for RFC 3164; undefined for "-" or absent. */
  timestamp: string | undefined;
  hostname: string | undefined;
  appName: string | undefined;
  procId: string | undefined;
  msgId: string | undefined;
  /** RFC 5424 STRUCTURED-DATA as written ("-" → undefined). */
  structuredData: string | undefined;
  /** The free-text part (BOM removed). */
  message: string;
}

/** RFC 5424 §6.1 allows receivers to limit size; 8 KiB is above any BGP event line. */
export const SYSLOG_DEFAULT_MAX_MESSAGE = 8192;

const PRI = /^<(\d{1,3})>/;
const BSD_TS = /^([A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d)(?:\.\d+)? /;

function nilOr(v: string | undefined): string | undefined {
  return v === undefined || v === "-" ? undefined : v;
}

/** Length of RFC 5424 STRUCTURED-DATA at the start of `s` ("-" or one or more [...] elements). */
function structuredDataLength(s: string): number | undefined {
  if (s.startsWith("-")) return 1;
  let i = 0;
  while (s[i] === "[") {
    i++;
    let quoted = false;
    for (;;) {
      const c = s[i];
      if (c === undefined) return undefined;
      if (quoted && c === "\\") i += 2;
      else if (c === '"') {
        quoted = !quoted;
        i++;
      } else if (!quoted && c === "]") {
        i++;
        break;
      } else i++;
    }
  }
  return i > 0 ? i : undefined;
}

/** Parses one syslog message (already framed). Text without a valid PRI is refused with a reason. */
export function parseSyslogMessage(text: string): Result<SyslogMessage, DecodeError> {
  const line = text.endsWith("\n") ? text.slice(0, text.endsWith("\r\n") ? -2 : -1) : text;
  const m = PRI.exec(line);
  if (!m) return fail(decodeError("malformed", "no <PRI> at the start of the message", 0));
  const pri = Number(m[1]);
  if (pri > 191) return fail(decodeError("malformed", `PRI ${pri} is above 191`, 1));
  const base = { pri, facility: pri >> 3, severity: pri & 7 };
  let rest = line.slice(m[0].length);
  // RFC 5424: VERSION SP TIMESTAMP SP HOSTNAME SP APP-NAME SP PROCID SP MSGID SP SD [SP MSG]
  const v = /^(\d{1,2}) /.exec(rest);
  if (v) {
    const parts: string[] = [];
    let p = v[0].length;
    for (let k = 0; k < 5; k++) {
      const sp = rest.indexOf(" ", p);
      if (sp < 0) return fail(decodeError("malformed", "RFC 5424 header ends early", m[0].length + p));
      parts.push(rest.slice(p, sp));
      p = sp + 1;
    }
    const sdLen = structuredDataLength(rest.slice(p));
    if (sdLen === undefined)
      return fail(decodeError("malformed", "RFC 5424 STRUCTURED-DATA is not terminated", m[0].length + p));
    const sd = rest.slice(p, p + sdLen);
    let msg = rest.slice(p + sdLen);
    if (msg.startsWith(" ")) msg = msg.slice(1);
    if (msg.startsWith("\ufeff")) msg = msg.slice(1);
    return ok({
      format: "rfc5424",
      ...base,
      timestamp: nilOr(parts[0]),
      hostname: nilOr(parts[1]),
      appName: nilOr(parts[2]),
      procId: nilOr(parts[3]),
      msgId: nilOr(parts[4]),
      structuredData: nilOr(sd),
      message: msg,
    });
  }
  // RFC 3164: TIMESTAMP SP [HOSTNAME SP] TAG[PID]: MSG — local senders (BIRD via /dev/log) omit the host.
  const ts = BSD_TS.exec(rest);
  const timestamp = ts?.[1];
  if (ts) rest = rest.slice(ts[0].length);
  let hostname: string | undefined;
  const first = /^(\S+) /.exec(rest);
  if (first && ts && !first[1]?.endsWith(":") && !first[1]?.includes("[")) {
    hostname = first[1];
    rest = rest.slice(first[0].length);
  }
  const tag = /^([^\s:[\]]{1,48})(?:\[([^\]]{1,32})\])?: ?/.exec(rest);
  return ok({
    format: "rfc3164",
    ...base,
    timestamp,
    hostname,
    appName: tag?.[1],
    procId: tag?.[2],
    msgId: undefined,
    structuredData: undefined,
    message: tag ? rest.slice(tag[0].length) : rest,
  });
}

export type SyslogFrameEvent =
  | { kind: "message"; bytes: Uint8Array }
  /** A frame was dropped (too long, bad count); the stream continues at the next frame. */
  | { kind: "error"; reason: string; dropped: number };

/**
 * RFC 6587 framing for syslog over TCP. Each frame is either octet-counted ("LEN SP MSG", §3.4.1) or
 * newline-terminated (§3.4.2), decided per frame by its first octet. Never holds more than
 * maxMessage + 12 octets; an over-long frame is discarded up to its end and reported.
 */
export class SyslogStreamFramer {
  private buf = new Uint8Array(0);
  /** Octets still to skip from an oversized frame (octet counting), or -1 = skip to the next LF. */
  private skip = 0;
  private skipped = 0;

  constructor(readonly maxMessage: number = SYSLOG_DEFAULT_MAX_MESSAGE) {}

  get bufferedBytes(): number {
    return this.buf.length;
  }

  push(chunk: Uint8Array): SyslogFrameEvent[] {
    const out: SyslogFrameEvent[] = [];
    let data = this.buf.length ? concat(this.buf, chunk) : chunk;
    let p = 0;
    for (;;) {
      if (this.skip > 0) {
        const n = Math.min(this.skip, data.length - p);
        this.skip -= n;
        this.skipped += n;
        p += n;
        if (this.skip > 0) break;
        out.push({
          kind: "error",
          reason: `frame longer than ${this.maxMessage} octets`,
          dropped: this.skipped,
        });
        this.skipped = 0;
      }
      if (this.skip < 0) {
        const lf = data.indexOf(0x0a, p);
        if (lf < 0) {
          this.skipped += data.length - p;
          p = data.length;
          break;
        }
        this.skipped += lf + 1 - p;
        p = lf + 1;
        this.skip = 0;
        out.push({
          kind: "error",
          reason: `line longer than ${this.maxMessage} octets`,
          dropped: this.skipped,
        });
        this.skipped = 0;
      }
      if (p >= data.length) break;
      const c = data[p] ?? 0;
      if (c >= 0x31 && c <= 0x39) {
        // Octet counting: MSG-LEN is a nonzero digit then digits, then one space.
        let q = p;
        let len = 0;
        while (q < data.length && q - p < 10 && (data[q] ?? 0) >= 0x30 && (data[q] ?? 0) <= 0x39) {
          len = len * 10 + ((data[q] ?? 0) - 0x30);
          q++;
        }
        if (q >= data.length) break;
        if (data[q] !== 0x20) {
          // Not a count after all: treat the frame as newline-terminated text.
          const r = this.lineFrame(data, p, out);
          if (r < 0) break;
          p = r;
          continue;
        }
        if (len > this.maxMessage) {
          p = q + 1;
          this.skip = len;
          continue;
        }
        if (data.length - (q + 1) < len) break;
        out.push({ kind: "message", bytes: data.slice(q + 1, q + 1 + len) });
        p = q + 1 + len;
        continue;
      }
      if (c === 0x0a || c === 0x0d || c === 0x00) {
        p++;
        continue;
      }
      const r = this.lineFrame(data, p, out);
      if (r < 0) break;
      p = r;
    }
    data = data.subarray(p);
    if (data.length > this.maxMessage + 12) {
      // An unterminated line past the limit: drop it and skip to its end.
      this.skipped += data.length;
      this.skip = -1;
      data = new Uint8Array(0);
    }
    this.buf = data.slice();
    return out;
  }

  /** Emits the LF-terminated frame at p; returns the next position, or -1 when incomplete. */
  private lineFrame(data: Uint8Array, p: number, out: SyslogFrameEvent[]): number {
    const lf = data.indexOf(0x0a, p);
    if (lf < 0) return -1;
    const end = lf > p && data[lf - 1] === 0x0d ? lf - 1 : lf;
    if (end - p > this.maxMessage) {
      out.push({ kind: "error", reason: `line longer than ${this.maxMessage} octets`, dropped: lf + 1 - p });
    } else out.push({ kind: "message", bytes: data.slice(p, end) });
    return lf + 1;
  }

  /** End of stream: a final unterminated line is still a message (senders often omit the last LF). */
  end(): SyslogFrameEvent[] {
    const rest = this.buf;
    this.buf = new Uint8Array(0);
    if (this.skip !== 0)
      return [{ kind: "error", reason: "stream ended inside a dropped frame", dropped: this.skipped }];
    if (rest.length === 0) return [];
    return [{ kind: "message", bytes: rest }];
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
