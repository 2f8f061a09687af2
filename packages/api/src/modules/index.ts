/**
 * The registered subsystem modules (./registered.ts, one line each), in overview order: the order
 * of the descriptors in packages/protocols/src/console/subsystems.ts (a test checks the two agree).
 */
import { FEATURE_SUBSYSTEMS, type FeatureSubsystem } from "@netops/protocols";
import * as registered from "./registered";

type Registry = typeof registered;
type Registered = Registry[keyof Registry]["subsystemModule"];

const order = (id: string) => FEATURE_SUBSYSTEMS.findIndex((s) => s.id === id);
export const MODULES: readonly Registered[] = Object.values(registered)
  .map((r) => r.subsystemModule)
  .sort((a, b) => order(a.descriptor.id) - order(b.descriptor.id));

/**
 * Each module's service under its id: `services.registry`, `services.dns`, … Inferred from each
 * feature's `createService`, declared apart from its module: the module's type includes its router,
 * whose type depends on `Services`, so inferring from the module itself would be circular.
 */
export type SubsystemServices = { [K in keyof Registry]: ReturnType<Registry[K]["createService"]> };
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
// A registration under another name than its descriptor's id does not compile.
const registeredUnderIds: Same<keyof Registry, FeatureSubsystem> = true;
const servicesMatchModules: Same<keyof Registry, Registered["descriptor"]["id"]> = true;
void registeredUnderIds;
void servicesMatchModules;
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
  SearchProvider,
  SearchScope,
  SubsystemModule,
  TimelineQuery,
  TimelineSource,
} from "./contract";
export { defineModule } from "./contract";
