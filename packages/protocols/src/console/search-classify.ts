/// <reference path="./punycode.d.ts" />
/**
 * What a pasted search query is (an address, prefix, MAC in any notation, name, AS number,
 * handle or text) and how hits rank. Pure and bounded: the input is cut at SEARCH_INPUT_MAX
 * before anything else runs, only anchored regular expressions without nested quantifiers
 * are used, and anything over SEARCH_QUERY_MAX characters is answered "invalid" unsearched.
 */
import punycode from "punycode/punycode.js";
import { formatIPv6, parseIPv4, parseIPv6 } from "../net/ip";
import { parsePrefix } from "../rdap/ip";
import type {
  ClassifiedQuery,
  EntityRef,
  Interpretation,
  MatchRank,
  QueryKind,
  SearchGroup,
  SearchHit,
  SearchSubsystem,
} from "./search";
import {
  MATCH_RANKS,
  SEARCH_INPUT_MAX,
  SEARCH_QUERY_MAX,
  SEARCH_SUBSYSTEMS,
  SEARCH_SUBSYSTEM_LABELS,
} from "./search";

const AS_MAX = 4294967295;

function unsearchable(kind: "empty" | "invalid", q: string, reason?: string): ClassifiedQuery {
  return { q, kind, ...(reason ? { reason } : {}), entity: null, interpretations: [] };
}

function hex4(c: number): string {
  return c.toString(16).toUpperCase().padStart(4, "0");
}

/** The first character that makes text unsearchable: a lone surrogate or a control character. */
function badCharacter(s: string): string | null {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
      return `a lone surrogate U+${hex4(c)} at character ${i + 1} (not Unicode text)`;
    }
    if (c >= 0xdc00 && c <= 0xdfff)
      return `a lone surrogate U+${hex4(c)} at character ${i + 1} (not Unicode text)`;
    // Tab, line feed and carriage return are white space (a pasted cell or line); others are refused.
    if (c === 9 || c === 10 || c === 13) continue;
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) return `control character U+${hex4(c)} at character ${i + 1}`;
  }
  return null;
}

/** Canonical MAC text (`00:1a:2b:3c:4d:5e`) from colon, dash, Cisco-dot or bare hex notation; null if not one. */
export function parseMac(input: string): string | null {
  const s = input.trim().toLowerCase();
  let hex: string | null = null;
  if (/^[0-9a-f]{12}$/.test(s)) hex = s;
  else if (/^[0-9a-f]{4}\.[0-9a-f]{4}\.[0-9a-f]{4}$/.test(s)) hex = s.replaceAll(".", "");
  else if (/^[0-9a-f]{1,2}([:-])[0-9a-f]{1,2}(?:\1[0-9a-f]{1,2}){4}$/.test(s))
    hex = s
      .split(/[:-]/)
      .map((g) => g.padStart(2, "0"))
      .join("");
  return hex ? macHexToText(hex) : null;
}

/** `001a2b` → `00:1a:2b`; an odd last digit stays alone (`001a2` → `00:1a:2`), as a prefix of the colon form. */
export function macHexToText(hex: string): string {
  const parts: string[] = [];
  for (let i = 0; i < hex.length; i += 2) parts.push(hex.slice(i, i + 2));
  return parts.join(":");
}

/**
 * The bare hex start of a MAC typed partially in any notation (`00:1a:2b`, `00-1A-2B-`,
 * `001a.2b`, `001a2b`), 2 to 11 digits; null if the text is not one. Bare hex needs 6 digits
 * and a letter, so that short words (`cafe`, `bad`) stay text and numbers stay numbers.
 */
export function parseMacPrefix(input: string): string | null {
  const s = input.trim().toLowerCase();
  let hex: string | null = null;
  // Bare hex needs a letter too: a run of digits is a number (an id, a serial) first.
  if (/^[0-9a-f]{6,11}$/.test(s) && /[a-f]/.test(s)) hex = s;
  else if (/^[0-9a-f]{2}(?:[:-][0-9a-f]{2}){0,4}[:-][0-9a-f]{0,2}$/.test(s)) {
    const sep = s.includes(":") ? ":" : "-";
    if (s.includes(sep === ":" ? "-" : ":")) return null;
    hex = s.split(sep).join("");
  } else if (/^[0-9a-f]{4}(?:\.[0-9a-f]{4})?\.[0-9a-f]{0,4}$/.test(s)) hex = s.replaceAll(".", "");
  if (!hex || hex.length < 2 || hex.length > 11) return null;
  return hex;
}

/** A host or domain name in A-label form (lower case, no trailing dot), via the WHATWG URL parser's IDNA; null if not a name. */
export function toAsciiName(input: string): string | null {
  const n = input.endsWith(".") ? input.slice(0, -1) : input;
  if (!n || n.length > 253 || /[\s/\\?#@:[\]%]/.test(n)) return null;
  try {
    const host = new URL(`http://${n}/`).hostname;
    if (!host || host.includes("[") || host.length > 253) return null;
    const labels = host.split(".");
    if (
      !labels.every((l) => l.length > 0 && l.length <= 63 && /^[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?$/.test(l))
    )
      return null;
    // An all-numeric last label is an IPv4 shorthand the URL parser rewrote, not a name.
    if (/^[0-9]+$/.test(labels[labels.length - 1] ?? "")) return null;
    return host;
  } catch {
    return null;
  }
}

/** The U-label form of an A-label name (`xn--fo-5ja.example` → `fóo.example`); the input if not decodable. */
export function toUnicodeName(ascii: string): string {
  try {
    return punycode.toUnicode(ascii);
  } catch {
    return ascii;
  }
}

/** Canonical text of an address (RFC 5952 for IPv6); null if not an address. */
export function canonicalIp(input: string): string | null {
  let s = input.trim();
  if (s.startsWith("[") && s.endsWith("]")) s = s.slice(1, -1);
  if (parseIPv4(s) >= 0) return s;
  const g = parseIPv6(s);
  return g ? formatIPv6(g) : null;
}

/** Canonical text of a prefix (host bits cleared: `198.18.0.1/15` → `198.18.0.0/15`), or a reason. */
export function canonicalPrefix(input: string): { ok: true; value: string } | { ok: false; reason: string } {
  const s = input.trim().toLowerCase();
  const slash = s.indexOf("/");
  if (slash < 0) return { ok: false, reason: `"${s}" has no prefix length` };
  const addr = canonicalIp(s.slice(0, slash));
  if (!addr) return { ok: false, reason: `"${s.slice(0, slash)}" is not an IP address` };
  const lenText = s.slice(slash + 1);
  const max = addr.includes(":") ? 128 : 32;
  if (!/^[0-9]{1,3}$/.test(lenText) || Number(lenText) > max)
    return { ok: false, reason: `prefix length "${lenText}" is not 0 to ${max}` };
  const p = parsePrefix(`${addr}/${Number(lenText)}`);
  if (!p) return { ok: false, reason: `"${s}" is not an IP prefix` };
  return { ok: true, value: `${networkText(p.version, p.network)}/${p.length}` };
}

function networkText(version: 4 | 6, n: bigint): string {
  if (version === 4) return [24n, 16n, 8n, 0n].map((sh) => String((n >> sh) & 255n)).join(".");
  const groups: number[] = [];
  for (let i = 7; i >= 0; i--) groups.push(Number((n >> BigInt(i * 16)) & 0xffffn));
  return formatIPv6(groups);
}

/** Reads a query: trims, refuses what cannot be text, then lists every way it can be searched. */
export function classifyQuery(input: string): ClassifiedQuery {
  if (typeof input !== "string") return unsearchable("invalid", "", "the query is not text");
  if (input.length > SEARCH_INPUT_MAX)
    return unsearchable("invalid", "", `a search query is at most ${SEARCH_INPUT_MAX} characters`);
  const trimmed = input.trim();
  if (!trimmed) return unsearchable("empty", "");
  const bad = badCharacter(trimmed);
  if (bad) return unsearchable("invalid", "", `the query contains ${bad}`);
  if (trimmed.length > SEARCH_QUERY_MAX)
    return unsearchable(
      "invalid",
      "",
      `a search is at most ${SEARCH_QUERY_MAX} characters; this query has ${trimmed.length}`,
    );
  const q = trimmed.replace(/\s+/g, " ");
  const readings: Interpretation[] = [];
  let entity: EntityRef | null = null;
  const add = (kind: QueryKind, value: string, display?: string) => {
    if (!readings.some((r) => r.kind === kind && r.value === value))
      readings.push({ kind, value, ...(display !== undefined && display !== value ? { display } : {}) });
  };
  const lower = q.toLowerCase();
  const token = !q.includes(" ");

  const as = /^as ?([0-9]{1,10})$/i.exec(q) ?? /^([0-9]{1,10})$/.exec(q);
  if (as?.[1]) {
    const n = Number(as[1]);
    if (n > AS_MAX) {
      if (/^as/i.test(q))
        return unsearchable("invalid", q, `AS${as[1]} is larger than the largest AS number (${AS_MAX})`);
    } else {
      add("as", String(n), `AS${n}`);
      entity = { type: "as", value: String(n) };
    }
  }

  if (token && /^[0-9a-f:.[\]]+\/[0-9]*$/i.test(q)) {
    const p = canonicalPrefix(q.replace(/^\[|\](?=\/)/g, ""));
    if (!p.ok) return unsearchable("invalid", q, p.reason);
    add("prefix", p.value);
    entity = { type: "prefix", value: p.value };
  }

  const ip = token ? canonicalIp(q) : null;
  if (ip) {
    add(ip.includes(":") ? "ipv6" : "ipv4", ip);
    entity = { type: "ip", value: ip };
  }

  const mac = token && !ip ? parseMac(q) : null;
  if (mac) {
    add("mac", mac);
    entity ??= { type: "mac", value: mac };
  }

  if (token && !ip && !mac && readings.every((r) => r.kind !== "prefix")) {
    // The start of an address: dotted decimal with at least one dot, or hex groups with a colon.
    if (
      /^[0-9]{1,3}(?:\.[0-9]{1,3}){0,2}\.(?:[0-9]{1,3})?$/.test(q) &&
      q.split(".").every((o) => o === "" || Number(o) <= 255)
    )
      add("ip-partial", q);
    const macPart = parseMacPrefix(q);
    if (macPart) add("mac-partial", macPart, macHexToText(macPart));
    if (!macPart && /^[0-9a-f]{0,4}(?::{1,2}[0-9a-f]{0,4}){1,7}$/i.test(q) && /[0-9a-f]/i.test(q))
      add("ip-partial", lower);
  }

  if (token && !ip && !/^[0-9.]+$/.test(q)) {
    const ascii = toAsciiName(q);
    // A dotted name, or one label in U-label or A-label form (an IDN typed without its parent).
    if (ascii && (ascii.includes(".") || ascii.startsWith("xn--") || /[^ -~]/.test(q))) {
      add("name", ascii, toUnicodeName(ascii));
      if (ascii.includes(".") && !readings.some((r) => r.kind === "mac-partial"))
        entity ??= { type: "name", value: ascii };
    }
  }

  const addressLike = readings.some((r) => ["name", "mac", "ip-partial", "prefix"].includes(r.kind));
  if (token && /^[A-Za-z0-9][A-Za-z0-9_.:-]*$/.test(q) && !ip && !addressLike) add("handle", q);
  add("text", lower);

  const first = readings[0];
  return { q, kind: first ? first.kind : "text", entity, interpretations: readings };
}

const RANK_ORDER: Record<MatchRank, number> = { exact: 0, prefix: 1, contains: 2 };

/** How `candidate` matches `needle`, case-insensitively: exact, prefix, contains, or not at all. */
export function rankMatch(candidate: string | null | undefined, needle: string): MatchRank | null {
  if (!candidate || !needle) return null;
  const c = candidate.toLowerCase();
  const n = needle.toLowerCase();
  if (c === n) return "exact";
  if (c.startsWith(n)) return "prefix";
  return c.includes(n) ? "contains" : null;
}

/** The better of two ranks (null = no match). */
export function bestRank(a: MatchRank | null, b: MatchRank | null): MatchRank | null {
  if (!a) return b;
  if (!b) return a;
  return RANK_ORDER[a] <= RANK_ORDER[b] ? a : b;
}

/** Exact before prefix before contains; then shorter labels (closer matches), then by label. */
export function compareHits(a: SearchHit, b: SearchHit): number {
  return (
    RANK_ORDER[a.rank] - RANK_ORDER[b.rank] ||
    a.label.length - b.label.length ||
    (a.label < b.label ? -1 : a.label > b.label ? 1 : 0)
  );
}

/**
 * Every provider's hits → groups: one per subsystem, duplicates (same subsystem, kind, key)
 * kept at their best rank, `limit` hits each, groups ordered by their best hit, then by
 * subsystem order. `errors` adds a group for a subsystem that failed.
 */
export function groupHits(
  hits: readonly SearchHit[],
  limit: number,
  errors: Partial<Record<SearchSubsystem, string>> = {},
): SearchGroup[] {
  const byKey = new Map<string, SearchHit>();
  for (const h of hits) {
    const k = `${h.subsystem}\u0000${h.kind}\u0000${h.key}`;
    const prev = byKey.get(k);
    if (!prev || RANK_ORDER[h.rank] < RANK_ORDER[prev.rank]) byKey.set(k, h);
  }
  const groups: SearchGroup[] = [];
  for (const subsystem of SEARCH_SUBSYSTEMS) {
    const mine = [...byKey.values()].filter((h) => h.subsystem === subsystem).sort(compareHits);
    const error = errors[subsystem];
    if (mine.length === 0 && !error) continue;
    groups.push({
      subsystem,
      label: SEARCH_SUBSYSTEM_LABELS[subsystem],
      hits: mine.slice(0, limit),
      ...(mine.length > limit ? { more: true } : {}),
      ...(error ? { error } : {}),
    });
  }
  const best = (g: SearchGroup) => (g.hits[0] ? RANK_ORDER[g.hits[0].rank] : MATCH_RANKS.length);
  // Array.prototype.sort is stable: ties keep subsystem order.
  return groups.sort((a, b) => best(a) - best(b));
}
