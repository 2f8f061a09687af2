/** The DNS zones subsystem: the zone check job, its tile, its router. */
import { subsystemDescriptor } from "@netops/protocols";
import { defineModule } from "../../modules/contract";
import type { ServiceOptions } from "../../services";
import type { CoreServices } from "../../services/core";
import { dnsRouter } from "./router";
import { DEFAULT_DNS_LIMITS, DnsService } from "./service";
import { dnsEntity, dnsSearch, dnsTimeline } from "./search";

/** Its service, typed against the core services only (modules/index.ts infers `Services` from it). */
export const createService = (core: CoreServices, o: ServiceOptions) =>
  new DnsService(
    core.db,
    core.alerts,
    core.box,
    core.logger,
    o.dns ?? DEFAULT_DNS_LIMITS,
    core.now,
    // Set only by tests; otherwise zone downloads go through the outbound policy's own client.
    core.fetch,
  );

export const subsystemModule = defineModule({
  descriptor: subsystemDescriptor("dns"),
  router: dnsRouter,
  options: (config) => ({ dns: { ...config.dns } }),
  create: createService,
  jobs: ({ services, intervalMs }) => [
    { name: "dns-zones", everyMs: intervalMs, run: () => services.dns.runDue() },
  ],
  health:
    ({ services }) =>
    () =>
      services.dns.health(),
  // A zone download under way ends now rather than holding up the shutdown.
  stopping: ({ services }) => services.dns.close(),
  search: dnsSearch,
  entityLinks: dnsEntity,
  timeline: dnsTimeline,
});
