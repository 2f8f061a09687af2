/**
 * The RSerPool subsystem (ENRP RFC 5353, ASAP RFC 5352): UDP listeners for the announce, presence and
 * CSP channels (when `rserpool.listen` is on), capture imports, the alert job, its tile and router.
 */
import { subsystemDescriptor } from "@netops/protocols";
import { defineModule } from "../../modules/contract";
import type { ServiceOptions } from "../../services";
import type { CoreServices } from "../../services/core";
import { evaluateAlerts } from "./alerting";
import { RserpoolListeners } from "./collectors/udp";
import { rserpoolOptions } from "./options";
import { rserpoolRouter } from "./router";
import { RserpoolService } from "./service";

/** Its service, typed against the core services only (modules/index.ts infers `Services` from it). */
export const createService = (core: CoreServices, o: ServiceOptions) =>
  new RserpoolService(core.db, core.now, o.rserpool);

export const subsystemModule = defineModule({
  descriptor: subsystemDescriptor("rserpool"),
  router: rserpoolRouter,
  // netops.yaml `rserpool:`; the NETOPS_RSERPOOL_* variables win (merged by @netops/config).
  options: (config) => ({ rserpool: rserpoolOptions(config.rserpool) }),
  create: createService,
  collectors: ({ services }) =>
    services.rserpool.opts.listen ? [new RserpoolListeners(services.rserpool)] : [],
  jobs: ({ services, intervalMs }) => [
    {
      name: "rserpool-alerts",
      everyMs: Math.max(Math.min(intervalMs, 5000), 1000),
      run: () => evaluateAlerts(services.db, services.alerts, services.rserpool),
    },
  ],
  health: (rt) => () => rt.services.rserpool.health(),
  close: ({ services }) => services.rserpool.settled(),
});
