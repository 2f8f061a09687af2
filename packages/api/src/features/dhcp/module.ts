/** The DHCP subsystem: the collection job, its tile, its router and the lease export route. */
import { subsystemDescriptor } from "@netops/protocols";
import { defineModule } from "../../modules/contract";
import type { ServiceOptions } from "../../services";
import type { CoreServices } from "../../services/core";
import { dhcpRoutes } from "./export-route";
import { dhcpRouter } from "./router";
import { dhcpEntity, dhcpSearch, dhcpTimeline } from "./search";
import { DhcpService } from "./service";

/** Its service, typed against the core services only (modules/index.ts infers `Services` from it). */
export const createService = (core: CoreServices, o: ServiceOptions) =>
  new DhcpService(core.db, core.alerts, {
    now: core.now,
    ...(o.dhcp && { files: o.dhcp }),
    ...(o.kea && { kea: o.kea }),
    ...(core.fetch && { fetch: core.fetch }),
  });

export const subsystemModule = defineModule({
  descriptor: subsystemDescriptor("dhcp"),
  router: dhcpRouter,
  options: (config) => ({
    dhcp: { leaseDirs: config.dhcp.leaseDirs, maxLeaseFileBytes: config.dhcp.maxLeaseFileBytes },
    kea: { agents: config.dhcp.keaAgents, socketDirs: config.dhcp.keaSocketDirs },
  }),
  create: createService,
  // Reads every enabled source, then utilization and alerts.
  jobs: ({ services, intervalMs }) => [
    { name: "dhcp-collect", everyMs: intervalMs, run: () => services.dhcp.runDue() },
  ],
  health:
    ({ services }) =>
    () =>
      services.dhcp.health(),
  routes: dhcpRoutes,
  // Threshold crossings are kept as long as alert history (alerts.historyDays).
  housekeep: async ({ services, config }) => {
    await services.dhcp.purgeHistory(config.alerts.historyDays);
  },
  close: async ({ services }) => services.dhcp.close(),
  search: dhcpSearch,
  entityLinks: dhcpEntity,
  timeline: dhcpTimeline,
});
