// Shutdown Communication (RFC 9003 §2, obsoletes RFC 8203) carried in Cease/2 and Cease/4 NOTIFICATIONs:
// one length octet, then that many octets of UTF-8 (not NUL terminated).
import { decodeUtf8Strict, toHex } from "./bytes";
import { type EncodeError, type Result, fail, ok } from "./result";

/** RFC 8203 limit; RFC 8203-only receivers treat longer communications as a length error. */
export const SHUTDOWN_RFC8203_MAX = 128;
/** RFC 9003 limit (the length octet's range). */
export const SHUTDOWN_RFC9003_MAX = 255;

export type ShutdownStatus =
  /** Text decoded (possibly with trailing data, see findings). */
  | "ok"
  /** No data at all: a pre-RFC 8203 sender, nothing to report. */
  | "absent"
  /** Length octet is zero: RFC 9003 says no communication follows. */
  | "empty"
  /** Length exceeds the data present: an invalid Length, so the text is not interpreted (RFC 9003 §4). */
  | "invalid-length"
  /** Not valid UTF-8: MUST NOT be interpreted (RFC 9003 §2); only the hex is kept. */
  | "invalid-utf8";

export type ShutdownFinding =
  | "absent"
  | "empty"
  | "invalid-length"
  | "invalid-utf8"
  /** Octets after the communication; RFC 9003 gives them no meaning, kept as hex. */
  | "trailing-data"
  /** Over 128 octets: an RFC 8203-only peer will reject or truncate it. */
  | "exceeds-rfc8203-limit"
  /** C0/C1 controls, DEL, bidi overrides: never render raw (log injection, terminal escapes). */
  | "control-characters";

export interface ShutdownCommunication {
  status: ShutdownStatus;
  /** The length octet, if present. */
  length: number | undefined;
  /** Decoded text; only set when status is "ok". */
  text: string | undefined;
  /** Whole NOTIFICATION data field (length octet included), for the RFC 9003 §4 hexdump. */
  rawHex: string;
  /** The communication octets as far as present (without length octet). */
  communicationHex: string;
  /** Octets after `length` communication octets. */
  trailingHex: string;
  findings: ShutdownFinding[];
  /** True when an RFC 8203-only peer would accept it as sent (≤128 octets, well formed). */
  rfc8203Compatible: boolean;
}

/** C0 controls, DEL, C1 controls and bidi embedding/override/isolate controls (unsafe to render raw). */
export function hasControlCharacters(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (
      c < 0x20 ||
      (c >= 0x7f && c <= 0x9f) ||
      (c >= 0x202a && c <= 0x202e) ||
      (c >= 0x2066 && c <= 0x2069)
    ) {
      return true;
    }
  }
  return false;
}

export function decodeShutdownCommunication(data: Uint8Array): ShutdownCommunication {
  return decodeShutdownCommunicationHex(data, toHex(data));
}

/**
 * As decodeShutdownCommunication, given `rawHex` = toHex(data) (the BMP decoder already has it): every
 * hex field is a slice of that one string instead of a string built per field.
 */
export function decodeShutdownCommunicationHex(data: Uint8Array, rawHex: string): ShutdownCommunication {
  if (data.length === 0) {
    return {
      status: "absent",
      length: undefined,
      text: undefined,
      rawHex,
      communicationHex: "",
      trailingHex: "",
      findings: ["absent"],
      rfc8203Compatible: true,
    };
  }
  const length = data[0] ?? 0;
  const available = data.length - 1;
  const findings: ShutdownFinding[] = [];
  if (length > SHUTDOWN_RFC8203_MAX) findings.push("exceeds-rfc8203-limit");
  if (length > available) {
    findings.unshift("invalid-length");
    return {
      status: "invalid-length",
      length,
      text: undefined,
      rawHex,
      communicationHex: rawHex.slice(2),
      trailingHex: "",
      findings,
      rfc8203Compatible: false,
    };
  }
  const end = 2 + 2 * length;
  const trailingHex = rawHex.slice(end);
  if (trailingHex.length > 0) findings.push("trailing-data");
  if (length === 0) {
    findings.unshift("empty");
    return {
      status: "empty",
      length,
      text: undefined,
      rawHex,
      communicationHex: "",
      trailingHex,
      findings,
      rfc8203Compatible: true,
    };
  }
  const text = decodeUtf8Strict(data.subarray(1, 1 + length));
  if (text === undefined) {
    findings.unshift("invalid-utf8");
    return {
      status: "invalid-utf8",
      length,
      text: undefined,
      rawHex,
      communicationHex: rawHex.slice(2, end),
      trailingHex,
      findings,
      rfc8203Compatible: false,
    };
  }
  if (hasControlCharacters(text)) findings.push("control-characters");
  return {
    status: "ok",
    length,
    text,
    rawHex,
    communicationHex: rawHex.slice(2, end),
    trailingHex,
    findings,
    rfc8203Compatible: length <= SHUTDOWN_RFC8203_MAX,
  };
}

export interface ShutdownMeasure {
  /** UTF-8 octets the text will take on the wire. */
  bytes: number;
  /** Unicode code points (what most people call characters; graphemes may be fewer). */
  codePoints: number;
  withinRfc8203: boolean;
  withinRfc9003: boolean;
  /** Octets left before each limit; negative when over. */
  remainingRfc8203: number;
  remainingRfc9003: number;
  /** Lone surrogates cannot be encoded as UTF-8; the encoder refuses such text. */
  wellFormed: boolean;
  /** Control characters are legal but render badly in peers' logs. */
  hasControlCharacters: boolean;
  /**
   * Length (in UTF-16 units) of the longest prefix that fits in 255 octets without cutting a character,
   * so a composer can show where the cut falls (BIRD/FRR cut mid-character instead).
   */
  fitsRfc9003UpTo: number;
  fitsRfc8203UpTo: number;
}

function utf8Len(cp: number): number {
  return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

export function measureShutdownCommunication(text: string): ShutdownMeasure {
  let bytes = 0;
  let codePoints = 0;
  let wellFormed = true;
  let fits8203 = -1;
  let fits9003 = -1;
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    let cp = c;
    let units = 1;
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        cp = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        units = 2;
      } else {
        wellFormed = false;
        cp = 0xfffd;
      }
    } else if (c >= 0xdc00 && c <= 0xdfff) {
      wellFormed = false;
      cp = 0xfffd;
    }
    const n = utf8Len(cp);
    if (fits8203 < 0 && bytes + n > SHUTDOWN_RFC8203_MAX) fits8203 = i;
    if (fits9003 < 0 && bytes + n > SHUTDOWN_RFC9003_MAX) fits9003 = i;
    bytes += n;
    codePoints++;
    i += units;
  }
  return {
    bytes,
    codePoints,
    withinRfc8203: bytes <= SHUTDOWN_RFC8203_MAX,
    withinRfc9003: bytes <= SHUTDOWN_RFC9003_MAX,
    remainingRfc8203: SHUTDOWN_RFC8203_MAX - bytes,
    remainingRfc9003: SHUTDOWN_RFC9003_MAX - bytes,
    wellFormed,
    hasControlCharacters: hasControlCharacters(text),
    fitsRfc9003UpTo: fits9003 < 0 ? text.length : fits9003,
    fitsRfc8203UpTo: fits8203 < 0 ? text.length : fits8203,
  };
}

export interface ShutdownEncodeOptions {
  /** 255 (RFC 9003, default) or 128 to stay compatible with RFC 8203-only peers. */
  maxBytes?: typeof SHUTDOWN_RFC8203_MAX | typeof SHUTDOWN_RFC9003_MAX;
}

const encoder = new TextEncoder();

/** Length octet + UTF-8 text: the NOTIFICATION data for Cease/2 or Cease/4. Never truncates silently. */
export function encodeShutdownCommunication(
  text: string,
  options: ShutdownEncodeOptions = {},
): Result<Uint8Array, EncodeError> {
  const max = options.maxBytes ?? SHUTDOWN_RFC9003_MAX;
  const m = measureShutdownCommunication(text);
  if (!m.wellFormed) {
    return fail({ code: "invalid-text", message: "text contains lone surrogates (not encodable as UTF-8)" });
  }
  if (m.bytes > max) {
    return fail({ code: "too-long", message: `communication is ${m.bytes} octets in UTF-8 (max ${max})` });
  }
  const body = encoder.encode(text);
  const out = new Uint8Array(1 + body.length);
  out[0] = body.length;
  out.set(body, 1);
  return ok(out);
}
