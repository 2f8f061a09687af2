/**
 * What one subsystem (registry, rdap, dns, dhcp, bgp, …) tells the console about itself. The
 * server, the CLI, health, the overview, alert-source validation, navigation and the mocks iterate
 * the registered modules (./index.ts) instead of naming subsystems one by one.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Config } from "@netops/config";
import type {
  ClassifiedQuery,
  EntityRef,
  EntitySection,
  Health,
  Role,
  SearchHit,
  Severity,
  SubsystemDescriptor,
  TimelineEvent,
} from "@netops/protocols";
import type { AnyRouter } from "@trpc/server";
import type { Context } from "../context";
import type { ServiceOptions, Services } from "../services";
import type { CoreServices } from "../services/core";
import type { WorkFence } from "../services/ownership";

/** A job the scheduler runs every `everyMs`, never overlapping itself. */
export interface Job {
  name: string;
  everyMs: number;
  /** Delay before the first run; by default a job runs once right at start. */
  firstRunAfterMs?: number;
  /**
   * One run. On a replica the scheduler passes the lease's fence (services/ownership.ts): writes
   * that must not happen twice go through `fence.write` (or check `fence.stillOwner()` first).
   */
  run: (fence?: WorkFence) => Promise<unknown>;
}

/** A listener or poller that runs beside the jobs (a BMP listener, a syslog receiver, a log follower). */
export interface Collector {
  /** Stable name, e.g. `bgp-bmp`; the demo and the metrics find collectors by it. */
  readonly name: string;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** The subsystem's own state for its overview tile; firing alerts are added by the health service. */
export type HealthProbe = () => Promise<{ health: Health; summary: string }>;

/**
 * A subsystem's own HTTP route beside tRPC, for what tRPC does badly: streamed downloads. GET only.
 * http.ts resolves the caller like /metrics does (session cookie or API token), answers 401 / 403
 * itself, and only then calls `handle`; a handler never sees an anonymous request.
 */
export interface FeatureRoute {
  /** Exact pathname, under /api/export/ (the prefix http.ts hands to these routes). */
  path: string;
  role: Role;
  handle(args: {
    services: Services;
    user: NonNullable<Context["user"]>;
    /** The client's address (behind a trusted proxy, the one it forwarded). */
    ip: string;
    url: URL;
    req: IncomingMessage;
    res: ServerResponse;
  }): Promise<void>;
}

/** What a module's jobs, probe, collectors and hooks are given once every service exists. */
export interface ModuleRuntime {
  services: Services;
  config: Config;
  env: Record<string, string | undefined>;
  /** `jobs.intervalSeconds` in milliseconds. */
  intervalMs: number;
  /** The service options the services were built with (configuration, plus the demo's additions). */
  options: ServiceOptions;
  /** Every module's collectors, once created. */
  collectors: readonly Collector[];
}

// Search, entity pages and the timeline (packages/api/src/search/ calls them; the shapes are
// @netops/protocols search.ts). Each answers for its own subsystem only, bounded: indexed lookups
// and LIMITs, never a scan of a table that grows without bound.

/** What a provider is told about the caller: hits a role may not read are never returned. */
export interface SearchScope {
  role: Role;
  /** Hits (or items) wanted; a provider may return up to one more, to say there are more. */
  limit: number;
}

/** One subsystem's answers to a classified query (every reading of it the provider understands). */
export interface SearchProvider {
  search(query: ClassifiedQuery, scope: SearchScope): Promise<SearchHit[]>;
}

/** One subsystem's sections of an entity page (canonical entity; none when it knows nothing). */
export interface EntityLinkProvider {
  sections(entity: EntityRef, scope: SearchScope): Promise<EntitySection[]>;
}

export interface TimelineQuery {
  from: Date;
  /** Inclusive; the service lowers it to the cursor's time when paging. */
  to: Date;
  entity?: EntityRef;
  severities?: Severity[];
  role: Role;
  /** Newest first, at most this many (ties at the cursor time are filtered by the service). */
  limit: number;
}

/** This subsystem's events on the shared timeline, newest first. */
export interface TimelineSource {
  events(q: TimelineQuery): Promise<TimelineEvent[]>;
}

/**
 * One subsystem. `Id` is its descriptor's id (packages/protocols/src/console/subsystems.ts) and
 * the key of its service in `Services` and of its router in the API.
 */
export interface SubsystemModule<Id extends string = string, S = unknown, R extends AnyRouter = AnyRouter> {
  descriptor: SubsystemDescriptor & { readonly id: Id };
  router: R;
  /** Its part of the service options, from configuration (the same for the server and the CLI). */
  options(config: Config, env: Record<string, string | undefined>): Partial<ServiceOptions>;
  /** Its service, from the core services and the options (its keys of `ServiceOptions`). */
  create(core: CoreServices, options: ServiceOptions): S;
  jobs(rt: ModuleRuntime): Job[];
  health(rt: ModuleRuntime): HealthProbe;
  collectors?(rt: ModuleRuntime): Collector[];
  routes?: readonly FeatureRoute[];
  /** Part of the housekeeping job (purging old rows), run with the console's own. */
  housekeep?(rt: ModuleRuntime): Promise<void>;
  /** The console is stopping: cancel work in flight so running jobs end soon. */
  stopping?(rt: ModuleRuntime): void;
  /** After the jobs and collectors have stopped, before the database closes. */
  close?(rt: ModuleRuntime): Promise<void>;
  /** Search, entity pages and the timeline: built from the services (the API and the CLI have no runtime). */
  search?: (services: Services) => SearchProvider;
  entityLinks?: (services: Services) => EntityLinkProvider;
  timeline?: (services: Services) => TimelineSource;
}

/** Keeps a module's literal id, service and router types (so `Services` and `AppRouter` stay precise). */
export function defineModule<Id extends string, S, R extends AnyRouter>(
  m: SubsystemModule<Id, S, R>,
): SubsystemModule<Id, S, R> {
  return m;
}
