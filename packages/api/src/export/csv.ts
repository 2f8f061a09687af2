/** CSV lines (RFC 4180, CRLF) for the list exports, safe to open in a spreadsheet. */

/** One field: null/undefined empty, objects and arrays as JSON, quoted when needed. */
export function csvField(v: unknown): string {
  if (v === null || v === undefined) return "";
  let s = v instanceof Date ? v.toISOString() : typeof v === "object" ? JSON.stringify(v) : String(v);
  // Text from outside (alert summaries, EPP names, shutdown messages) starting with = + - @ would be
  // a formula in a spreadsheet (CSV injection): a leading apostrophe, as OWASP suggests. Numbers
  // (a negative count) are left as they are.
  if (typeof v !== "number" && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(values: readonly unknown[]): string {
  return `${values.map(csvField).join(",")}\r\n`;
}
