/**
 * What the search providers share to compare and classify text. (There is no "recent window" any
 * more: partial text is found through the trigram indexes over every row, contains.ts, and entity
 * pages read their rows by index over the whole table.)
 */

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
