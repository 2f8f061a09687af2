/**
 * The registered subsystem modules, in overview order. Adding a subsystem: its descriptor in
 * packages/protocols/src/console/subsystems.ts and its module here (a test checks the two agree).
 */
import type { FeatureSubsystem } from "@netops/protocols";
import { bgpModule } from "../features/bgp/module";
import type { BgpService } from "../features/bgp/service";
import type { DhcpService } from "../features/dhcp/service";
import type { DnsService } from "../features/dns/service";
import type { RegistryService } from "../features/registry/service";
import type { RdapService } from "../features/rdap/service";
import { dhcpModule } from "../features/dhcp/module";
import { dnsModule } from "../features/dns/module";
import { registryModule } from "../features/registry/module";
import { rdapModule } from "../features/rdap/module";

export const MODULES = [registryModule, rdapModule, dnsModule, dhcpModule, bgpModule] as const;

type Registered = (typeof MODULES)[number];

/**
 * Each module's service under its id: `services.registry`, `services.dns`, … Spelled out rather
 * than inferred from MODULES: a router's type depends on `Services`, so inferring would be circular.
 * The checks below keep it equal to the registered modules.
 */
export interface SubsystemServices {
  registry: RegistryService;
  rdap: RdapService;
  dns: DnsService;
  dhcp: DhcpService;
  bgp: BgpService;
}
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const servicesMatchModules: Same<keyof SubsystemServices, Registered["descriptor"]["id"]> = true;
const servicesMatchDescriptors: Same<keyof SubsystemServices, FeatureSubsystem> = true;
void servicesMatchModules;
void servicesMatchDescriptors;
/** Each module's router under its id, for the app router. */
export type SubsystemRouters = { [M in Registered as M["descriptor"]["id"]]: M["router"] };

export const subsystemRouters = Object.fromEntries(
  MODULES.map((m) => [m.descriptor.id, m.router]),
) as SubsystemRouters;

export type {
  Collector,
  EntityLinkProvider,
  FeatureRoute,
  HealthProbe,
  Job,
  ModuleRuntime,
  SearchHit,
  SearchProvider,
  SubsystemModule,
  TimelineSource,
} from "./contract";
export { defineModule } from "./contract";
