// Decoders never throw on bad input: they return one of these so callers must look at the outcome.
export type Result<T, E = DecodeError> = { ok: true; value: T } | { ok: false; error: E };

export type DecodeErrorCode =
  | "truncated"
  | "bad-marker"
  | "bad-length"
  | "bad-type"
  | "bad-version"
  | "too-large"
  | "malformed";

export interface DecodeError {
  code: DecodeErrorCode;
  message: string;
  /** Byte offset (within the buffer handed to the decoder) where the problem was seen. */
  offset?: number;
}

export type EncodeErrorCode = "too-long" | "invalid-text" | "out-of-range";

export interface EncodeError {
  code: EncodeErrorCode;
  message: string;
}

export function ok<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

export function fail<E>(error: E): { ok: false; error: E } {
  return { ok: false, error };
}

export function decodeError(code: DecodeErrorCode, message: string, offset?: number): DecodeError {
  return offset === undefined ? { code, message } : { code, message, offset };
}
