/**
 * Lease rows in PostgreSQL's COPY text format, and the check that a lease's text can be stored at
 * all. COPY text is tab-separated, one row a line, `\N` for NULL; a backslash, tab, newline or
 * carriage return inside a value is written as its backslash escape, so no value can end a field
 * or a row early (nothing else is special in this format).
 */
import type { DhcpLease } from "@netops/protocols/dhcp";

/**
 * The most bytes (UTF-8) of one stored text value. DHCP carries at most 255 octets of hostname
 * (options 12 and 81) and a DUID of 130 (390 characters in colon hex); PostgreSQL refuses a btree
 * entry over 2,704 bytes (hostnameKey, hwAddress and clientId are indexed), so a longer value would
 * fail the whole batch there. 1,024 is far above any real value and below that limit on both engines.
 */
export const MAX_TEXT_BYTES = 1024;

/** The text fields of a lease that come from the source file as written. */
const FREE_TEXT = ["hostname", "hwAddress", "clientId"] as const;

/** Why a lease cannot be stored as it is (same answer on both engines), or null when it can. */
export function unstorable(l: DhcpLease): { field: string; reason: string } | null {
  for (const field of FREE_TEXT) {
    const v = l[field];
    if (v === null) continue;
    // PostgreSQL text cannot hold U+0000; SQLite could, but both engines keep the same leases.
    if (v.includes("\u0000")) return { field, reason: `${field} contains a NUL character (U+0000)` };
    if (v.length > MAX_TEXT_BYTES / 3 && Buffer.byteLength(v) > MAX_TEXT_BYTES)
      return { field, reason: `${field} is ${Buffer.byteLength(v)} bytes long (at most ${MAX_TEXT_BYTES})` };
  }
  return null;
}

/** A lease the writer refuses; the collectors reject such records before they reach it. */
export class UnstorableLeaseError extends Error {
  constructor(l: DhcpLease, why: { field: string; reason: string }) {
    super(`lease at line ${l.line} (${l.address.slice(0, 64)}): ${why.reason}`);
    this.name = "UnstorableLeaseError";
  }
}

const ESCAPES: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" };
const SPECIAL = /[\\\t\n\r]/;
const SPECIAL_ALL = /[\\\t\n\r]/g;

/** One value in COPY text format: numbers and strings (integers and text columns only). */
export function copyField(v: unknown): string {
  if (v === null || v === undefined) return "\\N";
  if (typeof v === "number") {
    if (!Number.isSafeInteger(v)) throw new Error(`not an integer for COPY: ${v}`);
    return String(v);
  }
  const s = String(v);
  if (s.includes("\u0000")) throw new Error("text for COPY contains a NUL character (U+0000)");
  return SPECIAL.test(s) ? s.replace(SPECIAL_ALL, (c) => ESCAPES[c] as string) : s;
}

/** Rows of values as COPY text, about `rowsPerChunk` rows a chunk (each chunk ends with a newline). */
export function* copyChunks(rows: Iterable<readonly unknown[]>, rowsPerChunk = 2_000): Generator<string> {
  let lines: string[] = [];
  for (const r of rows) {
    lines.push(r.map(copyField).join("\t"));
    if (lines.length >= rowsPerChunk) {
      yield `${lines.join("\n")}\n`;
      lines = [];
    }
  }
  if (lines.length > 0) yield `${lines.join("\n")}\n`;
}
