// Ticket references inside shutdown communications, e.g. "[REF056255]", "#56554", "CHG0012345".

export interface TicketRef {
  /** The reference without decoration ("REF056255", "56554", "CHG0012345"). */
  ref: string;
  /** The matched text as it appears ("[REF056255]", "#56554"). */
  match: string;
  index: number;
}

/**
 * Default: a bracketed upper-case id with digits ([REF056255], [TICKET-1-1438367390]), "#" followed by
 * 4+ digits (shorter ones are usually "window #7", not tickets), or ServiceNow-style CHG + 7 digits.
 * The reference is the first capture group that matched, else the whole match.
 */
export const DEFAULT_TICKET_PATTERN =
  /\[([A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*[0-9])\]|(?<![\w&#])#([0-9]{4,})\b|\b(CHG[0-9]{7})\b/g;

function globalCopy(pattern: RegExp | string): RegExp {
  if (typeof pattern === "string") return new RegExp(pattern, "g");
  return new RegExp(pattern.source, pattern.flags.includes("g") ? pattern.flags : `${pattern.flags}g`);
}

/** All ticket references in order; duplicates (same ref) are kept once. A bad pattern string throws SyntaxError. */
export function extractTickets(text: string, pattern: RegExp | string = DEFAULT_TICKET_PATTERN): TicketRef[] {
  const re = globalCopy(pattern);
  const out: TicketRef[] = [];
  const seen = new Set<string>();
  for (const m of text.matchAll(re)) {
    if (m[0] === "") continue;
    const ref = m.slice(1).find((g) => g !== undefined) ?? m[0];
    if (seen.has(ref)) continue;
    seen.add(ref);
    out.push({ ref, match: m[0], index: m.index ?? 0 });
  }
  return out;
}

/**
 * Fills `{ref}` (URL-encoded) in a template, e.g. "https://tickets.example.net/browse/{ref}".
 * `{raw}` inserts the reference unencoded, for templates that need it verbatim.
 */
export function ticketUrl(template: string, ref: string): string {
  return template.replaceAll("{ref}", encodeURIComponent(ref)).replaceAll("{raw}", ref);
}
