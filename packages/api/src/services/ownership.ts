/**
 * Work owned by exactly one replica. Each scheduled job is a named lease row (WorkLease): the
 * owner renews it on every heartbeat; when the owner dies (kill -9, a lost machine) its leases
 * expire after `ttlMs` and the next heartbeat of a surviving replica takes them, raising the
 * lease's epoch (a fencing token). A replica that stops cleanly releases its leases at once.
 *
 * Every step is one conditional UPDATE (or an INSERT of a lease nobody has held yet), so two
 * replicas racing for a lease cannot both win: the database decides. Times are the replicas'
 * clocks (keep them NTP-synchronised; the TTL is far above any sane skew).
 */
import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import { type Db, dbEngine, type Prisma } from "@netops/db";
import { ownPgPool } from "./pg-own";

export interface OwnershipOptions {
  /** This replica's id (NETOPS_REPLICA_ID); default host-pid-random. */
  replicaId?: string;
  /** How long a lease lasts unrenewed: a dead owner's work moves within this (default 30 s). */
  ttlMs?: number;
  /** Heartbeat period (default ttl / 3). */
  heartbeatMs?: number;
  now?: () => Date;
}

export interface HeldLease {
  name: string;
  epoch: number;
  expiresAt: number;
}

/** Thrown by a fenced write when the lease has moved on: nothing of it was written. */
export class LostOwnership extends Error {
  constructor(
    readonly work: string,
    readonly epoch: number,
  ) {
    super(`no longer the owner of ${work} (epoch ${epoch} is not current)`);
    this.name = "LostOwnership";
  }
}

/**
 * One run of owned work with the epoch it was started under. A replica that was paused past its
 * lease (and resumes not knowing it) finds out here, from the database rather than its own clock.
 */
export interface WorkFence {
  readonly work: string;
  readonly epoch: number;
  /** This replica still holds the lease at this epoch, unexpired (one indexed read). */
  stillOwner(): Promise<boolean>;
  /**
   * Touches the lease row at this epoch, then runs `fn`: when the lease moved on, LostOwnership is
   * thrown and `fn` does not run. On PostgreSQL the touched row stays locked (a transaction on a
   * connection of the console's own, pg-own.ts) until `fn` has finished, so a replica taking the
   * lease over waits for this write: it cannot interleave with the new owner's. `fn`'s statements
   * go through the client, each on its own (not one transaction with the check: a Prisma
   * interactive transaction here stalled once the code inside it read through the client), so a
   * run that fails half-way keeps what it wrote, as an unfenced one does.
   */
  write<T>(fn: (db: Prisma.TransactionClient) => Promise<T>): Promise<T>;
}

export interface ReplicaView {
  id: string;
  host: string;
  pid: number;
  startedAt: string;
  heartbeatAt: string;
  alive: boolean;
  owned: string[];
  self: boolean;
}

export class WorkOwnership {
  readonly replicaId: string;
  readonly ttlMs: number;
  readonly heartbeatMs: number;
  private readonly now: () => Date;
  private readonly held = new Map<string, HeldLease>();
  private readonly names = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private beating: Promise<void> | null = null;
  private lastError: string | null = null;

  constructor(
    private readonly db: Db,
    opts: OwnershipOptions = {},
  ) {
    this.replicaId = opts.replicaId ?? `${hostname()}-${process.pid}-${randomBytes(3).toString("hex")}`;
    this.ttlMs = opts.ttlMs ?? 30_000;
    this.heartbeatMs = opts.heartbeatMs ?? Math.max(200, Math.floor(this.ttlMs / 3));
    this.now = opts.now ?? (() => new Date());
  }

  /** Registers work names; the next heartbeat tries to own them. */
  want(...names: string[]): void {
    for (const n of names) this.names.add(n);
  }

  /** True while this replica holds `name` and the lease has not run out by its own clock. */
  owns(name: string): boolean {
    const l = this.held.get(name);
    return !!l && l.expiresAt > this.now().getTime();
  }

  /** The lease's epoch while owned (the fencing token a job can record with what it writes). */
  epochOf(name: string): number | null {
    return this.owns(name) ? (this.held.get(name)?.epoch ?? null) : null;
  }

  /** The fence for a run of `name` started now; null when this replica does not own it. */
  fence(name: string): WorkFence | null {
    const epoch = this.epochOf(name);
    if (epoch === null) return null;
    const owner = this.replicaId;
    const current = () => ({ name, owner, epoch, expiresAt: { gt: this.now() } });
    return {
      work: name,
      epoch,
      stillOwner: async () => (await this.db.workLease.count({ where: current() })) === 1,
      write: async (fn) => {
        if (dbEngine(this.db) === "postgres") return this.writeOnPostgres(name, epoch, fn);
        // SQLite: one process, nobody to take the lease over meanwhile; the check is the fence.
        const held = await this.db.workLease.updateMany({
          where: current(),
          data: { renewedAt: this.now() },
        });
        if (held.count !== 1) throw new LostOwnership(name, epoch);
        return fn(this.db);
      },
    };
  }

  /** The lease row locked (at this epoch, unexpired) on a connection of our own while `fn` runs. */
  private async writeOnPostgres<T>(
    name: string,
    epoch: number,
    fn: (db: Prisma.TransactionClient) => Promise<T>,
  ): Promise<T> {
    const c = await ownPgPool(this.db).connect();
    try {
      await c.query("BEGIN");
      // timestamp(3) without zone, in UTC, as Prisma writes it.
      const now = this.now().toISOString().slice(0, 23);
      const held = await c.query(
        `UPDATE "WorkLease" SET "renewedAt" = $1::timestamp(3)
         WHERE "name" = $2 AND "owner" = $3 AND "epoch" = $4 AND "expiresAt" > $1::timestamp(3)`,
        [now, name, this.replicaId, epoch],
      );
      if (held.rowCount !== 1) throw new LostOwnership(name, epoch);
      const out = await fn(this.db);
      await c.query("COMMIT");
      return out;
    } catch (err) {
      await c.query("ROLLBACK").catch(() => {});
      throw err;
    } finally {
      c.release();
    }
  }

  ownedNames(): string[] {
    return [...this.held.keys()].filter((n) => this.owns(n)).sort();
  }

  get error(): string | null {
    return this.lastError;
  }

  /** First heartbeat (awaited, so work owned at start runs at once), then one every heartbeatMs. */
  async start(): Promise<void> {
    await this.heartbeat();
    this.timer = setInterval(() => {
      if (!this.beating) this.beating = this.heartbeat().finally(() => (this.beating = null));
    }, this.heartbeatMs);
    this.timer.unref();
  }

  /** Stops renewing and hands every lease back (expired now), so a survivor takes them at once. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.beating;
    const now = this.now();
    const names = [...this.held.keys()];
    this.held.clear();
    await this.db.workLease
      .updateMany({ where: { name: { in: names }, owner: this.replicaId }, data: { expiresAt: now } })
      .catch(() => {});
    await this.db.replica.deleteMany({ where: { id: this.replicaId } }).catch(() => {});
  }

  /** Renews what is held, takes what is free or expired, records this replica's heartbeat. */
  async heartbeat(): Promise<void> {
    try {
      for (const name of this.names) await this.claim(name);
      const now = this.now();
      const owned = JSON.stringify(this.ownedNames());
      await this.db.replica.upsert({
        where: { id: this.replicaId },
        create: { id: this.replicaId, host: hostname(), pid: process.pid, heartbeatAt: now, owned },
        update: { heartbeatAt: now, owned },
      });
      this.lastError = null;
    } catch (e) {
      // The database is unreachable: leases run out by our clock (owns() turns false) before
      // anyone else can take them, so nothing runs twice.
      this.lastError = (e as Error).message;
    }
  }

  private async claim(name: string): Promise<void> {
    const now = this.now();
    const expiresAt = new Date(now.getTime() + this.ttlMs);
    const mine = this.held.get(name);
    if (mine) {
      const renewed = await this.db.workLease.updateMany({
        where: { name, owner: this.replicaId, epoch: mine.epoch },
        data: { renewedAt: now, expiresAt },
      });
      if (renewed.count === 1) {
        mine.expiresAt = expiresAt.getTime();
        return;
      }
      this.held.delete(name); // taken over while we were paused: the new epoch is someone else's
    }
    const taken = await this.db.workLease.updateMany({
      where: { name, OR: [{ expiresAt: { lt: now } }, { owner: this.replicaId }] },
      data: { owner: this.replicaId, epoch: { increment: 1 }, acquiredAt: now, renewedAt: now, expiresAt },
    });
    if (taken.count === 0) {
      try {
        await this.db.workLease.create({
          data: { name, owner: this.replicaId, epoch: 1, acquiredAt: now, renewedAt: now, expiresAt },
        });
      } catch (e) {
        if ((e as { code?: string }).code === "P2002") return; // another replica holds it
        throw e;
      }
    }
    const row = await this.db.workLease.findUnique({ where: { name } });
    if (row && row.owner === this.replicaId)
      this.held.set(name, { name, epoch: row.epoch, expiresAt: row.expiresAt.getTime() });
  }

  /** Every replica with a heartbeat row, newest first; dead ones are those silent past the TTL. */
  async replicas(): Promise<ReplicaView[]> {
    const now = this.now().getTime();
    const rows = await this.db.replica.findMany({ orderBy: { startedAt: "desc" }, take: 100 });
    return rows.map((r) => ({
      id: r.id,
      host: r.host,
      pid: r.pid,
      startedAt: r.startedAt.toISOString(),
      heartbeatAt: r.heartbeatAt.toISOString(),
      alive: now - r.heartbeatAt.getTime() <= this.ttlMs,
      owned: parseOwned(r.owned),
      self: r.id === this.replicaId,
    }));
  }
}

function parseOwned(text: string): string[] {
  try {
    const v = JSON.parse(text) as unknown;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
  } catch {
    return [];
  }
}
