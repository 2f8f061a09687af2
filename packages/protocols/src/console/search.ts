/**
 * Global search, entity pages and the one timeline: the API's shapes, shared by the server
 * (validation), the web app (types) and the mocks. The pure functions they all run are in
 * search-classify.ts (what a query is, ranking) and search-entity.ts (entity refs, URLs, cursors).
 *
 *   search.query   { q, limit? }                          → SearchResult
 *   entity.get     EntityRef (value in any notation)      → EntityPage
 *   timeline.list  { from, to, entity?, subsystems?, severities?, cursor?, limit } → TimelinePage
 *
 * The `url`s the server puts in hits, items and events (paths in the web app):
 *   entity pages     /ip/192.0.2.53  /prefix/198.18.0.0/15  /mac/00:1a:2b:3c:4d:5e  /name/ns1.example  /as/64496
 *   DHCP             /dhcp/leases/<address>  (natural name; dhcp.leaseByAddress — /dhcp/leases/<id> still works)
 *                    /dhcp?pool=<poolId>
 *   DNS              /dns/<zone name>  (dns.getByName; /dns/<id> still works)  /dns/<zone name>?record=<owner>
 *   Registry         /registry/hosts/<connectionId>/<host name>  /registry/domains?conn=<connectionId>&name=<domain>
 *                    /registry/poll?conn=<connectionId>&message=<poll row id>  /registry/transcript?conn=<id>&object=<name>
 *   RDAP             /rdap?q=<query>
 *   BGP              /bgp/events/<id>  /bgp/session?router=<router>&peer=<peer>
 *   Alerts, audit    /alerts/<id>  /settings/audit?entry=<id>
 */
import { z } from "zod";
import { severitySchema } from "./alerts";
import { FEATURE_SUBSYSTEM_IDS, FEATURE_SUBSYSTEMS } from "./subsystems";

export * from "./search-classify";
export * from "./search-contains";
export * from "./search-entity";
export * from "./timeline-events";
export * from "./timeline-export";

/** Where a hit, an entity section or a timeline event comes from: a feature module or the console. */
export const SEARCH_SUBSYSTEMS = [...FEATURE_SUBSYSTEM_IDS, "alerts", "audit"] as const;
export const searchSubsystemSchema = z.enum(SEARCH_SUBSYSTEMS);
export type SearchSubsystem = z.infer<typeof searchSubsystemSchema>;

/** Group headings, in the order groups are shown when their best ranks tie. */
export const SEARCH_SUBSYSTEM_LABELS: Record<SearchSubsystem, string> = {
  ...(Object.fromEntries(FEATURE_SUBSYSTEMS.map((s) => [s.id, s.label])) as Record<
    (typeof FEATURE_SUBSYSTEMS)[number]["id"],
    string
  >),
  alerts: "Alerts",
  audit: "Audit log",
};

// ── Query classification ─────────────────────────────────────────────────────────────────────

/**
 * What a query is. `empty`: nothing to look for; `invalid`: cannot be searched (too long,
 * control characters, lone surrogates, a malformed prefix) — `reason` says why, and no
 * provider runs. The other kinds can be searched; one query may have several readings
 * (`001a2b3c4d5e` is a MAC and a handle, `64496` an AS number and text), in `interpretations`,
 * the first being `kind`.
 */
export const QUERY_KINDS = [
  "empty",
  "invalid",
  "ipv4",
  "ipv6",
  /** The start of an address: `192.0.2.`, `2001:db8:`. */
  "ip-partial",
  "prefix",
  "mac",
  /** The start of a MAC in any notation (`00:1a:2b`, `001a.2b`, `001a2b`); value is bare hex. */
  "mac-partial",
  /** A host or domain name; value is the A-label form, `display` the U-label form. */
  "name",
  /** An AS number; value is its decimal text. */
  "as",
  /** One token that may be an id: an EPP ROID, contact id, RDAP handle, a BGP session name. */
  "handle",
  "text",
] as const;
export const queryKindSchema = z.enum(QUERY_KINDS);
export type QueryKind = z.infer<typeof queryKindSchema>;

export const ENTITY_TYPES = ["ip", "prefix", "mac", "name", "as"] as const;
export const entityTypeSchema = z.enum(ENTITY_TYPES);
export type EntityType = z.infer<typeof entityTypeSchema>;

/** One entity: as sent to entity.get any notation is accepted; as returned, `value` is canonical. */
export const entityRefSchema = z.object({
  type: entityTypeSchema,
  value: z.string().min(1).max(300),
});
export type EntityRef = z.infer<typeof entityRefSchema>;

export const interpretationSchema = z.object({
  kind: queryKindSchema,
  /** Canonical search value: `192.0.2.53`, `198.18.0.0/15`, `00:1a:2b:3c:4d:5e`, `001a2b`, `xn--fo-5ja.example`, `64496`. */
  value: z.string(),
  /** How to show it when it differs (the U-label form of a name, `AS64496`). */
  display: z.string().optional(),
});
export type Interpretation = z.infer<typeof interpretationSchema>;

export const classifiedQuerySchema = z.object({
  /** The query as searched: trimmed, inner white space collapsed. */
  q: z.string(),
  kind: queryKindSchema,
  reason: z.string().optional(),
  /** The entity page this query names exactly (an address, prefix, MAC, name or AS), if any. */
  entity: entityRefSchema.nullable(),
  interpretations: z.array(interpretationSchema),
});
export type ClassifiedQuery = z.infer<typeof classifiedQuerySchema>;

// ── search.query ─────────────────────────────────────────────────────────────────────────────

/** Longer input is refused by the schema; up to this, classifyQuery answers "invalid" for long text. */
export const SEARCH_INPUT_MAX = 16_384;
/** The longest query that is searched (a domain name is at most 253 characters). */
export const SEARCH_QUERY_MAX = 256;

export const searchInputSchema = z.object({
  q: z.string().max(SEARCH_INPUT_MAX, `a search query is at most ${SEARCH_INPUT_MAX} characters`),
  /** Hits per subsystem. */
  limit: z.number().int().min(1).max(100).default(8),
});
export type SearchInput = z.input<typeof searchInputSchema>;

export const MATCH_RANKS = ["exact", "prefix", "contains"] as const;
export const matchRankSchema = z.enum(MATCH_RANKS);
export type MatchRank = z.infer<typeof matchRankSchema>;

export const searchHitSchema = z.object({
  subsystem: searchSubsystemSchema,
  /** What was found: `lease`, `pool`, `host`, `domain`, `contact`, `poll-message`, `zone`, `record`, `rdap-object`, `session`, `event`, `alert`, `audit`. */
  kind: z.string(),
  /** Stable identity within subsystem+kind (for React keys, dedupe and the CLI). */
  key: z.string(),
  label: z.string(),
  detail: z.string().optional(),
  /** Path in the web app. */
  url: z.string(),
  rank: matchRankSchema,
});
export type SearchHit = z.infer<typeof searchHitSchema>;

export const searchGroupSchema = z.object({
  subsystem: searchSubsystemSchema,
  label: z.string(),
  hits: z.array(searchHitSchema),
  /** More hits than `limit` matched. */
  more: z.boolean().optional(),
  /** This subsystem failed to answer (the others still did). */
  error: z.string().optional(),
});
export type SearchGroup = z.infer<typeof searchGroupSchema>;

export const searchResultSchema = z.object({
  classified: classifiedQuerySchema,
  /** Groups with at least one hit (or an error), best rank first. */
  groups: z.array(searchGroupSchema),
  /** Why partial matches were not looked for (text too short for the trigram index). */
  hint: z.string().optional(),
});
export type SearchResult = z.infer<typeof searchResultSchema>;

// ── entity.get ───────────────────────────────────────────────────────────────────────────────

export const entityGetInputSchema = entityRefSchema;

export const entityItemSchema = z.object({
  /** `lease`, `lease-event`, `pool`, `host`, `domain`, `record`, `zone`, `rdap-object`, `session`, `event`, `alert`, `audit`, … */
  kind: z.string(),
  key: z.string(),
  label: z.string(),
  detail: z.string().optional(),
  url: z.string(),
  /** ISO time the item happened or was seen. */
  at: z.string().optional(),
  severity: severitySchema.optional(),
});
export type EntityItem = z.infer<typeof entityItemSchema>;

export const entitySectionSchema = z.object({
  subsystem: searchSubsystemSchema,
  title: z.string(),
  /** When this section's data was last refreshed from its source (ISO); null when unknown. */
  refreshedAt: z.string().nullable(),
  /** The subsystem page this section summarises. */
  url: z.string(),
  items: z.array(entityItemSchema),
  /** More items exist than are listed. */
  more: z.boolean().optional(),
  /** What the "more" link says when the section can say how many (e.g. "All 612 peers in 10.0.0.0/8 …"). */
  moreLabel: z.string().optional(),
  /** This section could not be read (the others still were). */
  error: z.string().optional(),
});
export type EntitySection = z.infer<typeof entitySectionSchema>;

export const entityPageSchema = z.object({
  /** Canonical. */
  entity: entityRefSchema,
  /** How to show it (U-label name, `AS64496`). */
  display: z.string(),
  /** The page's own URL (`/ip/192.0.2.53`). */
  url: z.string(),
  /** Sections with items, in subsystem order; a subsystem that knows nothing adds none. */
  sections: z.array(entitySectionSchema),
});
export type EntityPage = z.infer<typeof entityPageSchema>;

// ── timeline.list ────────────────────────────────────────────────────────────────────────────

/** ISO 8601 with an explicit zone (`Z` or `+02:00`): a range in a URL always says its zone. */
export const zonedTimeSchema = z.iso.datetime({ offset: true });

export const timelineInputSchema = z
  .object({
    from: zonedTimeSchema,
    to: zonedTimeSchema,
    entity: entityRefSchema.optional(),
    subsystems: z.array(searchSubsystemSchema).max(SEARCH_SUBSYSTEMS.length).optional(),
    severities: z.array(severitySchema).max(3).optional(),
    /** From the previous page's nextCursor (events are newest first). */
    cursor: z.string().max(100).optional(),
    limit: z.number().int().min(1).max(1000).default(200),
  })
  .refine((v) => Date.parse(v.from) <= Date.parse(v.to), {
    message: "from is after to",
    path: ["from"],
  });
export type TimelineInput = z.input<typeof timelineInputSchema>;

export const timelineEventSchema = z.object({
  /** Stable: `<subsystem>:<kind>:<row id>`. */
  id: z.string(),
  /** ISO, UTC. */
  at: z.string(),
  subsystem: searchSubsystemSchema,
  /** `bgp-down`, `bgp-up`, `bgp-notification`, `zone-verdict`, `zone-serial`, `lease-<new|renewed|changed-client|state|removed>`, `pool-threshold`, `epp-poll`, `epp-transaction`, `rdap-consistency`, `alert-fired`, `alert-acknowledged`, `alert-resolved`, `audit`, … */
  kind: z.string(),
  severity: severitySchema,
  title: z.string(),
  detail: z.string().optional(),
  url: z.string(),
  /** The entity the event is about, when it names one. */
  entity: entityRefSchema.optional(),
});
export type TimelineEvent = z.infer<typeof timelineEventSchema>;

export const timelinePageSchema = z.object({
  events: z.array(timelineEventSchema),
  nextCursor: z.string().nullable(),
});
export type TimelinePage = z.infer<typeof timelinePageSchema>;
