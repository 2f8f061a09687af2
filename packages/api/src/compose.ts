/**
 * The one composition root: the server (apps/server/src/app.ts) and the CLI
 * (packages/cli/src/context.ts) build their services, jobs and collectors here, from the same
 * configuration, by iterating the registered subsystem modules.
 */
import type { LoadedConfig } from "@netops/config";
import type { Db } from "@netops/db";
import type { Logger } from "pino";
import { type Collector, type FeatureRoute, type Job, MODULES, type ModuleRuntime } from "./modules";
import { createServices, type ServiceOptions, type Services } from "./services";

/** `server.publicOrigin`, or the listen address as a URL (IPv6 in brackets). */
export function publicOriginOf(config: LoadedConfig): string {
  const { host, port, publicOrigin } = config.server;
  return publicOrigin ?? `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
}

/** Every service option from configuration: the console's own, then each module's part. */
export function serviceOptionsFrom(
  config: LoadedConfig,
  env: Record<string, string | undefined>,
  secretKey: string,
): ServiceOptions {
  let opts: ServiceOptions = {
    sessionTtlHours: config.auth.sessionTtlHours,
    loginMaxFailures: config.auth.loginMaxFailures,
    loginWindowSeconds: config.auth.loginWindowSeconds,
    sessionCacheSeconds: config.auth.sessionCacheSeconds,
    secretKey,
    publicOrigin: publicOriginOf(config),
    webhook: {
      timeoutMs: config.alerts.webhookTimeoutMs,
      maxAttempts: config.alerts.webhookMaxAttempts,
      backoffMs: config.alerts.webhookBackoffMs,
      repeatIntervalMs: config.alerts.repeatIntervalMinutes * 60_000,
      concurrency: config.alerts.webhookConcurrency,
    },
  };
  for (const m of MODULES) opts = { ...opts, ...m.options(config, env) };
  return opts;
}

export interface ComposeOptions {
  config: LoadedConfig;
  env: Record<string, string | undefined>;
  db: Db;
  logger: Logger;
  secretKey: string;
  fetch?: typeof fetch;
  now?: () => Date;
  /** Last word on the options (the demo adds its lab folders and servers here). */
  adjust?: (opts: ServiceOptions) => ServiceOptions;
}

export interface ComposedConsole {
  services: Services;
  options: ServiceOptions;
  modules: typeof MODULES;
  runtime: ModuleRuntime;
  /** Every module's jobs (the console's own are the server's). */
  jobs: Job[];
  collectors: readonly Collector[];
  routes: readonly FeatureRoute[];
  /** Each module's housekeeping (purging old rows). */
  housekeep(): Promise<void>;
  /** Starts the collectors in order; a failure stops those already started and is thrown. */
  startCollectors(): Promise<void>;
  /** Tells the modules the console is stopping (cancels work in flight). */
  stopping(): void;
  /** Stops the collectors (last first), then closes the modules. The database stays open. */
  close(): Promise<void>;
}

export function composeConsole(o: ComposeOptions): ComposedConsole {
  let options = serviceOptionsFrom(o.config, o.env, o.secretKey);
  if (o.fetch) options.fetch = o.fetch;
  if (o.now) options.now = o.now;
  if (o.adjust) options = o.adjust(options);
  const services = createServices(o.db, o.logger, options);
  const collectors: Collector[] = [];
  const runtime: ModuleRuntime = {
    services,
    config: o.config,
    env: o.env,
    intervalMs: o.config.jobs.intervalSeconds * 1000,
    options,
    collectors,
  };
  for (const m of MODULES) {
    services.health.register(m.descriptor.id, m.health(runtime));
    collectors.push(...(m.collectors?.(runtime) ?? []));
  }
  const started: Collector[] = [];
  const stopStarted = async () => {
    for (const c of started.splice(0).reverse()) await c.stop();
  };
  return {
    services,
    options,
    modules: MODULES,
    runtime,
    jobs: MODULES.flatMap((m) => m.jobs(runtime)),
    collectors,
    routes: MODULES.flatMap((m) => m.routes ?? []),
    async housekeep() {
      for (const m of MODULES) await m.housekeep?.(runtime);
    },
    async startCollectors() {
      try {
        for (const c of collectors) {
          await c.start();
          started.push(c);
        }
      } catch (e) {
        await stopStarted();
        throw e;
      }
    },
    stopping() {
      for (const m of MODULES) m.stopping?.(runtime);
    },
    async close() {
      await stopStarted();
      for (const m of MODULES) await m.close?.(runtime);
    },
  };
}
