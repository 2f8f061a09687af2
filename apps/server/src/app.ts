import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { createServices, type Services } from "@netops/api";
import { type LoadedConfig, loadSecretKey } from "@netops/config";
import { applyMigrations, createDb } from "@netops/db";
import pino, { type Logger } from "pino";
import { bootstrap, DEMO_USERS } from "./bootstrap";
import { securityCheck } from "./checks";
import { createHttpServer } from "./http";
import { bgpServiceOptions, startBgp } from "./bgp";
import { dhcpFileLimits, dhcpJobs, registerDhcpHealth, startDhcpLab } from "./dhcp";
import { dnsLimits, startDns } from "./dns";
import { eppServiceOptions, startEpp } from "./epp";
import { rdapJobs, rdapServiceOptions, registerRdapHealth, startRdapLab } from "./rdap";
import { startScheduler } from "./jobs";
import { createMetrics } from "./metrics";

export interface StartOptions {
  config: LoadedConfig;
  env?: Record<string, string | undefined>;
  /** Seed demo users and data into a brand-new database. */
  demo?: boolean;
  logger?: Logger;
  print?: (s: string) => void;
  fetch?: typeof fetch;
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
  const dbFile = config.database.url.slice("file:".length);
  const dataDir = path.dirname(dbFile);
  const applied = applyMigrations(config.database.url);
  if (applied.length) logger.info({ applied }, "database migrations applied");
  const db = createDb(config.database.url);
  const secret = loadSecretKey(dataDir, env);
  const publicOrigin =
    config.server.publicOrigin ??
    `http://${config.server.host.includes(":") ? `[${config.server.host}]` : config.server.host}:${config.server.port}`;
  // Demo: the lab RDAP server first, so the console is configured to query it.
  const rdapLab = opts.demo ? await startRdapLab() : null;
  const services = createServices(db, logger, {
    sessionTtlHours: config.auth.sessionTtlHours,
    loginMaxFailures: config.auth.loginMaxFailures,
    loginWindowSeconds: config.auth.loginWindowSeconds,
    secretKey: secret.key,
    publicOrigin,
    webhook: {
      timeoutMs: config.alerts.webhookTimeoutMs,
      maxAttempts: config.alerts.webhookMaxAttempts,
      backoffMs: config.alerts.webhookBackoffMs,
      repeatIntervalMs: config.alerts.repeatIntervalMinutes * 60_000,
      concurrency: config.alerts.webhookConcurrency,
    },
    bgp: bgpServiceOptions(env, config.bgp),
    registry: eppServiceOptions(config.epp),
    dns: dnsLimits(config, opts.demo ?? false),
    dhcp: dhcpFileLimits(config, opts.demo ?? false, dataDir),
    kea: { agents: config.dhcp.keaAgents, socketDirs: config.dhcp.keaSocketDirs },
    rdap: rdapServiceOptions(config, rdapLab),
    ...(opts.fetch && { fetch: opts.fetch }),
  });
  await bootstrap(services, {
    env,
    demo: opts.demo ?? false,
    dataDir,
    print: opts.print ?? ((s) => process.stdout.write(s)),
  });

  // Alerts from older versions quoted webhook URLs (which can carry a credential) to viewers.
  await services.webhooks.redactStoredUrls();
  const interval = config.jobs.intervalSeconds * 1000;
  const bgp = await startBgp(services, {
    env,
    file: config.bgp,
    demo: opts.demo ?? false,
    intervalMs: interval,
  });
  registerDhcpHealth(services);
  registerRdapHealth(services);
  const stopDhcpLab = opts.demo ? await startDhcpLab(services, dataDir, Math.min(5000, Math.max(1000, interval))) : null;
  const dns = await startDns(services, { demo: opts.demo ?? false, intervalMs: interval });
  const epp = await startEpp(services, { demo: opts.demo ?? false, dataDir, intervalMs: interval });
  // Demo: the lab RDAP server publishes the lab registry's objects (seeded data if it did not start).
  rdapLab?.serveRegistry(dataDir, logger);
  const scheduler = startScheduler(services, [
    ...bgp.jobs,
    ...dns.jobs,
    ...epp.jobs,
    ...dhcpJobs(services, interval),
    ...rdapJobs(services, config),
    {
      name: "webhook-delivery",
      everyMs: Math.min(1000, interval),
      // Starts per-receiver workers and returns: a receiver that hangs does not hold up the next tick.
      run: () => services.webhooks.dispatch(),
    },
    {
      name: "alert-reminders",
      everyMs: Math.max(interval, 60_000),
      run: () => services.webhooks.repeatFiring(),
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
        await services.alerts.purgeResolved(config.alerts.historyDays);
        await services.webhooks.purgeDeliveries(config.alerts.webhookHistoryDays);
        await services.jobs.purgeOlderThan(7);
        await services.registry.purgeTranscript();
      },
    },
  ]);

  const metrics = createMetrics(services, { syslog: () => bgp.syslog?.stats() ?? null });
  let ready = false;
  const server = createHttpServer({
    services,
    metrics,
    webDist: config.server.webDist ?? null,
    maxBodyBytes: config.server.maxBodyBytes,
    maxBatchSize: config.server.maxBatchSize,
    isReady: () => ready,
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
        await dns.stop();
        await scheduler.stop();
        await services.webhooks.close();
        await bgp.stop();
        await epp.stop();
        stopDhcpLab?.();
        await rdapLab?.close();
        services.dhcp.close();
        setTimeout(() => server.closeAllConnections(), 200).unref();
        await closed;
        clearTimeout(grace);
        metrics.stop();
        await db.$disconnect();
        logger.info("console stopped");
      })();
      return stopping;
    },
  };
}
