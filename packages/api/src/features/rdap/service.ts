/**
 * The console's RDAP service: one RdapClient built from configuration (shipped IANA bootstrap
 * snapshot + overrides + extra hosts), and the three operations the page needs — a query from
 * the search box, the next page, the registrar's copy — each answering with a view or one error.
 */
import {
  Bootstrap,
  type BootstrapOverrides,
  type BootstrapRegistry,
  type Finding,
  type MetadataSummary,
  type ParsedRdap,
  QueryError,
  type SearchOptions,
  parseSort,
  pickQuery,
  type RdapQueryType,
  type RegistryKind,
  relatedRdapLinks,
  snapshotRegistries,
  summarizeMetadata,
} from "@netops/protocols/rdap";
import { BOOTSTRAP_KINDS, BootstrapRefresher, type BootstrapRefreshOptions } from "./bootstrap-refresh";
import { RdapClient, type RdapResult } from "./client";
import type { ConsistencyReport } from "./consistency";
import { DomainError } from "../../errors";
import type { RdapErrorCode } from "./errors";

export interface RdapServiceOptions {
  enabled?: boolean;
  overrides?: BootstrapOverrides;
  allowedHosts?: string[];
  privateHosts?: string[];
  httpHosts?: string[];
  timeoutMs?: number;
  perHostConcurrency?: number;
  maxBodyBytes?: number;
  /** Set when the overrides point at the demo's lab RDAP server, so the health tile says so. */
  labUrl?: string;
  /** Where the RFC 9224 registries are refreshed from (absent: the shipped snapshot only). */
  bootstrapRefresh?: BootstrapRefreshOptions;
  /** Injected by tests (e.g. a resolver for test host names). */
  client?: Partial<ConstructorParameters<typeof RdapClient>[0]>;
  now?: () => number;
}

export { pickQuery, RDAP_QUERY_TYPES, type RdapQueryType } from "@netops/protocols/rdap";

export interface RdapQueryInput {
  q: string;
  type?: RdapQueryType;
  /** Search property: domains by name|nsLdhName|nsIp, nameservers by name|ip, entities by fn|handle. */
  by?: string;
  sort?: string;
  fieldSet?: string;
  /** Ask for RFC 8977 totalCount (searches; on by default). */
  count?: boolean;
  cursor?: string;
}

export type RdapView =
  | {
      ok: true;
      url: string;
      finalUrl: string;
      status: number;
      fromCache: boolean;
      ms: number;
      response: ParsedRdap;
      metadata: MetadataSummary;
      findings: Finding[];
      /** `related` RDAP links of the object (e.g. the registrar's server), absolute. */
      related: string[];
      raw: string;
    }
  | { ok: false; url: string; ms: number; error: { code: RdapErrorCode; message: string; status?: number } };

/** Where each bootstrap registry in use came from, and how the last refresh went. */
export interface BootstrapStatus {
  refreshUrl: string | null;
  files: {
    kind: RegistryKind;
    source: "snapshot" | "refreshed";
    publication: string | null;
    at: string | null;
  }[];
  lastRefresh: { at: string; ok: boolean; failures: string[] } | null;
  /** The configured refresh URL is unusable (refresh off), or null. */
  refreshError: string | null;
}

export interface RdapQueryView {
  /** What the search box understood, for the page to say ("AS number 64496"). */
  /** What the box understood; `because` when the console's own knowledge chose the lookup. */
  picked: { type: string; normalized: string; search: boolean; because?: string } | null;
  result: RdapView;
}

export class RdapService {
  readonly enabled: boolean;
  /** Why the configuration could not be used (a bad override), or null. */
  readonly configError: string | null;
  readonly labUrl: string | null;
  private client: RdapClient | null;
  private readonly overrideCount: number;
  private readonly options: RdapServiceOptions;
  private readonly registries = new Map<
    RegistryKind,
    { registry: BootstrapRegistry; source: "snapshot" | "refreshed"; at: string | null }
  >();
  private readonly refresher: BootstrapRefresher | null = null;
  private readonly refreshError: string | null = null;
  private lastRefresh: BootstrapStatus["lastRefresh"] = null;
  private readonly now: () => number;
  private last: { at: number; ok: boolean; message: string } | null = null;
  private consistency: ConsistencyReport | null = null;

  constructor(o: RdapServiceOptions = {}) {
    this.options = o;
    this.enabled = o.enabled ?? true;
    for (const registry of snapshotRegistries())
      this.registries.set(registry.kind, { registry, source: "snapshot", at: null });
    if (o.bootstrapRefresh && this.enabled) {
      try {
        this.refresher = new BootstrapRefresher(o.bootstrapRefresh);
      } catch (e) {
        this.refreshError = (e as Error).message;
      }
    }
    this.labUrl = o.labUrl ?? null;
    this.now = o.now ?? Date.now;
    const ov = o.overrides ?? {};
    this.overrideCount =
      Object.keys(ov.dns ?? {}).length +
      Object.keys(ov.ip ?? {}).length +
      Object.keys(ov.asn ?? {}).length +
      Object.keys(ov.tags ?? {}).length +
      (ov.default?.length ? 1 : 0);
    let client: RdapClient | null = null;
    let configError: string | null = null;
    if (this.enabled) {
      try {
        client = this.buildClient();
      } catch (e) {
        // A bad override must not stop the console; the health tile and every query say why.
        configError = (e as Error).message;
      }
    }
    this.client = client;
    this.configError = configError;
  }

  private buildClient(): RdapClient {
    const o = this.options;
    return new RdapClient({
      bootstrap: new Bootstrap(
        [...this.registries.values()].map((r) => r.registry),
        o.overrides ?? {},
      ),
      allowedHosts: o.allowedHosts ?? [],
      privateHosts: o.privateHosts ?? [],
      httpHosts: o.httpHosts ?? [],
      ...(o.timeoutMs !== undefined && { timeoutMs: o.timeoutMs }),
      ...(o.perHostConcurrency !== undefined && { perHostConcurrency: o.perHostConcurrency }),
      ...(o.maxBodyBytes !== undefined && { maxBodyBytes: o.maxBodyBytes }),
      ...o.client,
    });
  }

  /**
   * Refreshes the RFC 9224 registries from the configured URL: each file that fetches and
   * validates replaces the one in use; a file that does not keeps the previous one (the shipped
   * snapshot at first) and its reason is kept for the status. Never throws.
   */
  async refreshBootstrap(): Promise<BootstrapStatus["lastRefresh"]> {
    if (!this.refresher || !this.client) return null;
    const outcomes = await this.refresher.fetchAll();
    const at = new Date(this.now()).toISOString();
    const failures: string[] = [];
    let changed = false;
    for (const r of outcomes) {
      if (!r.ok) {
        failures.push(r.reason);
        continue;
      }
      this.registries.set(r.kind, { registry: r.registry, source: "refreshed", at });
      changed = true;
    }
    if (changed) {
      try {
        // The guard's host list follows the bootstrap, so a new client goes with new registries.
        this.client = this.buildClient();
      } catch (e) {
        failures.push(`refreshed registries unusable: ${(e as Error).message}`);
      }
    }
    this.lastRefresh = { at, ok: failures.length === 0, failures };
    return this.lastRefresh;
  }

  bootstrapStatus(): BootstrapStatus {
    return {
      refreshUrl: this.refresher?.base.href ?? null,
      files: BOOTSTRAP_KINDS.map((kind) => {
        const r = this.registries.get(kind);
        return {
          kind,
          source: r?.source ?? "snapshot",
          publication: r?.registry.publication ?? null,
          at: r?.at ?? null,
        };
      }),
      lastRefresh: this.lastRefresh,
      refreshError: this.refreshError,
    };
  }

  /** One query from the search box: classify, build the URL with RFC 8977/8982 parameters, fetch. */
  async query(input: RdapQueryInput): Promise<RdapQueryView> {
    const start = performance.now();
    const fail = (code: RdapErrorCode, message: string, picked: RdapQueryView["picked"] = null) => ({
      picked,
      result: { ok: false as const, url: "", ms: performance.now() - start, error: { code, message } },
    });
    const c = pickQuery(input);
    if (!c.ok) return fail("bad-query", c.reason);
    const search =
      c.query.kind === "domains" || c.query.kind === "nameservers" || c.query.kind === "entities";
    const picked = { type: c.query.kind, normalized: c.normalized, search };
    const client = this.usable();
    if (typeof client === "string") return fail("no-server", client, picked);
    const options: SearchOptions = {};
    if (search) {
      try {
        if (input.sort) options.sort = parseSort(input.sort);
      } catch (e) {
        if (e instanceof QueryError) return fail("bad-query", e.message, picked);
        throw e;
      }
      if (input.count ?? true) options.count = true;
      if (input.fieldSet) options.fieldSet = input.fieldSet;
      if (input.cursor) options.cursor = input.cursor;
    } else if (input.sort || input.fieldSet || input.cursor) {
      return fail("bad-query", "sort, field set and cursor apply only to searches", picked);
    }
    return { picked, result: this.view(await client.query(c.query, options), start) };
  }

  /** Follows a server's paging link (RFC 8977 `next`); the guard decides whether it may be fetched. */
  async follow(url: string): Promise<RdapView> {
    const start = performance.now();
    const client = this.usable();
    if (typeof client === "string")
      return { ok: false, url, ms: 0, error: { code: "no-server", message: client } };
    return this.view(await client.fetch(url), start);
  }

  /** The object at `url`, then its `related` RDAP links (the registrar's server), at most 3. */
  async related(url: string): Promise<RdapView[]> {
    const start = performance.now();
    const client = this.usable();
    if (typeof client === "string")
      return [{ ok: false, url, ms: 0, error: { code: "no-server", message: client } }];
    const first = await client.fetch(url);
    if (!first.ok) return [this.view(first, start)];
    if (!first.response.object || !relatedRdapLinks(first.response.object).length)
      return [
        {
          ok: false,
          url,
          ms: performance.now() - start,
          error: { code: "no-related", message: "the object has no related RDAP link" },
        },
      ];
    const out = await client.related(first);
    return out.map((r) => this.view(r, start));
  }

  /** For the health tile: configured or not, and how the last query went. */
  async health(): Promise<{ health: "ok" | "degraded" | "not_configured"; summary: string }> {
    if (!this.enabled)
      return { health: "not_configured", summary: "RDAP is disabled in configuration (rdap.enabled)" };
    if (this.configError)
      return { health: "degraded", summary: `configuration unusable: ${this.configError}` };
    const refreshed = [...this.registries.values()].filter((r) => r.source === "refreshed").length;
    const boot = refreshed
      ? `IANA bootstrap refreshed (${refreshed}/${this.registries.size} files)`
      : "IANA bootstrap snapshot";
    const where = this.labUrl
      ? `lab RDAP server ${this.labUrl} for .example, ${boot} elsewhere`
      : `${boot}${this.overrideCount ? ` + ${this.overrideCount} override(s)` : ""}`;
    // A failed refresh leaves working registries in use: visible here, but not a degradation.
    const refresh = this.refreshError
      ? `; bootstrap refresh off: ${this.refreshError}`
      : this.lastRefresh && !this.lastRefresh.ok
        ? `; bootstrap refresh failed (kept the previous files): ${this.lastRefresh.failures[0]}${this.lastRefresh.failures.length > 1 ? ` (+${this.lastRefresh.failures.length - 1} more)` : ""}`
        : "";
    const last = this.last
      ? this.last.ok
        ? "; last query answered"
        : `; last query failed: ${this.last.message}`
      : "; no query yet";
    return { health: "ok", summary: `${where}${last}${refresh}` };
  }

  /** The lookups still fresh in the HTTP cache (for search and entity pages). */
  cachedLookups(): { url: string; status: number; body: string }[] {
    return this.client?.cachedResponses() ?? [];
  }

  /** The last EPP ↔ RDAP consistency report (consistency.ts), or null before the first run. */
  consistencyReport(): ConsistencyReport | null {
    return this.consistency;
  }

  recordConsistency(report: ConsistencyReport): void {
    this.consistency = report;
  }

  /** The checker the consistency job runs (module.ts), which "check now" runs too. */
  private checker: { run(trigger: "manual"): Promise<ConsistencyReport> } | null = null;
  attachConsistencyChecker(c: { run(trigger: "manual"): Promise<ConsistencyReport> }): void {
    this.checker = c;
  }

  /** Runs the EPP ↔ RDAP consistency check now (an operator's "check now"). */
  async checkConsistencyNow(): Promise<ConsistencyReport> {
    if (!this.checker)
      throw new DomainError("unavailable", this.usableReason() ?? "the consistency check is not set up");
    return this.checker.run("manual");
  }

  /** Why no lookup can be made (disabled, bad configuration), or null. */
  usableReason(): string | null {
    const c = this.usable();
    return typeof c === "string" ? c : null;
  }

  private usable(): RdapClient | string {
    if (!this.enabled) return "RDAP is disabled in configuration (rdap.enabled: false)";
    if (!this.client) return `RDAP configuration unusable: ${this.configError}`;
    return this.client;
  }

  private view(r: RdapResult, start: number): RdapView {
    const ms = performance.now() - start;
    this.last = { at: this.now(), ok: r.ok, message: r.ok ? "" : r.error.message };
    if (!r.ok) return { ok: false, url: r.url, ms, error: r.error };
    // An RFC 9083 §6 error body (400, 404 …) is the server's answer to this query: report it as such.
    const e = r.response.error;
    if (r.response.kind === "error" || r.status !== 200) {
      const what = e ? [e.title, ...e.description].filter(Boolean).join(": ") : "no RDAP error body";
      return {
        ok: false,
        url: r.url,
        ms,
        error: { code: "http", message: `HTTP ${r.status}: ${what}`, status: r.status },
      };
    }
    return {
      ok: true,
      url: r.url,
      finalUrl: r.finalUrl,
      status: r.status,
      fromCache: r.fromCache,
      ms,
      response: r.response,
      metadata: summarizeMetadata(r.response),
      findings: r.response.findings,
      related: r.response.object
        ? relatedRdapLinks(r.response.object).map((u) => new URL(u, r.finalUrl).href)
        : [],
      raw: r.body,
    };
  }
}
