/** Hard limits. They bound memory per token/line so a hostile or corrupt zone cannot blow up the parser. */
export interface ZoneLimits {
  /** Longest physical line, in characters (default 64 KiB). */
  maxLineLength: number;
  /** Longest logical entry (lines joined by parentheses), in characters. */
  maxEntryLength: number;
  /** Most tokens in one logical entry. */
  maxTokens: number;
  /** Deepest $INCLUDE nesting. */
  maxIncludeDepth: number;
  /** Parsing stops after this many errors. */
  maxErrors: number;
}

export const DEFAULT_LIMITS: Readonly<ZoneLimits> = Object.freeze({
  maxLineLength: 65_536,
  // Largest legal RDATA (65535 octets) as base64 plus some room for the owner/ttl/type.
  maxEntryLength: 262_144,
  maxTokens: 65_536,
  maxIncludeDepth: 8,
  maxErrors: 100,
});

/** RFC 1035 §2.3.4 size limits, enforced by the name and character-string encoders. */
export const MAX_LABEL_OCTETS = 63;
export const MAX_NAME_OCTETS = 255;
export const MAX_CHARSTRING_OCTETS = 255;
export const MAX_RDATA_OCTETS = 65_535;

export type ZoneErrorCode =
  | "syntax"
  | "limit"
  | "unknown_type"
  | "unknown_class"
  | "bad_rdata"
  | "bad_name"
  | "directive"
  | "include"
  | "include_loop"
  | "too_many_errors";

/** A located zone-file error. Parsers report these instead of throwing at the caller. */
export class ZoneParseError extends Error {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly reason: string;
  readonly code: ZoneErrorCode;

  constructor(code: ZoneErrorCode, reason: string, file: string, line: number, column: number) {
    super(`${file}:${line}:${column}: ${reason}`);
    this.name = "ZoneParseError";
    this.code = code;
    this.reason = reason;
    this.file = file;
    this.line = line;
    this.column = column;
  }
}

/**
 * Position-free error thrown by low-level encoders (names, numbers, rdata); the parser
 * catches it and attaches file/line/column of the token being encoded.
 */
export class EncodeError extends Error {
  readonly code: ZoneErrorCode;
  constructor(reason: string, code: ZoneErrorCode = "bad_rdata") {
    super(reason);
    this.name = "EncodeError";
    this.code = code;
  }
}
