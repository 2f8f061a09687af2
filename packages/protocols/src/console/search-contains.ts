/**
 * Partial ("contains") matching: which text may be looked for inside other text. Both engines
 * answer it from a trigram index (SQLite FTS5 `trigram`, PostgreSQL `pg_trgm`), which needs three
 * characters; pg_trgm takes its trigrams from runs of letters and digits only (its index is on the
 * text with the separators of addresses and names, `. : - /`, turned into letters), so a text
 * without such a run (`%%%`, `" OR "`) would make its index read every entry. Such text is
 * matched as exact and prefix only, and the answer says why (searchResult.hint).
 */
import type { ClassifiedQuery } from "./search";

/** Shortest text looked for inside other text (one trigram). */
export const MIN_CONTAINS = 3;

/**
 * Characters of the text the index is asked for: rows holding a longer text hold this part of
 * it, and are then checked against the whole text. Bounds the index work for any input (10 KB).
 */
export const CONTAINS_PROBE_MAX = 64;

/**
 * The separators of addresses, MACs and names, which PostgreSQL's trigram index sees as the letter
 * `q` (`translate(col, '.:-/', 'qqqq')`), so `10.0.0.1` or `00:1a:2b` is one word to pg_trgm.
 */
export const TRIGRAM_SEPARATORS = ".:-/";

/**
 * Three ASCII letters, digits or separators in a row: a trigram pg_trgm extracts in any locale
 * (the C one included).
 */
const WORD3 = /[A-Za-z0-9.:/-]{3}/;

/**
 * The part of `text` a trigram index is asked for (`text` itself up to CONTAINS_PROBE_MAX code
 * points, else the CONTAINS_PROBE_MAX from its first run of 3 of them), or null when
 * the text cannot be looked for inside other text.
 */
export function containsProbe(text: string): string | null {
  const chars = Array.from(text);
  if (chars.length < MIN_CONTAINS) return null;
  const word = WORD3.exec(text);
  if (!word) return null;
  if (chars.length <= CONTAINS_PROBE_MAX) return text;
  // Whole code points only: half a surrogate pair would not match the stored text.
  const start = Array.from(text.slice(0, word.index)).length;
  return chars.slice(start, start + CONTAINS_PROBE_MAX).join("");
}

/** Why a query gets no partial matches, or undefined when it gets them (or has no free text). */
export function partialMatchHint(c: Pick<ClassifiedQuery, "interpretations">): string | undefined {
  const text = c.interpretations.find((r) => r.kind === "text")?.value;
  if (!text?.trim() || containsProbe(text)) return undefined;
  return Array.from(text).length < MIN_CONTAINS
    ? `Partial matches need at least ${MIN_CONTAINS} characters: showing exact and prefix matches only.`
    : `Partial matches need ${MIN_CONTAINS} letters, digits or ${TRIGRAM_SEPARATORS.split("").join(" ")} in a row: showing exact and prefix matches only.`;
}
