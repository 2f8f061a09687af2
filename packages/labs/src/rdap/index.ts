/** Demo only: the lab RDAP server, and the console's RDAP options pointed at it. */
import { existsSync } from "node:fs";
import path from "node:path";
import type { RdapServiceOptions as RdapOptions } from "@netops/api";
import type { Logger } from "pino";
import { seedRdapDemoPortfolio } from "./demo";
import { RegistryLabRdapStore } from "./registry-store";
import { type LabRdapServer, startLabRdapServer } from "./server";
import { SeededLabRdapStore, SwitchableLabRdapStore } from "./store";

export { type LabRdapServer, type LabRdapServerOptions, startLabRdapServer } from "./server";
export {
  type LabDomain,
  type LabEntity,
  type LabNameserver,
  type LabRdapStore,
  SeededLabRdapStore,
  SwitchableLabRdapStore,
} from "./store";
export { RegistryLabRdapStore, rdapStatus } from "./registry-store";
export { RDAP_DEMO_REGISTRAR, seedRdapDemoPortfolio } from "./demo";

/**
 * The RdapService options pointed at the lab server for `.example` and for searches the bootstrap
 * cannot place (allowed over http to loopback, and only that host).
 */
export function rdapLabOptions(base: RdapOptions, lab: { baseUrl: string; host: string }): RdapOptions {
  const overrides = base.overrides ?? { dns: {}, ip: {}, asn: {}, tags: {}, default: [] };
  return {
    ...base,
    enabled: true,
    labUrl: lab.baseUrl,
    overrides: {
      ...overrides,
      dns: { ...overrides.dns, example: [lab.baseUrl] },
      default: overrides.default?.length ? overrides.default : [lab.baseUrl],
    },
    privateHosts: [...(base.privateHosts ?? []), lab.host],
    httpHosts: [...(base.httpHosts ?? []), lab.host],
  };
}

/**
 * Where the LAB EPP registry keeps its database: `<dataDir>/epp-lab` (packages/labs/src/epp/index.ts)
 * and `lab-registry.sqlite` in it (packages/labs/src/epp/server.ts).
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
