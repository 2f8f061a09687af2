/**
 * Entity refs (an address, prefix, MAC, name or AS number): canonical form, display text, the
 * stable page URL (`/ip/192.0.2.53`, `/prefix/198.18.0.0/15`, `/mac/00:1a:2b:3c:4d:5e`,
 * `/name/ns1.example`, `/as/64496`) and back; plus the timeline's cursor and merge order.
 */
import { parseIp, parsePrefix } from "../rdap/ip";
import type { EntityRef, EntityType, TimelineEvent } from "./search";
import { canonicalIp, canonicalPrefix, parseMac, toAsciiName, toUnicodeName } from "./search-classify";

export type CanonicalEntity =
  | { ok: true; entity: EntityRef; display: string }
  | { ok: false; reason: string };

/** Any notation of an entity → its canonical ref and how to show it, or a reason. */
export function canonicalEntity(ref: { type: EntityType; value: string }): CanonicalEntity {
  const v = ref.value.trim();
  if (!v || v.length > 300)
    return { ok: false, reason: `a ${ref.type} entity needs a value of 1 to 300 characters` };
  switch (ref.type) {
    case "ip": {
      const ip = canonicalIp(v);
      return ip
        ? { ok: true, entity: { type: "ip", value: ip }, display: ip }
        : { ok: false, reason: `"${v}" is not an IP address` };
    }
    case "prefix": {
      const p = canonicalPrefix(v);
      return p.ok ? { ok: true, entity: { type: "prefix", value: p.value }, display: p.value } : p;
    }
    case "mac": {
      const m = parseMac(v);
      return m
        ? { ok: true, entity: { type: "mac", value: m }, display: m }
        : {
            ok: false,
            reason: `"${v}" is not a MAC address (00:1a:2b:3c:4d:5e, 001a.2b3c.4d5e, 001a2b3c4d5e or 00-1A-2B-3C-4D-5E)`,
          };
    }
    case "name": {
      const n = toAsciiName(v);
      return n
        ? { ok: true, entity: { type: "name", value: n }, display: toUnicodeName(n) }
        : { ok: false, reason: `"${v}" is not a host or domain name` };
    }
    case "as": {
      const m = /^(?:as)?([0-9]{1,10})$/i.exec(v);
      const n = m?.[1] ? Number(m[1]) : Number.NaN;
      return Number.isInteger(n) && n <= 4294967295
        ? { ok: true, entity: { type: "as", value: String(n) }, display: `AS${n}` }
        : { ok: false, reason: `"${v}" is not an AS number (0 to 4294967295)` };
    }
  }
}

/** The entity page's path. Canonical values are URL-safe as they are (digits, a-z, `.`, `:`, `/`, `-`, `_`). */
export function entityUrl(ref: EntityRef): string {
  return `/${ref.type}/${ref.value}`;
}

/** An entity page path (`/ip/…`, `/prefix/…/len`, `/mac/…`, `/name/…`, `/as/…`) → canonical ref; null if not one. */
export function entityFromPath(pathname: string): EntityRef | null {
  const m = /^\/(ip|prefix|mac|name|as)\/(.+)$/.exec(pathname);
  if (!m?.[1] || !m[2]) return null;
  let value: string;
  try {
    value = decodeURIComponent(m[2]);
  } catch {
    return null;
  }
  const c = canonicalEntity({ type: m[1] as EntityType, value });
  return c.ok ? c.entity : null;
}

/** An address or prefix (`value`) lies within `prefix`; false when either is not one. */
export function prefixContains(prefix: string, value: string): boolean {
  const p = parsePrefix(prefix);
  if (!p) return false;
  const inner = value.includes("/") ? parsePrefix(value) : null;
  const a = inner ? { version: inner.version, value: inner.network } : parseIp(value);
  if (!a || a.version !== p.version) return false;
  if (inner && inner.length < p.length) return false;
  const bits = p.version === 4 ? 32 : 128;
  const shift = BigInt(bits - p.length);
  return a.value >> shift === p.network >> shift;
}

// ── Timeline order and cursor ────────────────────────────────────────────────────────────────

/** Newest first; ties by id, descending, so pages never repeat or skip an event. */
export function compareTimeline(
  a: Pick<TimelineEvent, "at" | "id">,
  b: Pick<TimelineEvent, "at" | "id">,
): number {
  const ta = Date.parse(a.at);
  const tb = Date.parse(b.at);
  if (ta !== tb) return tb - ta;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

export interface TimelinePosition {
  /** Epoch milliseconds. */
  at: number;
  id: string;
}

/** The last event of a page → the next page's cursor. */
export function encodeTimelineCursor(last: Pick<TimelineEvent, "at" | "id">): string {
  return `${Date.parse(last.at)}~${last.id}`;
}

/** A cursor → the position after which the next page starts; null if it is not one of ours. */
export function decodeTimelineCursor(cursor: string): TimelinePosition | null {
  const m = /^([0-9]{1,15})~([a-z-]+:[A-Za-z0-9:._-]{1,80})$/.exec(cursor);
  if (!m?.[1] || !m[2]) return null;
  return { at: Number(m[1]), id: m[2] };
}

/** The event comes after the cursor position in timeline order (older, or as old with a smaller id). */
export function isAfterCursor(e: Pick<TimelineEvent, "at" | "id">, pos: TimelinePosition | null): boolean {
  if (!pos) return true;
  const t = Date.parse(e.at);
  return t < pos.at || (t === pos.at && e.id < pos.id);
}

/** Every source's events (each already filtered) → one page in timeline order, and the next cursor. */
export function mergeTimeline(
  lists: readonly (readonly TimelineEvent[])[],
  limit: number,
  after: TimelinePosition | null,
): { events: TimelineEvent[]; nextCursor: string | null } {
  const all = lists.flat().filter((e) => isAfterCursor(e, after));
  all.sort(compareTimeline);
  const events = all.slice(0, limit);
  const last = events[events.length - 1];
  return { events, nextCursor: all.length > limit && last ? encodeTimelineCursor(last) : null };
}
