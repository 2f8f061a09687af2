/** RDAP wiring for the server: the client's options from configuration, health, the demo's lab server. */
import type { RdapServiceOptions as RdapOptions, Services } from "@netops/api";
import type { Config } from "@netops/config";
import { startLabRdapServer } from "./lab/server";
import { SeededLabRdapStore } from "./lab/store";

export { type LabRdapServer, type LabRdapServerOptions, startLabRdapServer } from "./lab/server";
export {
  type LabDomain,
  type LabEntity,
  type LabNameserver,
  type LabRdapStore,
  SeededLabRdapStore,
} from "./lab/store";

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

/** The health tile: configured or not, and how the last query went (no probing of servers). */
export function registerRdapHealth(services: Services): void {
  services.health.register("rdap", async () => services.rdap.status());
}

/** Demo only: the lab RDAP server over the seeded lab dataset, on a free loopback port. */
export async function startRdapLab() {
  return startLabRdapServer({ store: new SeededLabRdapStore(), host: "127.0.0.1", port: 0, pageSize: 10 });
}
