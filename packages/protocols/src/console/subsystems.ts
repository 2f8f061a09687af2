import { z } from "zod";

/** The console's subsystems as shown on the overview. */
export const SUBSYSTEMS = ["registry", "rdap", "dns", "dhcp", "bgp", "alerts", "system"] as const;
export const subsystemSchema = z.enum(SUBSYSTEMS);
export type Subsystem = z.infer<typeof subsystemSchema>;

/** not_configured: nothing to watch yet; the other three summarise what is watched. */
export const HEALTH = ["not_configured", "ok", "degraded", "failing"] as const;
export const healthSchema = z.enum(HEALTH);
export type Health = z.infer<typeof healthSchema>;
