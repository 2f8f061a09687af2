/**
 * The entity a timeline event names, from the text the console stored with it (an alert's label
 * values, an audit entry's target), so every event on the timeline links to its entity page.
 */
import { classifyQuery, type EntityRef } from "@netops/protocols";
import { nameKey } from "./recent";

/**
 * An address, prefix, MAC or name in `value`; an AS number only when written as one (`AS64496`)
 * or under a key that says so, since bare numbers are counts and ids far more often.
 */
export function entityOfText(value: string, key = ""): EntityRef | null {
  if (!value || value.length > 300) return null;
  const e = classifyQuery(nameKey(value.trim())).entity;
  if (!e) return null;
  if (e.type === "as" && !/^as/i.test(value.trim()) && !/^(as|asn|peer-?as)$/i.test(key)) return null;
  return e;
}

/** The first label value that names an entity (labels are written most specific last, so all are tried). */
export function entityOfLabels(labels: Record<string, unknown>): EntityRef | null {
  for (const [k, v] of Object.entries(labels)) {
    const e = typeof v === "string" || typeof v === "number" ? entityOfText(String(v), k) : null;
    if (e) return e;
  }
  return null;
}

/** `{ entity }` to spread into an event, or nothing. */
export function withEntity(e: EntityRef | null): { entity?: EntityRef } {
  return e ? { entity: e } : {};
}
