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
