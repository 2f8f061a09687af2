/**
 * The replicas view (Settings → Replicas): each console process from its heartbeat row, and the
 * work it owns from the lease rows (services/ownership.ts). Pure, so the server and the mock API
 * word it the same.
 */

/** A replica's heartbeat row, as stored. */
export interface ReplicaRow {
  id: string;
  host: string;
  pid: number;
  startedAt: Date | string;
  heartbeatAt: Date | string;
}

/** A work lease row, as stored. */
export interface WorkLeaseRow {
  name: string;
  owner: string;
  epoch: number;
  acquiredAt: Date | string;
  expiresAt: Date | string;
}

export interface OwnedWork {
  name: string;
  /** Raised on every change of owner: how often this work has moved. */
  epoch: number;
  /** Since when this replica holds it. */
  since: string;
  expiresAt: string;
}

export interface ReplicaEntry {
  id: string;
  host: string;
  pid: number;
  startedAt: string;
  heartbeatAt: string;
  /** Seconds since its last heartbeat (at the time of the answer). */
  silentSeconds: number;
  /** Heard from within the lease time; a dead one's work moves to a live one. */
  alive: boolean;
  /** The replica that answered this request. */
  self: boolean;
  /** Work whose lease it holds and that has not run out. */
  owned: OwnedWork[];
}

export interface ReplicasView {
  replicas: ReplicaEntry[];
  /** Work whose lease has run out and nobody has taken yet (its owner died or stopped). */
  unowned: { name: string; lastOwner: string; expiredAt: string }[];
  leaseSeconds: number;
  generatedAt: string;
}

const iso = (d: Date | string) => (typeof d === "string" ? new Date(d) : d).toISOString();
const ms = (d: Date | string) => (typeof d === "string" ? Date.parse(d) : d.getTime());

/** Live replicas first (this one first among them), then the silent ones, newest heartbeat first. */
export function replicasView(
  rows: readonly ReplicaRow[],
  leases: readonly WorkLeaseRow[],
  o: { now: Date; leaseMs: number; selfId: string | null },
): ReplicasView {
  const now = o.now.getTime();
  const held = leases.filter((l) => ms(l.expiresAt) > now);
  const replicas = rows.map((r): ReplicaEntry => {
    const silent = Math.max(0, now - ms(r.heartbeatAt));
    return {
      id: r.id,
      host: r.host,
      pid: r.pid,
      startedAt: iso(r.startedAt),
      heartbeatAt: iso(r.heartbeatAt),
      silentSeconds: Math.floor(silent / 1000),
      alive: silent <= o.leaseMs,
      self: r.id === o.selfId,
      owned: held
        .filter((l) => l.owner === r.id)
        .map((l) => ({ name: l.name, epoch: l.epoch, since: iso(l.acquiredAt), expiresAt: iso(l.expiresAt) }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    };
  });
  replicas.sort(
    (a, b) =>
      Number(b.alive) - Number(a.alive) ||
      Number(b.self) - Number(a.self) ||
      ms(b.heartbeatAt) - ms(a.heartbeatAt) ||
      a.id.localeCompare(b.id),
  );
  const unowned = leases
    .filter((l) => ms(l.expiresAt) <= now)
    .map((l) => ({ name: l.name, lastOwner: l.owner, expiredAt: iso(l.expiresAt) }))
    .sort((a, b) => a.name.localeCompare(b.name));
  return { replicas, unowned, leaseSeconds: Math.round(o.leaseMs / 1000), generatedAt: o.now.toISOString() };
}
