// One typed error for every RSerPool decoder, so callers (and the fuzz tests) can tell a rejected
// input from a bug: `offset` is the byte where the problem is, `field` names what was being read.

export type RserpoolErrorCode =
  | "truncated"
  | "length"
  | "padding"
  | "value"
  | "type"
  | "limit"
  | "magic"
  | "empty";

export class RserpoolDecodeError extends Error {
  override readonly name = "RserpoolDecodeError";
  constructor(
    readonly code: RserpoolErrorCode,
    readonly offset: number,
    readonly field: string,
    readonly reason: string,
  ) {
    super(`offset ${offset}: ${field}: ${reason}`);
  }
}

export function fail(code: RserpoolErrorCode, offset: number, field: string, reason: string): never {
  throw new RserpoolDecodeError(code, offset, field, reason);
}
