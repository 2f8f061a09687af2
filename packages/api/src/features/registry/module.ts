/** The registry (EPP) subsystem: sessions kept up and poll queues read by its job, its tile, its router. */
import { subsystemDescriptor } from "@netops/protocols";
import { defineModule } from "../../modules/contract";
import type { ServiceOptions } from "../../services";
import type { CoreServices } from "../../services/core";
import { registryRouter } from "./router";
import { RegistryService } from "./service";
import { registryEntity, registrySearch, registryTimeline } from "./search";

/** Its service, typed against the core services only (modules/index.ts infers `Services` from it). */
export const createService = (core: CoreServices, o: ServiceOptions) =>
  new RegistryService(core.db, core.box, core.alerts, core.logger, core.now, o.registry);

export const subsystemModule = defineModule({
  descriptor: subsystemDescriptor("registry"),
  router: registryRouter,
  options: (config) => ({
    registry: {
      commandTimeoutMs: config.epp.commandTimeoutSeconds * 1000,
      keepaliveMs: config.epp.keepaliveSeconds * 1000,
      hostMaxAgeMs: config.epp.hostRefreshMinutes * 60_000,
      transcriptDays: config.epp.transcriptDays,
      transcriptMaxRows: config.epp.transcriptMaxRows,
      allowedServers: config.epp.allowedServers,
    },
  }),
  create: createService,
  jobs: ({ services, intervalMs }) => [
    { name: "registry-epp", everyMs: intervalMs, run: () => services.registry.runDue() },
  ],
  health:
    ({ services }) =>
    () =>
      services.registry.health(),
  housekeep: async ({ services }) => {
    await services.registry.purgeTranscript();
  },
  close: ({ services }) => services.registry.close(),
  search: registrySearch,
  entityLinks: registryEntity,
  timeline: registryTimeline,
});
