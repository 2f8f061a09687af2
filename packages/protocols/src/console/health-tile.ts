/** How an overview tile's health follows from its subsystem's own report and its firing alerts. */
import type { Health } from "./subsystems";

export interface FiringCounts {
  critical: number;
  warning: number;
  info: number;
}

const HEALTH_ORDER: readonly Health[] = ["not_configured", "ok", "degraded", "failing"];

/** Health from alerts alone: a critical one fails, a warning degrades. */
export function healthFromAlerts(f: FiringCounts): Health {
  return f.critical > 0 ? "failing" : f.warning > 0 ? "degraded" : "ok";
}

/** A configured subsystem reports its own state; firing alerts can only make it look worse. */
export function tileHealth(reported: Health, firing: FiringCounts): Health {
  if (reported === "not_configured") return reported;
  const fromAlerts = healthFromAlerts(firing);
  return HEALTH_ORDER.indexOf(fromAlerts) > HEALTH_ORDER.indexOf(reported) ? fromAlerts : reported;
}
