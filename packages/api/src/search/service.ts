/**
 * Global search, entity pages and the one timeline: asks every registered module (through its
 * search / entityLinks / timeline hooks) and the console's own providers (alerts, audit), in
 * parallel, and merges their answers. One subsystem failing leaves the others' answers standing.
 */
import {
  canonicalEntity,
  classifyQuery,
  decodeTimelineCursor,
  type EntityPage,
  type EntityRef,
  entityUrl,
  groupHits,
  mergeTimeline,
  partialMatchHint,
  type Role,
  type SearchHit,
  type SearchInput,
  type SearchResult,
  type SearchSubsystem,
  searchInputSchema,
  type TimelineInput,
  type TimelinePage,
  timelineInputSchema,
} from "@netops/protocols";
import { DomainError } from "../errors";
import { MODULES } from "../modules";
import type { EntityLinkProvider, SearchProvider, TimelineSource } from "../modules/contract";
import type { Services } from "../services";
import { alertsEntity, alertsSearch, alertsTimeline } from "./alerts";
import { auditEntity, auditSearch, auditTimeline } from "./audit";

interface Provided<T> {
  subsystem: SearchSubsystem;
  provider: T;
}

/** Entity sections listed per subsystem (a page, not an export). */
const ENTITY_ITEMS = 25;

/**
 * How long one provider may take before the answer goes out without it (its group or section
 * then says so): a slow subsystem makes the answer partial, it never holds the others back.
 */
export const SEARCH_BUDGET_MS = 1_500;
export const ENTITY_BUDGET_MS = 3_000;

export interface SearchServiceOptions {
  searchBudgetMs?: number;
  entityBudgetMs?: number;
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

class OverBudget extends Error {
  constructor(ms: number) {
    super(`no answer within ${ms} ms; the other subsystems' results are shown without it`);
  }
}

/** `work`, or an OverBudget rejection once `ms` have passed (the work itself runs on, unheard). */
function withinBudget<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new OverBudget(ms)), ms);
  });
  work.catch(() => {}); // a rejection after the budget has nobody waiting for it
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

export class SearchService {
  private readonly searchers: Provided<SearchProvider>[] = [];
  private readonly entities: Provided<EntityLinkProvider>[] = [];
  private readonly timelines: Provided<TimelineSource>[] = [];

  private readonly searchBudgetMs: number;
  private readonly entityBudgetMs: number;

  constructor(
    private readonly services: Services,
    options: SearchServiceOptions = {},
  ) {
    this.searchBudgetMs = options.searchBudgetMs ?? SEARCH_BUDGET_MS;
    this.entityBudgetMs = options.entityBudgetMs ?? ENTITY_BUDGET_MS;
    for (const m of MODULES) {
      const subsystem = m.descriptor.id;
      const s = m.search?.(services);
      if (s) this.searchers.push({ subsystem, provider: s });
      const e = m.entityLinks?.(services);
      if (e) this.entities.push({ subsystem, provider: e });
      const t = m.timeline?.(services);
      if (t) this.timelines.push({ subsystem, provider: t });
    }
    this.searchers.push(
      { subsystem: "alerts", provider: alertsSearch(services) },
      { subsystem: "audit", provider: auditSearch(services) },
    );
    this.entities.push(
      { subsystem: "alerts", provider: alertsEntity(services) },
      { subsystem: "audit", provider: auditEntity(services) },
    );
    this.timelines.push(
      { subsystem: "alerts", provider: alertsTimeline(services) },
      { subsystem: "audit", provider: auditTimeline(services) },
    );
  }

  /** The subsystems that answer search, in order (for tests and the CLI). */
  get searchSubsystems(): SearchSubsystem[] {
    return this.searchers.map((s) => s.subsystem);
  }

  async search(raw: SearchInput, role: Role): Promise<SearchResult> {
    const input = searchInputSchema.parse(raw);
    const classified = classifyQuery(input.q);
    if (classified.interpretations.length === 0) return { classified, groups: [] };
    const hint = partialMatchHint(classified);
    const errors: Partial<Record<SearchSubsystem, string>> = {};
    const settled = await Promise.all(
      this.searchers.map(async ({ subsystem, provider }) => {
        try {
          // A provider's hits are its own subsystem's; anything else it returns is dropped.
          const hits = await withinBudget(
            provider.search(classified, { role, limit: input.limit + 1 }),
            this.searchBudgetMs,
          );
          return hits.filter((h) => h.subsystem === subsystem);
        } catch (e) {
          this.services.logger.warn({ err: e, subsystem }, "search provider failed");
          errors[subsystem] =
            e instanceof OverBudget
              ? `${subsystem}: ${e.message}`
              : `${subsystem} could not be searched: ${errorText(e)}`;
          return [] as SearchHit[];
        }
      }),
    );
    return { classified, groups: groupHits(settled.flat(), input.limit, errors), ...(hint && { hint }) };
  }

  async entity(ref: EntityRef, role: Role): Promise<EntityPage> {
    const c = canonicalEntity(ref);
    if (!c.ok) throw new DomainError("invalid", `value: ${c.reason}`, "value");
    const sections = await Promise.all(
      this.entities.map(async ({ subsystem, provider }) => {
        try {
          return await withinBudget(
            provider.sections(c.entity, { role, limit: ENTITY_ITEMS }),
            this.entityBudgetMs,
          );
        } catch (e) {
          this.services.logger.warn({ err: e, subsystem }, "entity provider failed");
          return [
            {
              subsystem,
              title: subsystem,
              refreshedAt: null,
              url: "/",
              items: [],
              error:
                e instanceof OverBudget
                  ? `${subsystem}: ${e.message}`
                  : `${subsystem} could not be read: ${errorText(e)}`,
            },
          ];
        }
      }),
    );
    return {
      entity: c.entity,
      display: c.display,
      url: entityUrl(c.entity),
      sections: sections.flat().filter((s) => s.items.length > 0 || s.error),
    };
  }

  async timeline(raw: TimelineInput, role: Role): Promise<TimelinePage> {
    const input = timelineInputSchema.parse(raw);
    let entity: EntityRef | undefined;
    if (input.entity) {
      const c = canonicalEntity(input.entity);
      if (!c.ok) throw new DomainError("invalid", `entity.value: ${c.reason}`, "entity.value");
      entity = c.entity;
    }
    const after = input.cursor ? decodeTimelineCursor(input.cursor) : null;
    if (input.cursor && !after) throw new DomainError("invalid", "cursor: not a timeline cursor", "cursor");
    const from = new Date(input.from);
    let to = new Date(input.to);
    if (after && after.at < to.getTime()) to = new Date(after.at);
    const wanted = input.subsystems?.length ? new Set(input.subsystems) : null;
    const lists = await Promise.all(
      this.timelines.map(async ({ subsystem, provider }) => {
        try {
          const events = await provider.events({
            from,
            to,
            ...(entity && { entity }),
            ...(input.severities?.length && { severities: input.severities }),
            role,
            // Events at the cursor's own millisecond may be filtered out below: ask for a few more.
            limit: input.limit + 20,
          });
          return events.filter(
            (e) =>
              (!wanted || wanted.has(e.subsystem)) &&
              (!input.severities?.length || input.severities.includes(e.severity)),
          );
        } catch (e) {
          this.services.logger.warn({ err: e, subsystem }, "timeline source failed");
          return [];
        }
      }),
    );
    return mergeTimeline(lists, input.limit, after);
  }
}

const bySevices = new WeakMap<Services, SearchService>();

/** One search service per services object (providers are built once). */
export function searchService(services: Services): SearchService {
  let s = bySevices.get(services);
  if (!s) {
    s = new SearchService(services);
    bySevices.set(services, s);
  }
  return s;
}
