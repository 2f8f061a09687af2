import type { AlertItem } from "../features/alerts/types";
import type { SubsystemHealth } from "../lib/types";

let seq = 100;

/** An `alerts.list` item with sensible defaults; override what the test is about. */
export function makeAlert(over: Partial<AlertItem> = {}): AlertItem {
  const id = over.id ?? seq++;
  return {
    id,
    fingerprint: `fp${id}`,
    source: "zonemd",
    severity: "warning",
    state: "firing",
    summary: `Alert number ${id}`,
    details: "",
    labels: { zone: "example.net" },
    links: [],
    count: 1,
    firstSeenAt: "2026-11-21T07:00:00.000Z",
    lastSeenAt: "2026-11-21T07:05:00.000Z",
    acknowledgedAt: null,
    acknowledgedBy: null,
    resolvedAt: null,
    resolvedBy: null,
    silencedBy: [],
    ...over,
  };
}

export function makeSubsystem(over: Partial<SubsystemHealth> = {}): SubsystemHealth {
  return {
    subsystem: "dns",
    health: "not_configured",
    summary: "Not built yet",
    firing: { critical: 0, warning: 0, info: 0 },
    acknowledged: 0,
    href: "/dns",
    ...over,
  };
}
