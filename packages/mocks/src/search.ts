/**
 * search.query, entity.get and timeline.list of the mock API. They are built on the other mock
 * resolvers (called with the caller's session, so the roles apply as on the server: a viewer's
 * audit.list is refused, so a viewer gets no audit hits), and use the server's own rules from
 * @netops/protocols: classifyQuery, rankMatch, groupHits, canonicalEntity, prefixContains,
 * mergeTimeline. The mock fixtures hold no zone records or RDAP cache, so those sections stay
 * empty here.
 */
import type { AppRouter, RouterInputs } from "@netops/api";
import {
  bgpEventSeverity,
  bgpTimelineEvent,
  canonicalEntity,
  classifyQuery,
  containsProbe,
  decodeTimelineCursor,
  type EntityItem,
  type EntityPage,
  type EntityRef,
  type EntitySection,
  entityUrl,
  groupHits,
  type Interpretation,
  type MatchRank,
  macHexToText,
  mergeTimeline,
  partialMatchHint,
  prefixContains,
  rankMatch,
  type SearchHit,
  type SearchResult,
  type SearchSubsystem,
  searchInputSchema,
  type Severity,
  type TimelineEvent,
  type TimelinePage,
  timelineInputSchema,
  toInputIssues,
} from "@netops/protocols";
import { invalid } from "./errors";
import { historyEvents } from "./timeline-fixtures";
import { mockError, type ResolverContext, type TrpcResolvers } from "./trpc-msw";

type Resolvers = TrpcResolvers<AppRouter>;
type Paths = "search.query" | "entity.get" | "timeline.list";

/** Calls another mock resolver; a refusal (a role that may not read it) counts as nothing found. */
async function read<T>(f: () => T | Promise<T>): Promise<Awaited<T> | null> {
  try {
    return await f();
  } catch {
    return null;
  }
}

const nameKey = (s: string) => {
  const l = s.toLowerCase();
  return l.endsWith(".") ? l.slice(0, -1) : l;
};

interface Doc {
  subsystem: SearchSubsystem;
  kind: string;
  key: string;
  label: string;
  detail?: string;
  url: string;
  at?: string;
  severity?: Severity;
  /** Identifiers this object is known by (addresses, names, MACs, AS numbers), compared as entities are. */
  terms: string[];
  /** Free text (summaries, messages). */
  text?: string;
  /** A stored event's timeline event, mapped as the server maps it (one per event, its own id). */
  event?: TimelineEvent;
}

/** Everything the mock subsystems hold that search can see, for the caller's role. */
async function documents(all: () => Resolvers, ctx: ResolverContext): Promise<Doc[]> {
  const r = all();
  const docs: Doc[] = [];
  const leases = await read(() => r["dhcp.leases"]({ limit: 500 } as RouterInputs["dhcp"]["leases"], ctx));
  for (const l of leases?.items ?? [])
    docs.push({
      subsystem: "dhcp",
      kind: "lease",
      key: String(l.id),
      label: l.address,
      detail: [l.hostname, l.hwAddress, l.state, l.sourceName].filter(Boolean).join(" · "),
      url: `/dhcp/leases/${l.address}`,
      terms: [l.address, l.hwAddress ?? "", (l.hostname ?? "").toLowerCase()].filter(Boolean),
    });
  const connections = (await read(() => r["registry.connections"](undefined, ctx))) ?? [];
  for (const c of connections) {
    const hosts = await read(() =>
      r["registry.hosts"]({ connectionId: c.id } as RouterInputs["registry"]["hosts"], ctx),
    );
    for (const h of (hosts ?? []) as { name: string; addrs: { address: string }[] }[])
      docs.push({
        subsystem: "registry",
        kind: "host",
        key: `${c.id}:${h.name}`,
        label: h.name,
        detail: `host · ${h.addrs.map((a) => a.address).join(", ") || "no addresses"}`,
        url: `/registry/hosts/${encodeURIComponent(c.id)}/${encodeURIComponent(h.name)}`,
        terms: [nameKey(h.name), ...h.addrs.map((a) => a.address.toLowerCase())],
      });
    const domains = await read(() => r["registry.domains"]({ connectionId: c.id }, ctx));
    for (const d of (domains ?? []) as { name: string; nameServers: string[] }[])
      docs.push({
        subsystem: "registry",
        kind: "domain",
        key: `${c.id}:${d.name}`,
        label: d.name,
        detail: `domain · NS ${d.nameServers.join(", ") || "none"}`,
        url: `/registry/domains?conn=${encodeURIComponent(c.id)}&name=${encodeURIComponent(d.name)}`,
        terms: [nameKey(d.name), ...d.nameServers.map(nameKey)],
      });
  }
  for (const z of (await read(() => r["dns.list"](undefined, ctx))) ?? [])
    docs.push({
      subsystem: "dns",
      kind: "zone",
      key: z.id,
      label: z.name,
      detail: `watched zone · ${z.status}`,
      url: `/dns/${nameKey(z.name)}`,
      terms: [nameKey(z.name)],
    });
  const events = await read(() => r["bgp.events"]({ limit: 500 } as RouterInputs["bgp"]["events"], ctx));
  for (const e of events?.items ?? [])
    docs.push({
      subsystem: "bgp",
      kind: e.kind === "notification" && e.text ? "event" : "session",
      key: e.kind === "notification" && e.text ? String(e.id) : `${e.router}|${e.peer}`,
      label: e.kind === "notification" && e.text ? e.text : `${e.peerName ?? e.peer} on ${e.router}`,
      detail: [e.peerAddress, e.peerAs !== null ? `AS${e.peerAs}` : null, e.at].filter(Boolean).join(" · "),
      url:
        e.kind === "notification" && e.text
          ? `/bgp/events/${e.id}`
          : `/bgp/session?router=${encodeURIComponent(e.router)}&peer=${encodeURIComponent(e.peer)}`,
      at: e.at,
      severity: bgpEventSeverity(e.kind),
      terms: [
        e.peerAddress ?? "",
        e.peerAs !== null ? String(e.peerAs) : "",
        (e.peerName ?? "").toLowerCase(),
      ].filter(Boolean),
      ...(e.text && { text: e.text }),
      event: bgpTimelineEvent(e),
    });
  const alerts = await read(() => r["alerts.list"]({ limit: 500 } as RouterInputs["alerts"]["list"], ctx));
  for (const a of alerts?.items ?? [])
    docs.push({
      subsystem: "alerts",
      kind: "alert",
      key: String(a.id),
      label: a.summary,
      detail: `${a.severity} · ${a.state} · ${a.source}`,
      url: `/alerts/${a.id}`,
      at: a.lastSeenAt,
      severity: a.severity,
      terms: Object.values(a.labels).map((v) => nameKey(String(v))),
      text: a.summary,
    });
  // Refused for every role but admin, as on the server.
  const audit = await read(() => r["audit.list"]({ limit: 500 } as RouterInputs["audit"]["list"], ctx));
  for (const e of audit?.items ?? [])
    docs.push({
      subsystem: "audit",
      kind: "audit",
      key: String(e.id),
      label: e.target ? `${e.action} ${e.target}` : e.action,
      detail: e.actorName,
      url: `/settings/audit?entry=${e.id}`,
      at: e.at,
      severity: "info",
      terms: e.target ? [nameKey(e.target)] : [],
      text: `${e.action} ${e.target ?? ""}`,
    });
  return docs;
}

/** How one reading matches a document, as the server's providers rank it. */
function rankDoc(d: Doc, r: Interpretation): MatchRank | null {
  switch (r.kind) {
    case "ipv4":
    case "ipv6":
    case "mac":
    case "as":
      return d.terms.includes(r.value) ? "exact" : null;
    case "prefix":
      return d.terms.some((t) => prefixContains(r.value, t)) ? "prefix" : null;
    case "ip-partial":
      return d.terms.some((t) => t.startsWith(r.value)) ? "prefix" : null;
    case "mac-partial":
      return d.terms.some((t) => t.startsWith(macHexToText(r.value))) ? "prefix" : null;
    case "name":
    case "handle": {
      const v = nameKey(r.value);
      return d.terms.map((t) => rankMatch(t, v)).find((m) => m === "exact" || m === "prefix") ?? null;
    }
    case "text":
      return containsProbe(r.value) && d.text ? rankMatch(d.text, r.value) : null;
    default:
      return null;
  }
}

const ORDER: Record<MatchRank, number> = { exact: 0, prefix: 1, contains: 2 };

function entityMatches(d: Doc, e: EntityRef): boolean {
  if (e.type === "prefix") return d.terms.some((t) => prefixContains(e.value, t));
  return d.terms.includes(e.value);
}

const TITLES: Record<SearchSubsystem, string> = {
  registry: "EPP objects",
  rdap: "RDAP (cached lookups)",
  dns: "Watched zones",
  dhcp: "Leases",
  bgp: "BGP sessions and events",
  rserpool: "RSerPool pools and registrars",
  alerts: "Alerts",
  audit: "Audit log",
};
const PAGES: Record<SearchSubsystem, string> = {
  registry: "/registry",
  rdap: "/rdap",
  dns: "/dns",
  dhcp: "/dhcp",
  bgp: "/bgp",
  rserpool: "/rserpool",
  alerts: "/alerts",
  audit: "/settings/audit",
};

export function createSearchResolvers(all: () => Resolvers): Pick<Resolvers, Paths> {
  return {
    "search.query": async (raw, ctx): Promise<SearchResult> => {
      const parsed = searchInputSchema.safeParse(raw);
      if (!parsed.success) throw invalid(parsed.error);
      const classified = classifyQuery(parsed.data.q);
      if (!classified.interpretations.length) return { classified, groups: [] };
      const hits: SearchHit[] = [];
      for (const d of await documents(all, ctx)) {
        const rank = classified.interpretations
          .map((r) => rankDoc(d, r))
          .reduce<MatchRank | null>((best, m) => (m && (!best || ORDER[m] < ORDER[best]) ? m : best), null);
        if (rank)
          hits.push({
            subsystem: d.subsystem,
            kind: d.kind,
            key: d.key,
            label: d.label,
            ...(d.detail && { detail: d.detail }),
            url: d.url,
            rank,
          });
      }
      const hint = partialMatchHint(classified);
      return { classified, groups: groupHits(hits, parsed.data.limit), ...(hint && { hint }) };
    },

    "entity.get": async (raw, ctx): Promise<EntityPage> => {
      const c = canonicalEntity(raw);
      if (!c.ok)
        throw mockError("BAD_REQUEST", "Input validation failed", {
          issues: toInputIssues([{ path: ["value"], message: c.reason, code: "custom" }]),
        });
      const bySubsystem = new Map<SearchSubsystem, EntityItem[]>();
      for (const d of await documents(all, ctx)) {
        if (!entityMatches(d, c.entity)) continue;
        const list = bySubsystem.get(d.subsystem) ?? [];
        list.push({
          kind: d.kind,
          key: d.key,
          label: d.label,
          ...(d.detail && { detail: d.detail }),
          url: d.url,
          ...(d.at && { at: d.at }),
          ...(d.severity && { severity: d.severity }),
        });
        bySubsystem.set(d.subsystem, list);
      }
      const sections: EntitySection[] = [...bySubsystem].map(([subsystem, items]) => ({
        subsystem,
        title: TITLES[subsystem],
        refreshedAt: null,
        url: PAGES[subsystem],
        items: items.slice(0, 25),
        ...(items.length > 25 && { more: true }),
      }));
      return { entity: c.entity, display: c.display, url: entityUrl(c.entity), sections };
    },

    "timeline.list": async (raw, ctx): Promise<TimelinePage> => {
      const parsed = timelineInputSchema.safeParse(raw);
      if (!parsed.success) throw invalid(parsed.error);
      const input = parsed.data;
      const after = input.cursor ? decodeTimelineCursor(input.cursor) : null;
      if (input.cursor && !after)
        throw mockError("BAD_REQUEST", "Input validation failed", {
          issues: toInputIssues([{ path: ["cursor"], message: "not a timeline cursor", code: "custom" }]),
        });
      const entity = input.entity ? canonicalEntity(input.entity) : null;
      if (entity && !entity.ok)
        throw mockError("BAD_REQUEST", "Input validation failed", {
          issues: toInputIssues([{ path: ["entity", "value"], message: entity.reason, code: "custom" }]),
        });
      const from = Date.parse(input.from);
      const to = Date.parse(input.to);
      const docs = await documents(all, ctx);
      // The history rows belong to the fixtures' pools and registry objects: none when those are absent (empty scenario).
      const has = (subsystem: string) => docs.some((d) => d.subsystem === subsystem);
      const events: TimelineEvent[] = docs
        .filter((d) => d.at && (d.subsystem === "bgp" || d.subsystem === "alerts" || d.subsystem === "audit"))
        .filter((d) => !entity?.ok || entityMatches(d, entity.entity))
        .filter((d) => {
          const t = Date.parse(d.at ?? "");
          return t >= from && t <= to;
        })
        .map(
          (d): TimelineEvent =>
            d.event ?? {
              id: `${d.subsystem}:${d.kind}:${d.key.replace(/[^A-Za-z0-9:._-]/g, "_")}`,
              at: new Date(Date.parse(d.at ?? "")).toISOString(),
              subsystem: d.subsystem,
              kind: d.kind,
              severity: d.severity ?? "info",
              title: d.label,
              ...(d.detail && { detail: d.detail }),
              url: d.url,
            },
        )
        .concat(
          // Pool threshold crossings and RDAP consistency changes: history rows of their own.
          historyEvents(entity?.ok ? entity.entity : null, {
            dhcp: has("dhcp"),
            registry: has("registry"),
          }).filter((e) => {
            const t = Date.parse(e.at);
            return t >= from && t <= to;
          }),
        )
        .filter(
          (e) =>
            (!input.subsystems?.length || input.subsystems.includes(e.subsystem)) &&
            (!input.severities?.length || input.severities.includes(e.severity)),
        );
      return mergeTimeline([events], input.limit, after);
    },
  };
}
