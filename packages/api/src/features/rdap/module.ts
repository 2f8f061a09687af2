/** The RDAP subsystem: the client from configuration, the bootstrap refresh and EPP ↔ RDAP check jobs, its tile. */
import { subsystemDescriptor } from "@netops/protocols";
import type { Config } from "@netops/config";
import { defineModule, type Job } from "../../modules/contract";
import type { CoreServices } from "../../services/core";
import type { ServiceOptions, Services } from "../../services";
import { RdapConsistencyChecker } from "./consistency";
import { ConsistencyHistory, rdapTimeline } from "./consistency-history";
import { rdapRouter } from "./router";
import { RdapService, type RdapServiceOptions } from "./service";
import { rdapEntity, rdapSearch } from "./search";

/** Every five minutes: the EPP host cache against the registry's RDAP nameserver objects. */
export const RDAP_CONSISTENCY_EVERY_MS = 5 * 60_000;

/** netops.yaml `rdap:` → the RdapService options. */
export function rdapServiceOptions(config: Config): RdapServiceOptions {
  const c = config.rdap;
  return {
    enabled: c.enabled,
    overrides: c.bootstrap,
    allowedHosts: c.allowedHosts,
    privateHosts: c.privateHosts,
    httpHosts: c.httpHosts,
    timeoutMs: c.timeoutMs,
    perHostConcurrency: c.perHostConcurrency,
    maxBodyBytes: c.maxBodyBytes,
    ...(c.bootstrapRefreshHours > 0 && {
      bootstrapRefresh: {
        url: c.bootstrapUrl,
        // A local mirror on a private address must be listed like any other private host.
        allowPrivate: c.privateHosts.map((h) => h.toLowerCase()).includes(new URL(c.bootstrapUrl).hostname),
        timeoutMs: c.timeoutMs,
      },
    }),
  };
}

/**
 * The bootstrap refresh job (none when `rdap.bootstrapRefreshHours` is 0 or RDAP is off), and the
 * EPP ↔ RDAP consistency check (whenever RDAP is on; it has nothing to do without EPP hosts).
 */
export function rdapJobs(services: Services, config: Config): Job[] {
  const jobs: Job[] = [];
  if (services.rdap.enabled) {
    const checker = new RdapConsistencyChecker(services.rdap, services.registry, services.alerts, {
      now: services.now,
      history: new ConsistencyHistory(services.db),
    });
    // One checker for the job and an operator's "check now" (rdap.checkConsistency).
    services.rdap.attachConsistencyChecker(checker);
    jobs.push({
      name: "rdap-consistency",
      everyMs: RDAP_CONSISTENCY_EVERY_MS,
      // Not at start, like the bootstrap refresh: a console that runs for a minute (tests, a
      // quick look at the demo) makes no lookups of its own; the host cache is filled by then.
      firstRunAfterMs: RDAP_CONSISTENCY_EVERY_MS,
      run: () => checker.run("schedule"),
    });
  }
  const hours = config.rdap.bootstrapRefreshHours;
  if (!config.rdap.enabled || hours <= 0) return jobs;
  return [
    {
      name: "rdap-bootstrap-refresh",
      everyMs: Math.round(hours * 3_600_000),
      // Not at start: a console that runs for minutes (tests, a quick demo) never reaches out,
      // and a long-running one refreshes ten minutes in, then every period.
      firstRunAfterMs: 10 * 60_000,
      run: () => services.rdap.refreshBootstrap(),
    },
    ...jobs,
  ];
}

/** Its service, typed against the core services only (modules/index.ts infers `Services` from it). */
export const createService = (core: CoreServices, o: ServiceOptions) =>
  new RdapService({
    ...o.rdap,
    // Viewers see "connection failed"; the cause goes to the log.
    client: { onFailure: (i) => core.logger.warn(i, "RDAP request failed"), ...o.rdap?.client },
  });

export const subsystemModule = defineModule({
  descriptor: subsystemDescriptor("rdap"),
  router: rdapRouter,
  options: (config) => ({ rdap: rdapServiceOptions(config) }),
  create: createService,
  jobs: ({ services, config }) => rdapJobs(services, config),
  // Configured or not, and how the last query went (no probing of servers).
  health:
    ({ services }) =>
    () =>
      services.rdap.health(),
  // Verdict changes are kept as long as alert history (alerts.historyDays).
  housekeep: async ({ services, config }) => {
    await new ConsistencyHistory(services.db).purge(config.alerts.historyDays, services.now());
  },
  search: rdapSearch,
  entityLinks: rdapEntity,
  timeline: rdapTimeline,
});
