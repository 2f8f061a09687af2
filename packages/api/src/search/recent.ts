/**
 * The recent id window: the newest RECENT_WINDOW rows of a table, found by id range on the
 * primary key (the audit entity page still reads its entries in it). Text inside other text is
 * found through the trigram indexes over every row instead (contains.ts).
 */
export const RECENT_WINDOW = 20_000;

/** The lowest id in the recent window of a table whose newest id is `maxId`. */
export function recentFloor(maxId: number | null | undefined): number {
  return Math.max(0, (maxId ?? 0) - RECENT_WINDOW);
}

/** Lower-case, trailing dot removed: how names are compared across subsystems. */
export function nameKey(s: string): string {
  const l = s.toLowerCase();
  return l.endsWith(".") ? l.slice(0, -1) : l;
}

/** `haystack` contains `needle` literally, ignoring case as SQLite's LIKE does for ASCII. */
export function containsLiterally(haystack: string | null | undefined, needle: string): boolean {
  return haystack ? haystack.toLowerCase().includes(needle.toLowerCase()) : false;
}

/** Readings that say what the text is: an address, a prefix, the start of one, a MAC. */
const ADDRESS_KINDS = new Set(["ipv4", "ipv6", "prefix", "ip-partial", "mac", "mac-partial"]);

/**
 * The readings a provider needs to look up by index: a text reading that repeats a name or
 * handle reading (`ns1` is both) is dropped, so the same index range is not read twice, and so
 * is the text reading of an address or MAC (`192.0.2.53`, `00:1a`): no host name, zone owner or
 * peer name is written so, and each lookup costs a statement. Free text (alerts, audit, messages)
 * reads the text reading itself, not through this.
 */
export function distinctReadings<R extends { kind: string; value: string }>(readings: readonly R[]): R[] {
  if (readings.some((r) => ADDRESS_KINDS.has(r.kind))) return readings.filter((r) => r.kind !== "text");
  const seen = new Set(
    readings.filter((r) => r.kind === "name" || r.kind === "handle").map((r) => r.value.toLowerCase()),
  );
  return readings.filter((r) => r.kind !== "text" || !seen.has(r.value.toLowerCase()));
}

const floors = new WeakMap<object, Map<string, { at: number; floor: number }>>();
/** How long a table's recent-window floor is reused (it moves by a few rows a second at most). */
const FLOOR_TTL_MS = 5_000;

/** The recent-window floor of a table, read at most every FLOOR_TTL_MS per database. */
export async function cachedFloor(
  db: object,
  table: string,
  read: () => Promise<number | null | undefined>,
): Promise<number> {
  let m = floors.get(db);
  if (!m) {
    m = new Map();
    floors.set(db, m);
  }
  const hit = m.get(table);
  const t = Date.now();
  if (hit && t - hit.at < FLOOR_TTL_MS) return hit.floor;
  const floor = recentFloor(await read());
  m.set(table, { at: t, floor });
  return floor;
}
