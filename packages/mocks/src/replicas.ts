/**
 * Settings → Replicas in the mock API: a few console processes and the work they own, worded by
 * the server's own replicasView. Times are kept relative to the mock clock (a live replica's
 * heartbeat is always a few seconds old), so the page looks the same whenever it is opened.
 */
import type { AppRouter } from "@netops/api";
import { replicasView } from "@netops/protocols";
import type { MockBackend } from "./backend";
import type { TrpcResolvers } from "./trpc-msw";

export interface MockReplica {
  id: string;
  host: string;
  pid: number;
  startedSecondsAgo: number;
  silentSeconds: number;
}

export interface MockLease {
  name: string;
  owner: string;
  epoch: number;
  heldSeconds: number;
  /** Negative: the lease has run out (nobody has taken the work yet). */
  expiresInSeconds: number;
}

const LEASE_MS = 30_000;

/** Three replicas: this one and another alive, a third killed a few minutes ago (its work moved). */
export function sampleReplicas(): { replicas: MockReplica[]; leases: MockLease[] } {
  const a = "console-a-4242-9f1c2e";
  const b = "console-b-3117-07ab44";
  const c = "console-c-5120-d2e981";
  return {
    replicas: [
      { id: a, host: "console-a", pid: 4242, startedSecondsAgo: 3 * 86_400, silentSeconds: 4 },
      { id: b, host: "console-b", pid: 3117, startedSecondsAgo: 26 * 3600, silentSeconds: 9 },
      { id: c, host: "console-c", pid: 5120, startedSecondsAgo: 5 * 3600, silentSeconds: 312 },
    ],
    leases: [
      { name: "housekeeping", owner: a, epoch: 3, heldSeconds: 3 * 86_400, expiresInSeconds: 26 },
      { name: "webhook-delivery", owner: a, epoch: 5, heldSeconds: 280, expiresInSeconds: 26 },
      { name: "alert-reminders", owner: a, epoch: 2, heldSeconds: 3 * 86_400, expiresInSeconds: 26 },
      { name: "dns-zone-checks", owner: b, epoch: 4, heldSeconds: 280, expiresInSeconds: 21 },
      { name: "dhcp-kea-poll", owner: b, epoch: 1, heldSeconds: 26 * 3600, expiresInSeconds: 21 },
      { name: "rdap-refresh", owner: c, epoch: 6, heldSeconds: 5 * 3600, expiresInSeconds: -282 },
    ],
  };
}

export function createReplicaResolvers(b: MockBackend): Pick<TrpcResolvers<AppRouter>, "system.replicas"> {
  return {
    "system.replicas": () => {
      const now = b.now();
      const ago = (s: number) => new Date(now.getTime() - s * 1000);
      const { replicas, leases } = b.state.replicas;
      return replicasView(
        replicas.map((r) => ({
          id: r.id,
          host: r.host,
          pid: r.pid,
          startedAt: ago(r.startedSecondsAgo),
          heartbeatAt: ago(r.silentSeconds),
        })),
        leases.map((l) => ({
          name: l.name,
          owner: l.owner,
          epoch: l.epoch,
          acquiredAt: ago(l.heldSeconds),
          expiresAt: ago(-l.expiresInSeconds),
        })),
        { now, leaseMs: LEASE_MS, selfId: replicas[0]?.id ?? null },
      );
    },
  };
}
