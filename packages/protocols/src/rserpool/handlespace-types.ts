// Shapes of the handlespace model (handlespace.ts): what the console shows and stores.

import type { Transport } from "./params";
import type { Policy } from "./policy";

export interface PeView {
  id: number;
  /** Pool handle as hex (the key) and as text. */
  poolHandle: string;
  pool: string;
  policy?: Policy;
  userTransport?: Transport;
  asapTransport?: Transport;
  registrationLifeMs: number;
  homeRegistrar: number;
  registeredAtMs: number;
  /** Last registration, handle update or keep-alive acknowledgement. */
  lastSeenMs: number;
  /** Load in percent for load-based policies. */
  load?: number;
  unreachableReports: number;
  address?: string;
}
export interface PoolView {
  handle: string;
  name: string;
  policy?: string;
  pes: number[];
}
export interface RegistrarView {
  id: number;
  addresses: string[];
  firstSeenMs: number;
  lastPresenceMs?: number;
  lastAnnounceMs?: number;
  /** The PE checksum in its last Presence (RFC 5353 §3.6.2). */
  announcedChecksum?: number;
  /** The checksum of the PEs this model has homed at it. */
  computedChecksum: number;
  /** Largest gap between two of its Presences, ms. */
  maxPresenceGapMs: number;
  peers: number[];
  status: "active" | "lost" | "taken-over";
  takenOverBy?: number;
  /** When its announced checksum last stopped agreeing with the others' view (undefined: agrees). */
  checksumDisagreeSinceMs?: number;
}
export type HandlespaceEventKind =
  | "registrar-found"
  | "registered"
  | "re-registered"
  | "load-changed"
  | "deregistered"
  | "expired"
  | "unreachable"
  | "home-changed"
  | "takeover-started"
  | "taken-over"
  | "registrar-lost";
export interface HandlespaceEvent {
  timeMs: number;
  frame?: number;
  kind: HandlespaceEventKind;
  pool?: string;
  peId?: number;
  registrar?: number;
  /** For taken-over and home-changed: the registrar that took over. */
  by?: number;
  detail: string;
}
export interface RemovedPe extends PeView {
  state: "deregistered" | "expired";
  removedAtMs: number;
}
export interface HandlespaceSnapshot {
  pools: PoolView[];
  pes: PeView[];
  /** PEs that left (the last state of each, bounded like the PEs). */
  removed: RemovedPe[];
  registrars: RegistrarView[];
  events: HandlespaceEvent[];
  droppedEvents: number;
}
export interface HandlespaceOptions {
  /** A registrar silent (no Presence) for longer than this is lost. Default 5000 ms (rsplib's max-time-last-heard). */
  registrarTimeoutMs?: number;
  maxEvents?: number;
  maxPes?: number;
  /** Same event for the same PE within this window counts once (a registration is echoed to every peer). */
  dedupeMs?: number;
}
