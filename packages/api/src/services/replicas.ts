/**
 * Settings → Replicas: every console process from its heartbeat row and the work each owns from
 * the lease rows (ownership.ts writes both). Read from the database, so any replica answers for all.
 */
import type { Db } from "@netops/db";
import { type ReplicasView, replicasView } from "@netops/protocols";

export class ReplicaDirectory {
  /** This process's id and lease time, set by the server once its ownership has started. */
  self: { id: string; leaseMs: number } | null = null;

  constructor(
    private readonly db: Db,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async view(): Promise<ReplicasView> {
    // Bounded: a deployment has a handful of replicas and tens of work names.
    const [rows, leases] = await Promise.all([
      this.db.replica.findMany({ orderBy: { heartbeatAt: "desc" }, take: 200 }),
      this.db.workLease.findMany({ orderBy: { name: "asc" }, take: 2000 }),
    ]);
    return replicasView(rows, leases, {
      now: this.now(),
      leaseMs: this.self?.leaseMs ?? 30_000,
      selfId: this.self?.id ?? null,
    });
  }
}
