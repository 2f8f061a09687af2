/** The DHCP subsystem: the collection job, its tile, its router and the lease export route. */
import { subsystemDescriptor } from "@netops/protocols";
import { defineModule } from "../../modules/contract";
import { dhcpRoutes } from "./export-route";
import { dhcpRouter } from "./router";
import { DhcpService } from "./service";

export const dhcpModule = defineModule({
  descriptor: subsystemDescriptor("dhcp"),
  router: dhcpRouter,
  options: (config) => ({
    dhcp: { leaseDirs: config.dhcp.leaseDirs, maxLeaseFileBytes: config.dhcp.maxLeaseFileBytes },
    kea: { agents: config.dhcp.keaAgents, socketDirs: config.dhcp.keaSocketDirs },
  }),
  create: (core, o) =>
    new DhcpService(core.db, core.alerts, {
      now: core.now,
      ...(o.dhcp && { files: o.dhcp }),
      ...(o.kea && { kea: o.kea }),
      ...(core.fetch && { fetch: core.fetch }),
    }),
  // Reads every enabled source, then utilization and alerts.
  jobs: ({ services, intervalMs }) => [
    { name: "dhcp-collect", everyMs: intervalMs, run: () => services.dhcp.runDue() },
  ],
  health:
    ({ services }) =>
    () =>
      services.dhcp.health(),
  routes: dhcpRoutes,
  close: async ({ services }) => services.dhcp.close(),
});
