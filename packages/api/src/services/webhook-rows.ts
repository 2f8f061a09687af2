/**
 * The rows behind webhook delivery that more than one sender may touch: a delivery is claimed
 * (a token with a deadline) before it is sent and settled only while the claim holds, and a
 * receiver's consecutive failures set its hold (a circuit breaker, receiverHoldMs).
 */
import type { Db } from "@netops/db";
import { randomBytes } from "node:crypto";
import { receiverHoldMs } from "./webhook-wire";
import type { SendFence } from "./webhooks";

/** A claim outlives the attempt's own timeout by this much before another sender may take the row. */
const CLAIM_MARGIN_MS = 5000;

export type ReceiverRow = NonNullable<Awaited<ReturnType<Db["webhookReceiver"]["findFirst"]>>>;

export class DeliveryRows {
  constructor(
    private readonly db: Db,
    /** The attempt's own timeout (a claim lasts this plus CLAIM_MARGIN_MS). */
    private readonly timeoutMs: number,
    private readonly hold: { baseMs?: number; maxMs?: number },
    private readonly now: () => Date,
  ) {}

  /**
   * Claims the row for this attempt (one conditional UPDATE: still pending and unclaimed), then,
   * under a fence, checks that the lease is still at its epoch. A string: not ours to send, and why.
   */
  async claim(
    id: number,
    fence: SendFence | undefined,
  ): Promise<{ token: string } | "claimed-elsewhere" | "lost-lease"> {
    const now = this.now();
    const token = randomBytes(12).toString("hex");
    const claimedUntil = new Date(now.getTime() + this.timeoutMs + CLAIM_MARGIN_MS);
    const won = await this.db.webhookDelivery.updateMany({
      where: {
        id,
        status: "pending",
        nextAttemptAt: { lte: now },
        OR: [{ claimedUntil: null }, { claimedUntil: { lt: now } }],
      },
      data: { claimToken: token, claimedUntil },
    });
    if (won.count !== 1) return "claimed-elsewhere";
    // After the claim, not before: a new owner that took the lease meanwhile finds the row claimed
    // and waits; we find the lease gone and give the row back untouched.
    if (fence && !(await fence.stillOwner().catch(() => false))) {
      await this.release(id, token);
      return "lost-lease";
    }
    return { token };
  }

  async release(id: number, token: string): Promise<void> {
    await this.db.webhookDelivery.updateMany({
      where: { id, claimToken: token },
      data: { claimToken: null, claimedUntil: null },
    });
  }

  /** The attempt's outcome, written only while its claim holds (false: another sender has the row). */
  async settle(
    id: number,
    token: string,
    data: {
      status: string;
      attempts: number;
      lastStatus: number | null;
      lastError: string | null;
      nextAttemptAt?: Date;
      deliveredAt?: Date;
    },
  ): Promise<boolean> {
    const r = await this.db.webhookDelivery.updateMany({
      where: { id, claimToken: token },
      data: { ...data, claimToken: null, claimedUntil: null },
    });
    return r.count === 1;
  }

  /** The receiver answered well: its failures and hold end. */
  async receiverRecovered(r: ReceiverRow): Promise<void> {
    if (r.failures === 0 && r.holdUntil === null) return;
    await this.db.webhookReceiver.updateMany({
      where: { id: r.id },
      data: { failures: 0, holdUntil: null },
    });
  }

  /** One more consecutive failure: the receiver is held for longer (receiverHoldMs). */
  async receiverFailed(r: ReceiverRow, startedAt: number): Promise<void> {
    const row = await this.db.webhookReceiver.update({
      where: { id: r.id },
      data: { failures: { increment: 1 } },
      select: { failures: true },
    });
    const holdMs = receiverHoldMs(row.failures, this.hold.baseMs, this.hold.maxMs);
    await this.db.webhookReceiver.update({
      where: { id: r.id },
      data: { holdUntil: new Date(startedAt + holdMs) },
    });
  }
}
