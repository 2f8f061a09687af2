import type { XmlElement } from "./xml";

export const EPP_ERROR_CODES = [
  "not-epp", // root is not <epp> in the EPP namespace
  "missing-element",
  "unexpected-element",
  "bad-value",
  "unknown-result-code",
] as const;
export type EppErrorCode = (typeof EPP_ERROR_CODES)[number];

/** A well-formed XML document that is not a valid EPP frame; `path` locates the offending element. */
export class EppDecodeError extends Error {
  override readonly name = "EppDecodeError";
  constructor(
    readonly code: EppErrorCode,
    readonly reason: string,
    readonly path: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(`${line}:${column}: ${path}: ${reason}`);
  }
}
export function fail(code: EppErrorCode, reason: string, el: XmlElement, path: string): never {
  throw new EppDecodeError(code, reason, path, el.line, el.column);
}
