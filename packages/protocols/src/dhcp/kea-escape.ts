/** Kea's escaping of the text columns (hostname, user_context): `&#xHH` for `,` and `&`. */

function hexv(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

/**
 * Reverses Kea's CSVRow::escapeCharacters: `&#x` + two hex digits is one octet (Kea only escapes
 * ASCII `,` and `&`, so octets map straight to UTF-16 code units); `&#x` without two hex digits
 * after it is literal text.
 */
export function keaUnescape(s: string): string {
  let at = s.indexOf("&#x");
  if (at === -1) return s;
  let out = "";
  let from = 0;
  while (at !== -1) {
    const h = at + 3 < s.length ? hexv(s.charCodeAt(at + 3)) : -1;
    const l = at + 4 < s.length ? hexv(s.charCodeAt(at + 4)) : -1;
    if (h < 0 || l < 0) {
      at = s.indexOf("&#x", at + 3);
      continue;
    }
    out += s.slice(from, at) + String.fromCharCode(h * 16 + l);
    from = at + 5;
    at = s.indexOf("&#x", from);
  }
  return out + s.slice(from);
}

/** Kea's escapeCharacters for the text columns (for writers and round-trip tests). */
export function keaEscape(s: string): string {
  return s.replace(/[&,]/g, (c) => (c === "," ? "&#x2c" : "&#x26"));
}

/** JSON object of a non-empty user_context, or null when it is not one (the general path reports it). */
export function contextObject(escaped: string): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(keaUnescape(escaped));
    return typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
