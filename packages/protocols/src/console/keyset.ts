/**
 * Keyset paging, shared by the server's paginators and the mock API: a page is read with one row
 * more than its limit (`take: limit + 1`), and the extra row only says whether a next page exists.
 * The cursor is the last row's key, so a deep page costs the same as the first.
 */

/** How many rows to read for a page of `limit`: one more, to learn whether a next page exists. */
export function takeFor(limit: number): number {
  return limit + 1;
}

/** Cuts rows read with `takeFor(limit)` to the page and names the cursor of the next page (or null). */
export function keysetPage<T, C>(
  rows: readonly T[],
  limit: number,
  cursorOf: (row: T) => C,
): { items: T[]; nextCursor: C | null } {
  const more = rows.length > limit;
  const items = more ? rows.slice(0, limit) : [...rows];
  const last = items[items.length - 1];
  return { items, nextCursor: more && last !== undefined ? cursorOf(last) : null };
}

/**
 * The in-memory form (mock API, small lists): `sorted` is in page order; `after(row)` says whether
 * a row comes after the cursor (pass null for the first page).
 */
export function pageOfSorted<T, C>(
  sorted: readonly T[],
  limit: number,
  after: ((row: T) => boolean) | null,
  cursorOf: (row: T) => C,
): { items: T[]; nextCursor: C | null } {
  const out: T[] = [];
  for (const row of sorted) {
    if (after && !after(row)) continue;
    out.push(row);
    if (out.length === takeFor(limit)) break;
  }
  return keysetPage(out, limit, cursorOf);
}

/** A cursor of a sort key and a row id, e.g. a lease's "v4:c0000201.17" (address key, then id). */
export interface KeyIdCursor {
  key: string;
  id: number;
}

export function encodeKeyIdCursor(c: KeyIdCursor): string {
  return `${c.key}.${c.id}`;
}

/** Splits at the last dot (keys may hold dots); null when the text is no such cursor. */
export function decodeKeyIdCursor(text: string): KeyIdCursor | null {
  const dot = text.lastIndexOf(".");
  if (dot <= 0) return null;
  const id = Number(text.slice(dot + 1));
  if (!Number.isSafeInteger(id) || id < 0 || !/^[0-9]+$/.test(text.slice(dot + 1))) return null;
  return { key: text.slice(0, dot), id };
}

/** True when (key, id) sorts after the cursor: the SQL `(key, id) > (?, ?)` in memory. */
export function afterKeyId(c: KeyIdCursor, key: string, id: number): boolean {
  return key > c.key || (key === c.key && id > c.id);
}
