/**
 * The server half of RFC 8977 and RFC 8982, pure: given the objects a search matched (RDAP JSON),
 * sort them (`sort=`), page them with offset or keyset cursors (`cursor=`), count them
 * (`count=true`), cut each to a field set (`fieldSet=`), and build the response with
 * sorting_metadata, paging_metadata and subsetting_metadata — or an RFC 9083 §6 error for a bad
 * parameter. Used by the lab RDAP server and by the mocks, so both page the same way.
 */
import { RDAP_MEDIA_TYPE } from "./values";

type Json = Record<string, unknown>;
export type SearchKind = "domains" | "nameservers" | "entities";

const RESULT_MEMBER: Record<SearchKind, string> = {
  domains: "domainSearchResults",
  nameservers: "nameserverSearchResults",
  entities: "entitySearchResults",
};

// RFC 8977 §2.3.1: event dates for every searchable class, then class-specific properties.
const EVENT_SORTS: Record<string, string> = {
  registrationDate: "registration",
  reregistrationDate: "reregistration",
  lastChangedDate: "last changed",
  expirationDate: "expiration",
  deletionDate: "deletion",
  reinstantiationDate: "reinstantiation",
  transferDate: "transfer",
  lockedDate: "locked",
  unlockedDate: "unlocked",
};
const VCARD_SORTS = ["fn", "org", "voice", "email", "country", "cc", "city"] as const;

export const SORT_PROPERTIES: Record<SearchKind, readonly string[]> = {
  domains: ["name", ...Object.keys(EVENT_SORTS)],
  nameservers: ["name", "ipV4", "ipV6", ...Object.keys(EVENT_SORTS)],
  entities: ["handle", ...VCARD_SORTS, ...Object.keys(EVENT_SORTS)],
};

export const FIELD_SETS = ["id", "brief", "full"] as const;
export type FieldSet = (typeof FIELD_SETS)[number];

export interface SearchRequest {
  kind: SearchKind;
  /** Every object the search matched, full (RDAP JSON). */
  matched: Json[];
  /** The request's query parameters (sort, count, cursor, fieldSet). */
  params: URLSearchParams;
  /** Absolute URL of the search without its RFC 8977/8982 parameters, e.g. `…/domains?name=*.example`. */
  searchUrl: string;
  pageSize: number;
  /** How next links encode the position (both kinds are accepted either way). */
  cursorKind?: "offset" | "keyset";
  defaultFieldSet?: FieldSet;
  /** Members every response carries (notices, rdapConformance additions). */
  notices?: Json[];
}

export type ServeResult = { status: number; body: Json };

/** RFC 9083 §6 error body. */
export function errorBody(code: number, title: string, description: string[]): Json {
  return { rdapConformance: ["rdap_level_0"], errorCode: code, title, description };
}

const events = (o: Json): Json[] => (Array.isArray(o.events) ? (o.events as Json[]) : []);

/** The first value of a jCard property, as text. */
function vcard(o: Json, name: string): string | undefined {
  const arr = o.vcardArray;
  if (!Array.isArray(arr) || !Array.isArray(arr[1])) return undefined;
  for (const p of arr[1] as unknown[]) {
    if (!Array.isArray(p) || p[0] !== name) continue;
    const v = p[3];
    if (name === "adr" && Array.isArray(v)) return undefined;
    return Array.isArray(v) ? v.join(" ") : typeof v === "string" ? v : undefined;
  }
  return undefined;
}

function adrPart(o: Json, index: number): string | undefined {
  const arr = o.vcardArray;
  if (!Array.isArray(arr) || !Array.isArray(arr[1])) return undefined;
  for (const p of arr[1] as unknown[]) {
    if (Array.isArray(p) && p[0] === "adr") {
      const cc = (p[1] as Json | undefined)?.cc;
      if (index === -1) return typeof cc === "string" ? cc : undefined;
      const v = p[3];
      return Array.isArray(v) && typeof v[index] === "string" ? (v[index] as string) : undefined;
    }
  }
  return undefined;
}

/** The value an object sorts by; undefined sorts last whatever the direction. */
export function sortValue(kind: SearchKind, o: Json, property: string): string | undefined {
  const action = EVENT_SORTS[property];
  if (action) return events(o).find((e) => e.eventAction === action)?.eventDate as string | undefined;
  const ips = (o.ipAddresses ?? {}) as { v4?: string[]; v6?: string[] };
  switch (property) {
    case "name":
      return ((o.unicodeName ?? o.ldhName) as string | undefined)?.toLowerCase();
    case "ipV4":
      return ips.v4?.[0];
    case "ipV6":
      return ips.v6?.[0];
    case "handle":
      return o.handle as string | undefined;
    case "country":
      return adrPart(o, 6);
    case "city":
      return adrPart(o, 3);
    case "cc":
      return adrPart(o, -1);
    case "voice":
      return vcard(o, "tel");
    default:
      return kind === "entities" ? vcard(o, property) : undefined;
  }
}

/** The unique key that breaks ties (and keyset cursors resume after). */
const identity = (kind: SearchKind, o: Json): string =>
  String(kind === "entities" ? o.handle : (o.ldhName ?? o.handle ?? ""));

interface Key {
  property: string;
  dir: "a" | "d";
}

function parseSortParam(kind: SearchKind, text: string | null): Key[] | string {
  const def: Key[] = [{ property: kind === "entities" ? "handle" : "name", dir: "a" }];
  if (text === null || text === "") return def;
  const keys: Key[] = [];
  for (const part of text.split(",")) {
    const [property = "", dir = "a", extra] = part.split(":");
    if (extra !== undefined || (dir !== "a" && dir !== "d")) return `sort "${part}" is not property[:a|d]`;
    if (!SORT_PROPERTIES[kind].includes(property))
      return `unknown sort property "${property}" for ${kind}; available: ${SORT_PROPERTIES[kind].join(", ")}`;
    keys.push({ property, dir });
  }
  return keys;
}

function compare(kind: SearchKind, keys: Key[], a: Json, b: Json): number {
  for (const k of keys) {
    const x = sortValue(kind, a, k.property);
    const y = sortValue(kind, b, k.property);
    if (x === y) continue;
    if (x === undefined) return 1;
    if (y === undefined) return -1;
    const c = x < y ? -1 : 1;
    return k.dir === "a" ? c : -c;
  }
  const i = identity(kind, a);
  const j = identity(kind, b);
  return i < j ? -1 : i > j ? 1 : 0;
}

type Cursor = { o: number } | { k: string[] };

const encodeCursor = (c: Cursor): string => base64url(JSON.stringify(c));

function decodeCursor(text: string): Cursor | null {
  try {
    const v = JSON.parse(unbase64url(text)) as unknown;
    if (typeof v !== "object" || v === null) return null;
    const o = (v as { o?: unknown }).o;
    const k = (v as { k?: unknown }).k;
    if (typeof o === "number" && Number.isInteger(o) && o >= 0) return { o };
    if (Array.isArray(k) && k.length <= 10 && k.every((s) => typeof s === "string"))
      return { k: k as string[] };
    return null;
  } catch {
    return null;
  }
}

function base64url(s: string): string {
  const bytes = new TextEncoder().encode(s);
  let bin = "";
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function unbase64url(s: string): string {
  if (!/^[A-Za-z0-9_-]{1,1024}$/.test(s)) throw new Error("not base64url");
  const bin = atob(s.replace(/-/g, "+").replace(/_/g, "/"));
  return new TextDecoder("utf-8", { fatal: true }).decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
}

/** Keyset tuple of an object: its sort values (\u0000 for missing) and identity. */
const keyset = (kind: SearchKind, keys: Key[], o: Json): string[] => [
  ...keys.map((k) => sortValue(kind, o, k.property) ?? "\u0000"),
  identity(kind, o),
];

const selfLink = (o: Json): Json[] =>
  Array.isArray(o.links) ? (o.links as Json[]).filter((l) => l.rel === "self") : [];

/** RFC 8982 §4: `id` keeps the key, `brief` adds status and names, `full` is everything. */
export function subset(kind: SearchKind, o: Json, fieldSet: FieldSet): Json {
  if (fieldSet === "full") return o;
  const key =
    kind === "entities"
      ? { objectClassName: o.objectClassName, handle: o.handle }
      : { objectClassName: o.objectClassName, ldhName: o.ldhName };
  const links = selfLink(o);
  if (fieldSet === "id") return { ...key, ...(links.length ? { links } : {}) };
  const brief: Json = { ...key };
  if (o.handle !== undefined) brief.handle = o.handle;
  if (o.unicodeName !== undefined) brief.unicodeName = o.unicodeName;
  if (o.status !== undefined) brief.status = o.status;
  if (kind === "entities") {
    const fn = vcard(o, "fn");
    if (fn !== undefined)
      brief.vcardArray = [
        "vcard",
        [
          ["version", {}, "text", "4.0"],
          ["fn", {}, "text", fn],
        ],
      ];
    if (o.roles !== undefined) brief.roles = o.roles;
  }
  if (links.length) brief.links = links;
  return brief;
}

const link = (rel: string, href: string, value: string): Json => ({
  value,
  rel,
  href,
  type: RDAP_MEDIA_TYPE,
});

/** Answers one search with the RFC 8977/8982 parameters applied, or a 400 naming the bad one. */
export function serveSearch(r: SearchRequest): ServeResult {
  const bad = (why: string): ServeResult => ({ status: 400, body: errorBody(400, "Bad Request", [why]) });
  const keys = parseSortParam(r.kind, r.params.get("sort"));
  if (typeof keys === "string") return bad(keys);
  const fs = r.params.get("fieldSet") ?? r.defaultFieldSet ?? "full";
  if (!(FIELD_SETS as readonly string[]).includes(fs))
    return bad(`unknown field set "${fs}"; available: ${FIELD_SETS.join(", ")}`);
  const countParam = r.params.get("count");
  if (countParam !== null && countParam !== "true" && countParam !== "false")
    return bad(`count must be true or false, not "${countParam}"`);
  const sorted = [...r.matched].sort((a, b) => compare(r.kind, keys, a, b));
  let start = 0;
  const cursorText = r.params.get("cursor");
  if (cursorText !== null) {
    const c = decodeCursor(cursorText);
    if (!c) return bad("cursor is not one this server issued");
    if ("o" in c) start = Math.min(c.o, sorted.length);
    else {
      if (c.k.length !== keys.length + 1) return bad("cursor does not match the sort order");
      // Resume strictly after the last row sent: stable even if rows were added or removed since.
      const after = sorted.findIndex((o) => cmpTuple(keyset(r.kind, keys, o), c.k, keys) > 0);
      start = after === -1 ? sorted.length : after;
    }
  }
  const page = sorted.slice(start, start + r.pageSize);
  const sortText = keys.map((k) => `${k.property}:${k.dir}`).join(",");
  // The URL a page link repeats: the search plus the sort and field set in force.
  const base = new URL(r.searchUrl);
  if (r.params.get("sort")) base.searchParams.set("sort", sortText);
  if (r.params.get("fieldSet")) base.searchParams.set("fieldSet", fs);
  if (countParam === "true") base.searchParams.set("count", "true");
  const self = new URL(base);
  if (cursorText !== null) self.searchParams.set("cursor", cursorText);
  const pagingLinks: Json[] = [];
  const last = page[page.length - 1];
  if (start + r.pageSize < sorted.length && last) {
    const next = new URL(base);
    next.searchParams.set(
      "cursor",
      encodeCursor(r.cursorKind === "keyset" ? { k: keyset(r.kind, keys, last) } : { o: start + r.pageSize }),
    );
    pagingLinks.push(link("next", next.href, self.href));
  }
  const withParam = (name: string, value: string): string => {
    const u = new URL(base);
    u.searchParams.delete("cursor");
    u.searchParams.set(name, value);
    return u.href;
  };
  const body: Json = {
    rdapConformance: ["rdap_level_0", "sorting", "paging", "subsetting"],
    ...(r.notices?.length ? { notices: r.notices } : {}),
    sorting_metadata: {
      currentSort: sortText,
      availableSorts: SORT_PROPERTIES[r.kind].map((p) => ({
        property: p,
        default: p === (r.kind === "entities" ? "handle" : "name"),
        links: [link("alternate", withParam("sort", p), self.href)],
      })),
    },
    paging_metadata: {
      ...(countParam === "true" ? { totalCount: sorted.length } : {}),
      pageSize: r.pageSize,
      pageNumber: Math.floor(start / r.pageSize) + 1,
      links: pagingLinks,
    },
    subsetting_metadata: {
      currentFieldSet: fs,
      availableFieldSets: FIELD_SETS.map((name) => ({
        name,
        default: name === (r.defaultFieldSet ?? "full"),
        description: FIELD_SET_TEXT[name],
        links: [link("alternate", withParam("fieldSet", name), self.href)],
      })),
    },
    [RESULT_MEMBER[r.kind]]: page.map((o) => subset(r.kind, o, fs as FieldSet)),
  };
  return { status: 200, body };
}

const FIELD_SET_TEXT: Record<FieldSet, string> = {
  id: "only the key of each object",
  brief: "key, names, status and links",
  full: "every member",
};

/** Compares a row's keyset tuple with a cursor's, honouring each key's direction. */
function cmpTuple(row: string[], cursor: string[], keys: Key[]): number {
  for (let i = 0; i < row.length; i++) {
    const a = row[i] as string;
    const b = cursor[i] as string;
    if (a === b) continue;
    // Missing values ("\u0000") sort last in both directions, as in compare().
    if (i < keys.length && (a === "\u0000" || b === "\u0000")) return a === "\u0000" ? 1 : -1;
    const c = a < b ? -1 : 1;
    return i < keys.length && keys[i]?.dir === "d" ? -c : c;
  }
  return 0;
}

/** RFC 9082 §4.1 partial match: `*` matches any run of characters; case-insensitive. */
export function matchesPattern(pattern: string, value: string): boolean {
  const re = new RegExp(
    `^${pattern
      .toLowerCase()
      .split("*")
      .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
      .join(".*")}$`,
  );
  return re.test(value.toLowerCase());
}
