/**
 * Free-text matching (LIKE '%…%') cannot use an index, so it only ever reads the newest rows of a
 * table: at most RECENT_WINDOW of them, found by id range on the primary key. Searching text is
 * then bounded work whatever the table's size; older rows are still found by their identifiers.
 */
export const RECENT_WINDOW = 20_000;

/** Shortest free text searched inside other text (one character would match nearly everything). */
export const MIN_CONTAINS = 3;

/** The lowest id in the recent window of a table whose newest id is `maxId`. */
export function recentFloor(maxId: number | null | undefined): number {
  return Math.max(0, (maxId ?? 0) - RECENT_WINDOW);
}

/** Lower-case, trailing dot removed: how names are compared across subsystems. */
export function nameKey(s: string): string {
  const l = s.toLowerCase();
  return l.endsWith(".") ? l.slice(0, -1) : l;
}

/**
 * Prisma's `contains` is LIKE '%…%' without an ESCAPE clause, so `%` and `_` in the text would be
 * wildcards. The SQL gets the longest run of the text free of them (null: nothing literal to look
 * for), and callers keep only rows that contain the whole text literally.
 */
export function likeSafeNeedle(text: string): string | null {
  const runs = text.split(/[%_\\]/).filter((r) => r.length > 0);
  if (!runs.length) return null;
  return runs.reduce((a, b) => (b.length > a.length ? b : a));
}

/** `haystack` contains `needle` literally, ignoring case as SQLite's LIKE does for ASCII. */
export function containsLiterally(haystack: string | null | undefined, needle: string): boolean {
  return haystack ? haystack.toLowerCase().includes(needle.toLowerCase()) : false;
}
