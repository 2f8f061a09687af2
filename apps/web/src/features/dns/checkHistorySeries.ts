/**
 * The zone check history as chart series: x is each check's start in Unix seconds, so bars sit at
 * their time (a gap of a day looks like one) instead of evenly spaced. One duration series per verdict
 * class, so each bar takes its class's colour; the serial is a step line on its own scale.
 */
import type { ZoneCheck } from "./types";

export type VerdictClass = "verified" | "failed" | "other";

/** Statuses where the copy contradicts its ZONEMD or is no zone (red); fetch failures and the like are amber. */
const FAILED = new Set(["digest_mismatch", "serial_mismatch", "malformed"]);

export function verdictClass(status: ZoneCheck["status"]): VerdictClass {
  if (status === "verified") return "verified";
  return FAILED.has(status) ? "failed" : "other";
}

export interface CheckHistorySeries {
  /** Check start times, Unix seconds, ascending. */
  x: number[];
  /** Duration in ms of the checks of each class (null elsewhere). */
  verified: (number | null)[];
  failed: (number | null)[];
  other: (number | null)[];
  /** SOA serial of the checked copy (null when unknown). */
  serial: (number | null)[];
}

/** Series from the history as the API sends it (newest first, any order is fine). */
export function checkHistorySeries(checks: readonly ZoneCheck[]): CheckHistorySeries {
  const rows = checks
    .map((c) => ({ c, t: Date.parse(c.startedAt) / 1000 }))
    .filter((r) => Number.isFinite(r.t))
    .sort((a, b) => a.t - b.t);
  const out: CheckHistorySeries = { x: [], verified: [], failed: [], other: [], serial: [] };
  for (const { c, t } of rows) {
    const cls = verdictClass(c.status);
    out.x.push(t);
    out.verified.push(cls === "verified" ? c.durationMs : null);
    out.failed.push(cls === "failed" ? c.durationMs : null);
    out.other.push(cls === "other" ? c.durationMs : null);
    out.serial.push(c.serial);
  }
  return out;
}

/** The chart's description for screen readers (and where it cannot be drawn). */
export function checkHistorySummary(checks: readonly ZoneCheck[]): string {
  const s = checkHistorySeries(checks);
  const notVerified = s.x.length - s.verified.filter((v) => v !== null).length;
  const durations = [...s.verified, ...s.failed, ...s.other].filter((v): v is number => v !== null);
  const serials = s.serial.filter((v): v is number => v !== null);
  const min = Math.min(...serials);
  const max = Math.max(...serials);
  const serialText = serials.length ? (min === max ? `${min}` : `${min} to ${max}`) : "unknown";
  return `Check history: ${s.x.length} checks, ${notVerified} not verified; duration up to ${Math.max(0, ...durations)} ms; serial ${serialText}.`;
}
