import { z } from "zod";

/**
 * The feature subsystems, browser-safe: what the web app, the mocks and the server all need to know
 * about one (the server's module registry, packages/api/src/modules/index.ts, adds the rest and is
 * checked against this list by a test). Adding a subsystem starts here.
 *
 * `alertSources` are the values stored on alerts and sent in webhook payloads and silence matchers;
 * they predate the subsystem ids (`epp` for the registry, `zonemd` for DNS) and stay as they are.
 */
export const FEATURE_SUBSYSTEMS = [
  { id: "registry", label: "Registry", path: "/registry", alertSources: ["epp"] },
  { id: "rdap", label: "RDAP", path: "/rdap", alertSources: ["rdap"] },
  { id: "dns", label: "DNS zones", path: "/dns", alertSources: ["zonemd"] },
  { id: "dhcp", label: "DHCP", path: "/dhcp", alertSources: ["dhcp"] },
  { id: "bgp", label: "BGP", path: "/bgp", alertSources: ["bgp"] },
  { id: "rserpool", label: "RSerPool", path: "/rserpool", alertSources: ["rserpool"] },
] as const satisfies readonly SubsystemDescriptor[];

export interface SubsystemDescriptor {
  /** One name per subsystem, used in code, in the API's router key and on the overview. */
  readonly id: string;
  /** Its name in the navigation and on its overview tile. */
  readonly label: string;
  /** Its section in the web app. */
  readonly path: string;
  /** The stored alert `source` values its alerts carry. */
  readonly alertSources: readonly string[];
}

export type FeatureSubsystem = (typeof FEATURE_SUBSYSTEMS)[number]["id"];
/** A feature subsystem's stored alert source values (`system` is the console's own). */
export type FeatureAlertSource = (typeof FEATURE_SUBSYSTEMS)[number]["alertSources"][number];

type IdsOf<T extends readonly { id: string }[]> = { [K in keyof T]: T[K]["id"] };
type Ids = IdsOf<typeof FEATURE_SUBSYSTEMS>;
export const FEATURE_SUBSYSTEM_IDS = FEATURE_SUBSYSTEMS.map((s) => s.id) as unknown as Ids;

/** The console's subsystems as shown on the overview: the features, then the console's own two. */
export const SUBSYSTEMS = [...FEATURE_SUBSYSTEM_IDS, "alerts", "system"] as const;
export const subsystemSchema = z.enum(SUBSYSTEMS);
export type Subsystem = z.infer<typeof subsystemSchema>;

type Descriptor<I extends FeatureSubsystem> = Extract<(typeof FEATURE_SUBSYSTEMS)[number], { id: I }>;

/** The descriptor of a feature subsystem (typed by its id: a module's id stays a literal). */
export function subsystemDescriptor<I extends FeatureSubsystem>(id: I): Descriptor<I> {
  const d = FEATURE_SUBSYSTEMS.find((s) => s.id === id);
  if (!d) throw new Error(`no subsystem descriptor for ${id}`);
  return d as Descriptor<I>;
}

/**
 * The stored alert source a subsystem raises its alerts with: code names the subsystem by its id
 * (`dns`) and gets the stored value (`zonemd`) from here, the one place that maps them.
 */
export function alertSourceOf<I extends FeatureSubsystem>(id: I): Descriptor<I>["alertSources"][0] {
  return subsystemDescriptor(id).alertSources[0] as Descriptor<I>["alertSources"][0];
}

/** not_configured: nothing to watch yet; the other three summarise what is watched. */
export const HEALTH = ["not_configured", "ok", "degraded", "failing"] as const;
export const healthSchema = z.enum(HEALTH);
export type Health = z.infer<typeof healthSchema>;
