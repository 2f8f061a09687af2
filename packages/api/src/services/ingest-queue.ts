/**
 * The durable queue between receiving and storing (issue 14): what a push collector has accepted
 * is first written as one append-only batch row (IngestBatch, `INSERT … ON CONFLICT DO NOTHING` on
 * a key made of the batch's natural keys), then stored by the subsystem's idempotent ingest. A
 * replica killed in between loses nothing: the batch stays in the table, and once its claim runs out
 * any replica's worker claims it again and stores it; storing twice adds nothing (natural keys).
 *
 * A claim is one conditional UPDATE (unclaimed, or the claim's time has passed) that sets a random
 * token; the done mark is conditional on that token, so a worker that was paused past its claim
 * cannot mark what another worker has taken over. The same SQL runs on both engines (on SQLite
 * there is one process; the claim is simply always won).
 */
import { createHash, randomBytes } from "node:crypto";
import { hostname } from "node:os";
import type { Db } from "@netops/db";
import type { Logger } from "pino";

/** Stores a batch's items; must be idempotent (it may run again after a crash or an expired claim). */
export type BatchHandler = (items: unknown[]) => Promise<unknown>;

export interface QueueWorkerOptions {
  replicaId: string;
  /** How long a claim lasts unrenewed: a dead worker's batch is taken again after this. */
  claimMs?: number;
  /** How often the worker looks for batches nobody is storing (default 1 s). */
  pollMs?: number;
}

export interface QueueStats {
  submitted: number;
  duplicates: number;
  stored: number;
  /** Batches this replica stored that another replica had received (taken over). */
  takenOver: number;
  failed: number;
}

export interface ClaimedBatch {
  id: number;
  kind: string;
  payload: string;
  receivedBy: string;
  attempts: number;
  token: string;
}

/** Attempts before a batch is kept as failed (doneAt and error set, logged) instead of retried. */
const MAX_ATTEMPTS = 5;
/** Done batches are kept this long (their key still refuses a resent batch), then purged. */
const RETAIN_DONE_MS = 10 * 60_000;

/** The key of a batch: SHA-256 over its items' natural keys, in order. */
export function batchKey(kind: string, keys: readonly string[]): string {
  const h = createHash("sha256").update(kind).update("\0");
  for (const k of keys) h.update(k).update("\0");
  return h.digest("hex");
}

export class DurableIngestQueue {
  private readonly handlers = new Map<string, BatchHandler>();
  /** Claim tokens this process holds (written or claimed, not finished): renewed together. */
  private readonly held = new Set<string>();
  private renewer: NodeJS.Timeout | null = null;
  private replicaId = `${hostname()}-${process.pid}`;
  private claimMs = 30_000;
  private timer: NodeJS.Timeout | null = null;
  private polling: Promise<void> | null = null;
  private lastPurge = 0;
  readonly stats: QueueStats = { submitted: 0, duplicates: 0, stored: 0, takenOver: 0, failed: 0 };

  constructor(
    private readonly db: Db,
    private readonly logger: Logger,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Who stores batches of `kind` (a subsystem registers its ingest at creation). */
  handle(kind: string, handler: BatchHandler): void {
    this.handlers.set(kind, handler);
  }

  /**
   * Writes the batch, claimed by this replica, then stores it at once (the short path; the worker
   * is for what a dead replica left). Resolves once stored; a batch already in the table (the same
   * natural keys) is not written or stored again. Throws only when the batch could not be written:
   * then it was not accepted.
   */
  async submit(kind: string, items: readonly unknown[], keys: readonly string[]): Promise<void> {
    const claimed = await this.write(kind, items, keys);
    if (claimed) await this.process(claimed);
  }

  /** The first half of submit: the batch row, claimed by this replica; null when it was there already. */
  async write(
    kind: string,
    items: readonly unknown[],
    keys: readonly string[],
  ): Promise<ClaimedBatch | null> {
    if (items.length === 0) return null;
    const key = batchKey(kind, keys);
    const token = randomBytes(12).toString("hex");
    const now = this.now();
    const until = new Date(now.getTime() + this.claimMs);
    const payload = JSON.stringify(items);
    const written = await this.db.$executeRaw`
      INSERT INTO "IngestBatch" ("key", "kind", "payload", "count", "receivedBy", "receivedAt",
        "claimToken", "claimedBy", "claimedUntil", "attempts")
      VALUES (${key}, ${kind}, ${payload}, ${items.length}, ${this.replicaId}, ${now},
        ${token}, ${this.replicaId}, ${until}, 1)
      ON CONFLICT ("key") DO NOTHING`;
    if (written === 0) {
      this.stats.duplicates++;
      return null;
    }
    this.stats.submitted++;
    const row = await this.db.ingestBatch.findUnique({ where: { key }, select: { id: true } });
    if (!row) return null; // purged already: another worker stored it
    // Renewed from now on: a batch waiting behind earlier ones in this process keeps its claim.
    this.hold(token);
    return { id: row.id, kind, payload, receivedBy: this.replicaId, attempts: 1, token };
  }

  /**
   * Claims up to `limit` batches nobody is storing: never claimed, released after a failure and
   * due again, or claimed by a worker whose claim has run out (killed, paused).
   */
  async claim(limit = 10): Promise<ClaimedBatch[]> {
    const now = this.now();
    const free = { doneAt: null, OR: [{ claimedUntil: null }, { claimedUntil: { lt: now } }] };
    const candidates = await this.db.ingestBatch.findMany({
      where: free,
      orderBy: { id: "asc" },
      take: limit,
      select: { id: true },
    });
    const out: ClaimedBatch[] = [];
    for (const { id } of candidates) {
      const token = randomBytes(12).toString("hex");
      // The database decides between racing workers: only one conditional UPDATE matches.
      const won = await this.db.ingestBatch.updateMany({
        where: { id, ...free },
        data: {
          claimToken: token,
          claimedBy: this.replicaId,
          claimedUntil: new Date(now.getTime() + this.claimMs),
          attempts: { increment: 1 },
        },
      });
      if (won.count !== 1) continue;
      const row = await this.db.ingestBatch.findUnique({ where: { id } });
      if (row?.claimToken === token)
        out.push({
          id,
          kind: row.kind,
          payload: row.payload,
          receivedBy: row.receivedBy,
          attempts: row.attempts,
          token,
        });
    }
    return out;
  }

  /** Stores one claimed batch and marks it done (only while the claim is still ours). */
  async process(b: ClaimedBatch): Promise<boolean> {
    this.hold(b.token);
    try {
      const handler = this.handlers.get(b.kind);
      if (!handler) throw new Error(`no handler for ingest batches of kind "${b.kind}"`);
      await handler(JSON.parse(b.payload) as unknown[]);
    } catch (err) {
      this.held.delete(b.token);
      await this.failed(b, err as Error);
      return false;
    }
    this.held.delete(b.token);
    const done = await this.db.ingestBatch.updateMany({
      where: { id: b.id, claimToken: b.token },
      data: { doneAt: this.now(), doneBy: this.replicaId, claimToken: null, error: null },
    });
    // Not ours any more (we were paused past the claim): the new claimer marks it; storing it
    // twice added nothing.
    if (done.count === 1) {
      this.stats.stored++;
      if (b.receivedBy !== this.replicaId) this.stats.takenOver++;
    }
    return done.count === 1;
  }

  private hold(token: string): void {
    this.held.add(token);
    if (this.renewer) return;
    this.renewer = setInterval(() => void this.renew(), Math.max(100, Math.floor(this.claimMs / 3)));
    this.renewer.unref();
  }

  /** One UPDATE extends every claim this process still holds; idle, the timer stops. */
  private async renew(): Promise<void> {
    if (this.held.size === 0) {
      if (this.renewer) clearInterval(this.renewer);
      this.renewer = null;
      return;
    }
    await this.db.ingestBatch
      .updateMany({
        where: { claimToken: { in: [...this.held] } },
        data: { claimedUntil: new Date(this.now().getTime() + this.claimMs) },
      })
      .catch(() => {});
  }

  private async failed(b: ClaimedBatch, err: Error): Promise<void> {
    const give = b.attempts >= MAX_ATTEMPTS;
    const now = this.now().getTime();
    this.logger[give ? "error" : "warn"](
      { batch: b.id, kind: b.kind, attempts: b.attempts, err: err.message },
      give ? "ingest batch failed too often; kept as failed" : "ingest batch failed; will retry",
    );
    if (give) this.stats.failed++;
    await this.db.ingestBatch
      .updateMany({
        where: { id: b.id, claimToken: b.token },
        data: {
          claimToken: null,
          // Due again after a backoff (the claim time doubles as "not before").
          claimedUntil: new Date(now + Math.min(60_000, 1000 * 2 ** b.attempts)),
          error: err.message.slice(0, 2000),
          ...(give && { doneAt: new Date(now), doneBy: this.replicaId }),
        },
      })
      .catch(() => {});
  }

  /** Claims and stores batches until none is left; returns how many were stored. */
  async drainOrphans(limit = 100): Promise<number> {
    let stored = 0;
    for (let round = 0; round < limit; round++) {
      const batch = await this.claim(1);
      const b = batch[0];
      if (!b) break;
      if (await this.process(b)) stored++;
    }
    return stored;
  }

  /** Batches not stored yet (waiting, claimed or failed-and-retrying). */
  async backlog(): Promise<number> {
    return this.db.ingestBatch.count({ where: { doneAt: null } });
  }

  /** Names this replica in what it writes and claims, and sets the claim time. */
  configure(opts: Omit<QueueWorkerOptions, "pollMs">): void {
    this.replicaId = opts.replicaId;
    this.claimMs = opts.claimMs ?? this.claimMs;
  }

  /** Every replica runs the worker: it stores what a dead (or failed) replica left in the queue. */
  startWorker(opts: QueueWorkerOptions): void {
    this.configure(opts);
    const tick = () => {
      this.polling ??= this.poll().finally(() => {
        this.polling = null;
      });
    };
    this.timer = setInterval(tick, opts.pollMs ?? 1000);
    this.timer.unref();
    tick();
  }

  private async poll(): Promise<void> {
    try {
      await this.drainOrphans();
      const now = this.now().getTime();
      if (now - this.lastPurge >= 60_000) {
        this.lastPurge = now;
        await this.db.ingestBatch.deleteMany({ where: { doneAt: { lt: new Date(now - RETAIN_DONE_MS) } } });
      }
    } catch (err) {
      this.logger.warn({ err: (err as Error).message }, "ingest queue worker: database unreachable");
    }
  }

  /**
   * Stops looking for orphans and renewing claims (a batch being stored by the worker is finished
   * first): what this process still holds is taken by another replica once its claim runs out.
   */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.polling;
    if (this.renewer) clearInterval(this.renewer);
    this.renewer = null;
    this.held.clear();
  }
}
