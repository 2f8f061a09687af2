/**
 * The one definition every alert count in the console uses (nav badge, Overview tiles and firing
 * table, on-call view): an alert counts as **firing** when its state is firing and no active
 * silence matches it. Acknowledged and silenced alerts are counted apart, under their own names.
 */
import type { AlertState, Severity } from "./alerts";
import type { FiringCounts } from "./health-tile";

/** The fields of an alert (as read, with `silencedBy`) that counting looks at. */
export interface CountedAlert {
  state: AlertState;
  severity: Severity;
  source: string;
  silencedBy: readonly string[];
}

export interface AlertTally {
  /** Firing and not silenced: what needs someone now. */
  firing: number;
  /** Acknowledged and not silenced: someone is on it. */
  acknowledged: number;
  /** Firing or acknowledged, and matched by an active silence. */
  silenced: number;
  /** `firing`, per severity. */
  bySeverity: FiringCounts;
  /** `firing`, per source (sources with none are absent). */
  bySource: Record<string, FiringCounts>;
  /** Open (firing or acknowledged, not silenced) per source: what a subsystem's health follows. */
  openBySource: Record<string, FiringCounts>;
}

/** Firing and not silenced. */
export function isFiring(a: Pick<CountedAlert, "state" | "silencedBy">): boolean {
  return a.state === "firing" && a.silencedBy.length === 0;
}

/** Firing or acknowledged, and not silenced: the condition holds and is not muted. */
export function isOpen(a: Pick<CountedAlert, "state" | "silencedBy">): boolean {
  return a.state !== "resolved" && a.silencedBy.length === 0;
}

const zero = (): FiringCounts => ({ critical: 0, warning: 0, info: 0 });

/** Counts alerts by the definition above; resolved alerts count nowhere. */
export function tallyAlerts(alerts: readonly CountedAlert[]): AlertTally {
  const t: AlertTally = {
    firing: 0,
    acknowledged: 0,
    silenced: 0,
    bySeverity: zero(),
    bySource: {},
    openBySource: {},
  };
  const bump = (m: Record<string, FiringCounts>, a: CountedAlert) => {
    const c = m[a.source] ?? zero();
    c[a.severity]++;
    m[a.source] = c;
  };
  for (const a of alerts) {
    if (a.state === "resolved") continue;
    if (a.silencedBy.length > 0) {
      t.silenced++;
      continue;
    }
    bump(t.openBySource, a);
    if (a.state === "acknowledged") t.acknowledged++;
    else {
      t.firing++;
      t.bySeverity[a.severity]++;
      bump(t.bySource, a);
    }
  }
  return t;
}

/** Counts of `m` (bySource or openBySource) summed over `sources`. */
export function countsOf(m: Record<string, FiringCounts>, sources: readonly string[]): FiringCounts {
  const f = zero();
  for (const s of sources) {
    const c = m[s];
    if (c) for (const k of ["critical", "warning", "info"] as const) f[k] += c[k];
  }
  return f;
}
