import { z } from "zod";

/**
 * Why a line or record was rejected. Parsers never throw on bad input: they emit one of these and
 * carry on with the next row/block, so one corrupt line cannot hide the rest of a lease file.
 */
export const LEASE_ERROR_CODES = [
  "line-too-long", // line exceeded the configured limit; its text was dropped, not buffered
  "missing-header", // Kea CSV row seen before any header line
  "bad-header", // Kea CSV header lacks a required column or repeats one
  "column-count", // Kea CSV row has more/fewer fields than its header
  "truncated-row", // last line of the input ended without a newline and is incomplete
  "bad-address",
  "bad-hwaddr",
  "bad-client-id",
  "bad-number",
  "bad-date",
  "bad-json",
  "bad-value", // a field that is well-formed but outside the values the format allows
  "unterminated-string",
  "unterminated-block",
  "syntax",
] as const;
export const leaseErrorCodeSchema = z.enum(LEASE_ERROR_CODES);
export type LeaseErrorCode = z.infer<typeof leaseErrorCodeSchema>;

export const LEASE_FORMATS = ["kea-csv", "dhcpd", "dnsmasq"] as const;
export const leaseFormatSchema = z.enum(LEASE_FORMATS);
export type LeaseFormat = z.infer<typeof leaseFormatSchema>;

export const leaseParseErrorSchema = z.object({
  kind: z.literal("error"),
  format: leaseFormatSchema,
  code: leaseErrorCodeSchema,
  /** 1-based line number in the input (the line where the offending record/statement starts). */
  line: z.number().int().positive(),
  /** Column name (Kea CSV header name, dhcpd statement keyword, dnsmasq field name) when known. */
  field: z.string().nullable(),
  reason: z.string(),
  /** The offending text, clipped to 200 characters so errors stay small. */
  text: z.string(),
});
export type LeaseParseError = z.infer<typeof leaseParseErrorSchema>;

const MAX_ERROR_TEXT = 200;

export function leaseError(
  format: LeaseFormat,
  code: LeaseErrorCode,
  line: number,
  field: string | null,
  reason: string,
  text: string,
): LeaseParseError {
  return {
    kind: "error",
    format,
    code,
    line,
    field,
    reason,
    text: text.length > MAX_ERROR_TEXT ? `${text.slice(0, MAX_ERROR_TEXT)}…` : text,
  };
}

export function isLeaseParseError(x: unknown): x is LeaseParseError {
  return typeof x === "object" && x !== null && (x as { kind?: unknown }).kind === "error";
}
