/** RDAP wiring for the server: the client's options from configuration, health, the demo's lab server. */
import { existsSync } from "node:fs";
import path from "node:path";
import { RdapConsistencyChecker, type RdapServiceOptions as RdapOptions, type Services } from "@netops/api";
import type { Config } from "@netops/config";
import type { Logger } from "pino";
import type { JobSpec } from "../jobs";
import { seedRdapDemoPortfolio } from "./lab/demo";
import { RegistryLabRdapStore } from "./lab/registry-store";
import { type LabRdapServer, startLabRdapServer } from "./lab/server";
import { SeededLabRdapStore, SwitchableLabRdapStore } from "./lab/store";

export { type LabRdapServer, type LabRdapServerOptions, startLabRdapServer } from "./lab/server";
export {
  type LabDomain,
  type LabEntity,
  type LabNameserver,
  type LabRdapStore,
  SeededLabRdapStore,
  SwitchableLabRdapStore,
} from "./lab/store";
export { RegistryLabRdapStore, rdapStatus } from "./lab/registry-store";
export { RDAP_DEMO_REGISTRAR, seedRdapDemoPortfolio } from "./lab/demo";

/**
 * The RdapService options: configuration, plus in demo mode the lab server for `.example` and
 * for searches the bootstrap cannot place (allowed over http to loopback, and only that host).
 */
export function rdapServiceOptions(
  config: Config,
  lab: { baseUrl: string; host: string } | null,
): RdapOptions {
  const c = config.rdap;
  const base: RdapOptions = {
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
  if (!lab) return base;
  return {
    ...base,
    enabled: true,
    labUrl: lab.baseUrl,
    overrides: {
      ...c.bootstrap,
      dns: { ...c.bootstrap.dns, example: [lab.baseUrl] },
      default: c.bootstrap.default.length ? c.bootstrap.default : [lab.baseUrl],
    },
    privateHosts: [...c.privateHosts, lab.host],
    httpHosts: [...c.httpHosts, lab.host],
  };
}

/** Every five minutes: the EPP host cache against the registry's RDAP nameserver objects. */
export const RDAP_CONSISTENCY_EVERY_MS = 5 * 60_000;

/**
 * The bootstrap refresh job (none when `rdap.bootstrapRefreshHours` is 0 or RDAP is off), and the
 * EPP ↔ RDAP consistency check (whenever RDAP is on; it has nothing to do without EPP hosts).
 */
export function rdapJobs(services: Services, config: Config): JobSpec[] {
  const jobs: JobSpec[] = [];
  if (services.rdap.enabled) {
    const checker = new RdapConsistencyChecker(services.rdap, services.registry, services.alerts);
    jobs.push({
      name: "rdap-consistency",
      everyMs: RDAP_CONSISTENCY_EVERY_MS,
      // Not at start, like the bootstrap refresh: a console that runs for a minute (tests, a
      // quick look at the demo) makes no lookups of its own; the host cache is filled by then.
      firstRunAfterMs: RDAP_CONSISTENCY_EVERY_MS,
      run: () => checker.run(),
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

/** The health tile: configured or not, and how the last query went (no probing of servers). */
export function registerRdapHealth(services: Services): void {
  services.health.register("rdap", async () => services.rdap.status());
}

/**
 * Where the LAB EPP registry keeps its database: `<dataDir>/epp-lab` (apps/server/src/epp/index.ts)
 * and `lab-registry.sqlite` in it (apps/server/src/epp/lab/server.ts).
 */
export const labRegistryFile = (dataDir: string) => path.join(dataDir, "epp-lab", "lab-registry.sqlite");

export interface DemoRdapLab extends LabRdapServer {
  /** What it serves now: the lab registry's objects, or the seeded dataset. */
  readonly serving: "registry" | "seeded";
  /**
   * Switches to the lab registry's database once the registry has started (adding the demo
   * portfolio to it); keeps the seeded dataset when the registry has no database.
   */
  serveRegistry(dataDir: string, logger?: Logger): boolean;
}

/**
 * Demo only: the lab RDAP server on a free loopback port. It starts before the lab registry (the
 * console is configured with its URL), over the seeded dataset until `serveRegistry`.
 */
export async function startRdapLab(): Promise<DemoRdapLab> {
  const store = new SwitchableLabRdapStore(new SeededLabRdapStore());
  const server = await startLabRdapServer({ store, host: "127.0.0.1", port: 0, pageSize: 10 });
  let registry: RegistryLabRdapStore | null = null;
  return {
    baseUrl: server.baseUrl,
    host: server.host,
    port: server.port,
    get serving() {
      return registry ? "registry" : "seeded";
    },
    serveRegistry(dataDir, logger) {
      const file = labRegistryFile(dataDir);
      if (registry) return true;
      if (!existsSync(file)) {
        logger?.warn({ file }, "lab RDAP server: no lab registry database; serving the seeded lab dataset");
        return false;
      }
      try {
        seedRdapDemoPortfolio(file);
        registry = RegistryLabRdapStore.open(file);
        store.use(registry);
        return true;
      } catch (err) {
        logger?.error(
          { err },
          "lab RDAP server: cannot read the lab registry; serving the seeded lab dataset",
        );
        return false;
      }
    },
    async close() {
      await server.close();
      registry?.close();
    },
  };
}
