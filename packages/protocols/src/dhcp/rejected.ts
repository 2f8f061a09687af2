/**
 * Rejected lease records as the console keeps and shows them: where and why, never the record's
 * text. A lease file can hold anything (a misconfigured path could name a password file), so a
 * rejection carries at most the failing field's name and a reason clipped short, and only admins
 * see even that; everyone else sees how many records were rejected.
 */
import { type Role, roleAtLeast } from "../console/roles";

export interface RejectedLine {
  /** 1-based line (file sources) or record number (Kea API sources). */
  line: number;
  code: string | null;
  field: string | null;
  reason: string;
}

/** The most rejected lines a source view lists (the stored list may hold more). */
export const SHOWN_REJECTED_LINES = 20;
const MAX_FIELD = 40;
const MAX_REASON = 160;
/**
 * What field names look like in the three formats (Kea columns, dhcpd keywords, dnsmasq fields).
 * dhcpd reports an unknown statement under its first word, which in a file that is not a lease
 * file can be anything (a password hash): such a "field" is dropped rather than echoed.
 */
const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_.-]{0,39}$/;

function clip(s: string, max: number): string {
  // Control characters would let a line forge another line in a list or a log.
  const flat = s.replace(/\p{Cc}/gu, " ");
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

/**
 * A parser error (or a stored one, which may predate this form and carry the record's `text`)
 * reduced to line, code, field and reason. The parsers' reasons quote at most the failing field's
 * value; the record's text is dropped. Null for anything that is not an error record.
 */
export function rejectedLine(e: unknown): RejectedLine | null {
  if (typeof e !== "object" || e === null) return null;
  const r = e as Record<string, unknown>;
  if (typeof r.line !== "number" || !Number.isInteger(r.line) || r.line < 1) return null;
  if (typeof r.reason !== "string") return null;
  const named = typeof r.field === "string" && FIELD_NAME.test(r.field);
  // A dropped "field" is also cut out of the reason, which may quote it.
  const reason =
    typeof r.field === "string" && r.field !== "" && !named ? r.reason.split(r.field).join("…") : r.reason;
  return {
    line: r.line,
    code: typeof r.code === "string" ? clip(r.code, MAX_FIELD) : null,
    field: named ? (r.field as string) : null,
    reason: clip(reason, MAX_REASON),
  };
}

/** Every well-formed entry of a stored list reduced (anything but a list gives none). */
export function rejectedLines(list: unknown): RejectedLine[] {
  if (!Array.isArray(list)) return [];
  return list.flatMap((e) => {
    const r = rejectedLine(e);
    return r ? [r] : [];
  });
}

/** "line 17: ends: month 13 does not exist" (the field left out when unknown). */
export function formatRejectedLine(e: RejectedLine): string {
  return `line ${e.line}: ${e.field ? `${e.field}: ` : ""}${e.reason}`;
}

/** What a role may see of a source's rejected records: admins the first lines, others none (null). */
export function rejectedLinesFor(role: Role, stored: readonly unknown[]): RejectedLine[] | null {
  if (!roleAtLeast(role, "admin")) return null;
  return rejectedLines(stored.slice(0, SHOWN_REJECTED_LINES));
}

/** A source view for `role`: its rejected lines replaced by what the role may see of them. */
export function sourceForRole<S extends { parseErrors: readonly unknown[] | null }>(
  role: Role,
  source: S,
): Omit<S, "parseErrors"> & { parseErrors: RejectedLine[] | null } {
  return { ...source, parseErrors: rejectedLinesFor(role, source.parseErrors ?? []) };
}
