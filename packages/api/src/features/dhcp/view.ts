/**
 * What the DHCP procedures send: the stored rows with their times as ISO 8601 strings, like every
 * other subsystem's dates (CONTRIBUTING). The parsers and the lease tables keep epoch seconds
 * (compact, and compared in SQL); they become ISO here, at the API boundary, and nowhere else.
 */
import { effectiveState } from "@netops/protocols/dhcp";
import type { LeaseRow } from "./query";

/** Unix seconds as an ISO 8601 string; null stays null (a lease without an end, say). */
export function isoFromEpoch(seconds: number): string;
export function isoFromEpoch(seconds: number | null): string | null;
export function isoFromEpoch(seconds: number | null): string | null {
  return seconds === null ? null : new Date(seconds * 1000).toISOString();
}

export type SourceNames = Map<number, { name: string; lab: boolean }>;

/** A lease as the API sends it: ISO times, the state "now", and its source's name. */
export function leaseView(l: LeaseRow, names: SourceNames, nowSec: number) {
  const s = names.get(l.sourceId);
  return {
    ...l,
    starts: isoFromEpoch(l.starts),
    ends: isoFromEpoch(l.ends),
    cltt: isoFromEpoch(l.cltt),
    // A bound lease past its end is expired even before the server reclaims it.
    effectiveState: effectiveState(l, nowSec),
    sourceName: s?.name ?? `#${l.sourceId}`,
    lab: s?.lab ?? false,
  };
}

/** A row of DhcpLeaseEvent as read for the lease page (times in epoch seconds). */
export interface LeaseEventRow {
  id: number;
  sourceId: number;
  address: string;
  hwAddress: string | null;
  clientId: string | null;
  hostname: string | null;
  state: string;
  ends: number | null;
  kind: string;
  at: number;
}

/** A lease history event as the API sends it. */
export function leaseEventView(e: LeaseEventRow, names: SourceNames) {
  return {
    ...e,
    ends: isoFromEpoch(e.ends),
    at: isoFromEpoch(e.at),
    sourceName: names.get(e.sourceId)?.name ?? `#${e.sourceId}`,
  };
}
