import { ListCache } from "./list-cache";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import {
  bgpListeners,
  type ComposedConsole,
  composeConsole,
  publicOriginOf,
  type ServiceOptions,
  type Services,
  PgEventBridge,
  trustedProxyPrefixes,
  WorkOwnership,
} from "@netops/api";
import { type LoadedConfig, loadSecretKey } from "@netops/config";
import { createDb, engineOf, migrateDatabase } from "@netops/db";
import pino, { type Logger } from "pino";
import { bootstrap, DEMO_USERS } from "./bootstrap";
import { securityCheck } from "./checks";
import { createHttpServer, endLiveStreams } from "./http";
import { type JobSpec, startScheduler } from "./jobs";
import { createMetrics } from "./metrics";

export interface StartOptions {
  config: LoadedConfig;
  env?: Record<string, string | undefined>;
  /** Seed demo users and data into a brand-new database. */
  demo?: boolean;
  logger?: Logger;
  print?: (s: string) => void;
  fetch?: typeof fetch;
  /** The demo's lab servers (apps/server/src/demo.ts); product code passes none. */
  labs?: ConsoleLabs;
}

/** Lab servers beside the console, in demo mode; the interface keeps lab code out of this file. */
export interface ConsoleLabs {
  /** Before the services exist: starts what they must be pointed at; returns the options' adjustment. */
  prepare(ctx: { dataDir: string }): Promise<(o: ServiceOptions) => ServiceOptions>;
  /** Once the services and collectors run, before the jobs start. */
  start(
    composed: ComposedConsole,
    ctx: { dataDir: string; intervalMs: number; logger: Logger },
  ): Promise<void>;
  /** First at stop: ends what sends to the console's collectors. */
  quiesce(): Promise<void>;
  /** Last at stop, once the console's own parts have closed. */
  stop(): Promise<void>;
}

export interface RunningConsole {
  url: string;
  services: Services;
  /** The HTTP server, for tests that need to see requests arrive. */
  http: Server;
  stop(): Promise<void>;
}

/** Migrates, bootstraps, starts the jobs and the HTTP server; stop() undoes all of it in order. */
export async function startConsole(opts: StartOptions): Promise<RunningConsole> {
  const { config } = opts;
  const env = opts.env ?? process.env;
  // Secrets never reach the logs: pino drops these keys wherever they appear.
  const logger =
    opts.logger ??
    pino({
      level: config.log.level,
      redact: {
        paths: [
          "password",
          "*.password",
          "secret",
          "*.secret",
          "token",
          "*.token",
          "req.headers.cookie",
          "req.headers.authorization",
        ],
        censor: "[redacted]",
      },
    });
  const dataDir = config.database.dataDir ?? path.dirname(config.database.url.slice("file:".length));
  // On PostgreSQL the runner holds an advisory lock: replicas starting together migrate once.
  const applied = await migrateDatabase(config.database.url);
  if (applied.length) logger.info({ applied }, "database migrations applied");
  const db = createDb(config.database.url, { pool: config.database.pool });
  const secret = loadSecretKey(dataDir, env);
  const publicOrigin = publicOriginOf(config);
  const adjust = await opts.labs?.prepare({ dataDir });
  // Every subsystem module's service, jobs and collectors, from the same configuration as the CLI's.
  const composed = composeConsole({
    config,
    env,
    db,
    logger,
    secretKey: secret.key,
    ...(opts.fetch && { fetch: opts.fetch }),
    ...(adjust && { adjust }),
  });
  const { services } = composed;
  // Each job is a lease (WorkLease): one replica runs it; a dead replica's jobs move to a survivor
  // within the lease time. One process on SQLite simply owns them all.
  const ownership = new WorkOwnership(db, {
    ...(env.NETOPS_REPLICA_ID && { replicaId: env.NETOPS_REPLICA_ID }),
    ttlMs: Number(env.NETOPS_WORK_LEASE_SECONDS ?? 30) * 1000,
  });
  // What the collectors accept is queued under this replica's name; a claim lasts as long as a lease.
  services.ingestQueue.configure({ replicaId: ownership.replicaId, claimMs: ownership.ttlMs });
  await bootstrap(services, {
    env,
    demo: opts.demo ?? false,
    dataDir,
    print: opts.print ?? ((s) => process.stdout.write(s)),
  });

  // Alerts from older versions quoted webhook URLs (which can carry a credential) to viewers.
  await services.webhooks.redactStoredUrls();
  const interval = config.jobs.intervalSeconds * 1000;
  await composed.startCollectors();
  await opts.labs?.start(composed, { dataDir, intervalMs: interval, logger });
  const jobs: JobSpec[] = [
    ...composed.jobs,
    {
      name: "webhook-delivery",
      everyMs: Math.min(1000, interval),
      // Starts per-receiver workers and returns: a receiver that hangs does not hold up the next tick.
      // Each attempt claims its delivery and checks this run's fence before it sends.
      run: (fence) => services.webhooks.dispatch(fence),
    },
    {
      name: "alert-reminders",
      everyMs: Math.max(interval, 60_000),
      run: (fence) => services.webhooks.repeatFiring(fence),
    },
    {
      name: "security-check",
      everyMs: interval,
      run: () =>
        securityCheck(services, {
          host: config.server.host,
          publicOrigin,
          secretKeyFromEnv: secret.fromEnv,
          demoUsers: DEMO_USERS.map((u) => u.username),
        }),
    },
    {
      name: "housekeeping",
      everyMs: Math.max(interval, 60_000),
      run: async () => {
        await services.auth.purgeExpiredSessions();
        await services.limiter.prune();
        await services.live.prune();
        await services.alerts.purgeResolved(config.alerts.historyDays);
        await services.webhooks.purgeDeliveries(config.alerts.webhookHistoryDays);
        await services.jobs.purgeOlderThan(7);
        await composed.housekeep();
      },
    },
  ];
  ownership.want(...jobs.map((j) => j.name));
  await ownership.start();
  // Every replica stores what dead ones accepted and left in the queue (and, at start, what this
  // one left before a crash, once its claims run out).
  services.ingestQueue.startWorker({ replicaId: ownership.replicaId, claimMs: ownership.ttlMs });
  services.replicas.self = { id: ownership.replicaId, leaseMs: ownership.ttlMs };
  // PostgreSQL: live changes made on any replica reach this replica's SSE subscribers.
  const bridge =
    engineOf(config.database.url) === "postgres"
      ? new PgEventBridge(config.database.url, ownership.replicaId, services.bus, logger)
      : null;
  await bridge?.start();
  const scheduler = startScheduler(services, jobs, { fence: (job) => ownership.fence(job) });

  const listCache = new ListCache({ maxAgeMs: config.server.listCacheMs });
  const metrics = createMetrics(services, {
    listCache,
    syslog: () => bgpListeners(composed.collectors).syslog?.stats() ?? null,
    replica: ownership.replicaId,
  });
  let ready = false;
  const server = createHttpServer({
    services,
    metrics,
    webDist: config.server.webDist ?? null,
    maxBodyBytes: config.server.maxBodyBytes,
    maxBatchSize: config.server.maxBatchSize,
    listCache,
    trustedProxies: trustedProxyPrefixes(config.server.trustedProxies),
    isReady: () => ready,
    replica: { id: ownership.replicaId, owned: () => ownership.ownedNames() },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.server.port, config.server.host, () => resolve());
  });
  ready = true;
  const addr = server.address() as AddressInfo;
  const host = addr.family === "IPv6" ? `[${addr.address}]` : addr.address;
  const url = `http://${host}:${addr.port}`;
  logger.info({ url }, "console listening");

  let stopping: Promise<void> | null = null;
  return {
    url,
    services,
    http: server,
    stop() {
      stopping ??= (async () => {
        ready = false;
        // Stop taking requests, let running ones finish (bounded), then end live streams.
        const closed = new Promise<void>((r) => server.close(() => r()));
        server.closeIdleConnections();
        const grace = setTimeout(() => server.closeAllConnections(), 5000);
        composed.stopping();
        await scheduler.stop();
        // Hands the jobs' leases back, so another replica takes them at its next heartbeat.
        await ownership.stop();
        await bridge?.stop();
        await services.webhooks.close();
        await services.live.settled();
        await opts.labs?.quiesce();
        await composed.close();
        // After the collectors have stored what they queued (their claims renewed until then).
        await services.ingestQueue.stop();
        await opts.labs?.stop();
        // Live streams never finish: end them. Requests still running keep the rest of the grace
        // period; keep-alive connections they leave idle are closed as they become idle.
        endLiveStreams(server);
        const idle = setInterval(() => server.closeIdleConnections(), 50);
        await closed;
        clearInterval(idle);
        clearTimeout(grace);
        metrics.stop();
        await db.$disconnect();
        logger.info("console stopped");
      })();
      return stopping;
    },
  };
}
