/**
 * Webhook receivers (admin CRUD), the routing of alert changes to them, and their delivery workers.
 *
 * Sending is owned work (the "webhook-delivery" and "alert-reminders" leases, ownership.ts), and
 * each side effect is checked against the run's fence: an attempt first claims its delivery row (a
 * random token, good until the attempt's timeout has surely passed), then checks that the lease is
 * still at the run's epoch, and only then sends; the outcome is written only while the claim is
 * still its own. So a replica that lost its lease (paused, then resumed after another took over)
 * sends nothing, and two senders never hold one delivery at once. Reminders carry a dedup key: two
 * replicas that compute the same reminder insert one row. What no fence can close is a sender
 * paused between its check and its request for longer than the claim: receivers get the delivery id
 * (x-netops-delivery) to drop such a repeat.
 *
 * Each receiver has a hold (a circuit breaker, like Alertmanager's backoff per integration): after
 * consecutive failed attempts nothing but a test is sent to it until the hold ends (1 s, doubling per
 * failure, at most 5 min); the next attempt after it is a probe, and a success ends the hold.
 */
import type { Db } from "@netops/db";
import { type AlertSource, type Severity, severityAtLeast } from "@netops/protocols";
import type { AlertNotifier, AlertService, AlertView } from "./alerts";
import type { EventBus } from "./bus";
import type { SecretBox } from "./crypto";
import { OutboundError } from "./outbound";
import type { WorkFence } from "./ownership";
import {
  type DeliveryView,
  deliveryView,
  nextAttemptAt,
  type ReceiverView,
  receiverFetch,
  type ReceiverState,
  receiverState,
  receiverView,
  SIGNATURE_HEADER,
  signPayload,
  withoutUrl,
} from "./webhook-wire";
import { DeliveryRows, type ReceiverRow } from "./webhook-rows";

export {
  type DeliveryView,
  nextAttemptAt,
  RECEIVER_STATES,
  type ReceiverState,
  type ReceiverView,
  receiverFetch,
  receiverHoldMs,
  SIGNATURE_HEADER,
  signPayload,
} from "./webhook-wire";

export interface WebhookSettings {
  timeoutMs: number;
  maxAttempts: number;
  backoffMs: number;
  /** Receivers sent to at once (each one gets one delivery at a time); 8 by default. */
  concurrency?: number;
  /** Send a still-firing, unacknowledged alert again after this long (Alertmanager's repeat_interval); 0: never. */
  repeatIntervalMs?: number;
  /** Used to build links back to the console in payloads. */
  publicOrigin: string;
  /** A receiver's hold after its first consecutive failure, doubling per failure (default 1 s)… */
  holdBaseMs?: number;
  /** …up to this (default 5 min). */
  holdMaxMs?: number;
}

/** The part of a lease's fence the senders check (ownership.ts's WorkFence). */
export type SendFence = Pick<WorkFence, "work" | "epoch" | "stillOwner">;

/** What became of one attempt: sent (whatever the answer), or not sent and why. */
type AttemptOutcome = "sent" | "claimed-elsewhere" | "lost-lease" | "closing";

/** Deliveries a receiver's worker sends before giving its slot back (fairness between receivers). */
const WORKER_TURN = 10;

export class WebhookService implements AlertNotifier {
  alerts: AlertService | null = null;
  /** Told when a receiver's worker fails outside an attempt (the database, say); the server logs it. */
  onWorkerError: (err: unknown, receiverId: string) => void = (err, receiverId) => {
    console.error(`webhook worker for receiver ${receiverId} failed:`, err);
  };
  /** Told the precise cause of a delivery that failed before the receiver answered; the server logs it. */
  onDeliveryFailure: (receiverName: string, detail: string) => void = () => {};
  /** Told when a delivery succeeded (the log says a failing receiver recovered). */
  onDelivered: (receiverName: string) => void = () => {};
  /** Receiver id → its worker, while one runs. */
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly closing = new AbortController();

  constructor(
    private readonly db: Db,
    private readonly box: SecretBox,
    private readonly bus: EventBus,
    private readonly settings: WebhookSettings,
    private readonly now: () => Date = () => new Date(),
    /** Replaces the outbound client (tests); by default each receiver gets its own (receiverFetch). */
    private readonly fetchImpl?: typeof fetch,
  ) {
    this.rows = new DeliveryRows(
      db,
      settings.timeoutMs,
      { baseMs: settings.holdBaseMs, maxMs: settings.holdMaxMs },
      now,
    );
  }
  /** Claims on delivery rows and the receivers' hold (webhook-rows.ts). */
  private readonly rows: DeliveryRows;

  // ---- receivers ----

  async list(): Promise<ReceiverView[]> {
    const rows = await this.db.webhookReceiver.findMany({ orderBy: { name: "asc" } });
    const out: ReceiverView[] = [];
    for (const r of rows) {
      const last = await this.db.webhookDelivery.findFirst({
        where: { receiverId: r.id, status: { in: ["delivered", "failed"] } },
        orderBy: { id: "desc" },
      });
      out.push(receiverView(r, last, this.now()));
    }
    return out;
  }

  /** Each receiver's hold state, for /metrics (one read). */
  async receiverStates(): Promise<{ name: string; state: ReceiverState; failures: number }[]> {
    const rows = await this.db.webhookReceiver.findMany({
      select: { name: true, failures: true, holdUntil: true },
      orderBy: { name: "asc" },
    });
    const now = this.now();
    return rows.map((r) => ({ name: r.name, state: receiverState(r, now), failures: r.failures }));
  }

  async create(input: {
    name: string;
    url: string;
    secret: string;
    minSeverity: Severity;
    sources: AlertSource[];
    sendResolved: boolean;
  }) {
    const row = await this.db.webhookReceiver.create({
      data: {
        name: input.name,
        url: input.url,
        secretEnc: this.box.seal(input.secret),
        minSeverity: input.minSeverity,
        sources: JSON.stringify(input.sources),
        sendResolved: input.sendResolved,
      },
    });
    return receiverView(row, null, this.now());
  }

  async update(
    id: string,
    patch: Partial<{
      name: string;
      url: string;
      secret: string;
      minSeverity: Severity;
      sources: AlertSource[];
      sendResolved: boolean;
      enabled: boolean;
    }>,
  ) {
    const before = await this.db.webhookReceiver.findUniqueOrThrow({ where: { id } });
    const row = await this.db.webhookReceiver.update({
      where: { id },
      data: {
        ...(patch.name !== undefined && { name: patch.name }),
        ...(patch.url !== undefined && { url: patch.url }),
        ...(patch.secret !== undefined && { secretEnc: this.box.seal(patch.secret) }),
        ...(patch.minSeverity !== undefined && { minSeverity: patch.minSeverity }),
        ...(patch.sources !== undefined && { sources: JSON.stringify(patch.sources) }),
        ...(patch.sendResolved !== undefined && { sendResolved: patch.sendResolved }),
        ...(patch.enabled !== undefined && { enabled: patch.enabled }),
      },
    });
    return { before: receiverView(before, null, this.now()), after: receiverView(row, null, this.now()) };
  }

  async remove(id: string) {
    const before = await this.db.webhookReceiver.findUniqueOrThrow({ where: { id } });
    await this.db.webhookReceiver.delete({ where: { id } });
    return receiverView(before, null, this.now());
  }

  async deliveries(filter: {
    receiverId?: string | undefined;
    alertId?: number | undefined;
    limit: number;
  }): Promise<DeliveryView[]> {
    const rows = await this.db.webhookDelivery.findMany({
      where: {
        ...(filter.receiverId && { receiverId: filter.receiverId }),
        ...(filter.alertId && { alertId: filter.alertId }),
      },
      orderBy: { id: "desc" },
      take: filter.limit,
      include: { receiver: { select: { name: true } } },
    });
    return rows.map(deliveryView);
  }

  // ---- routing ----

  /** Routes an alert change to every enabled receiver whose severity and source filters accept it. */
  async alertChanged(alert: AlertView, event: "firing" | "resolved"): Promise<void> {
    await this.alertsChanged([{ alert, event }]);
  }

  /** A batch of alert changes, in order: one read of the receivers, one insert of their deliveries. */
  async alertsChanged(changes: readonly { alert: AlertView; event: "firing" | "resolved" }[]): Promise<void> {
    if (changes.length === 0) return;
    const receivers = await this.db.webhookReceiver.findMany({ where: { enabled: true } });
    const rows = changes.flatMap(({ alert, event }) =>
      receivers
        .filter((r) => this.accepts(r, alert, event))
        .map((r) => this.deliveryRow(r.id, alert.id, event, this.payload(event, alert))),
    );
    if (rows.length === 0) return;
    await this.db.webhookDelivery.createMany({ data: rows });
    for (const receiverId of new Set(rows.map((r) => r.receiverId)))
      this.bus.emit({ type: "delivery", receiverId });
  }

  /**
   * Alertmanager's repeat_interval: an alert still firing (not acknowledged, not silenced) is sent
   * again to each receiver that takes it and was last sent it (or, never sent it, since it fired)
   * at least repeatIntervalMs ago. Returns how many reminders were queued.
   *
   * With `fence` (the alert-reminders lease), nothing is queued once the lease has moved on, and
   * each reminder's dedup key (receiver, alert, the send it follows) makes a reminder that another
   * replica queued already a no-op: a stale owner cannot add a second one.
   */
  async repeatFiring(fence?: SendFence): Promise<number> {
    const every = this.settings.repeatIntervalMs ?? 0;
    if (every <= 0 || !this.alerts) return 0;
    if (fence && !(await fence.stillOwner())) return 0;
    const cutoff = new Date(this.now().getTime() - every);
    const receivers = await this.db.webhookReceiver.findMany({ where: { enabled: true } });
    if (receivers.length === 0) return 0;
    const rows = await this.db.alert.findMany({
      where: { state: "firing", firstSeenAt: { lte: cutoff } },
      orderBy: { id: "asc" },
      take: 500,
    });
    // When each receiver was last sent each of these alerts: one grouped query, not one per pair.
    const sent = await this.db.webhookDelivery.groupBy({
      by: ["receiverId", "alertId"],
      where: { event: "firing", alertId: { in: rows.map((r) => r.id) } },
      _max: { createdAt: true },
    });
    const lastSent = new Map(sent.map((g) => [`${g.receiverId}/${g.alertId}`, g._max.createdAt]));
    const silences = await this.alerts.activeSilences();
    const due: { receiverId: string; alertId: number; payload: unknown; dedupKey: string }[] = [];
    for (const row of rows) {
      const alert = this.alerts.toView(row, silences);
      if (alert.silencedBy.length > 0) continue;
      for (const r of receivers) {
        if (!this.accepts(r, alert, "firing")) continue;
        const basis = lastSent.get(`${r.id}/${row.id}`) ?? row.firstSeenAt;
        if (basis > cutoff) continue;
        due.push({
          receiverId: r.id,
          alertId: row.id,
          payload: { ...this.payload("firing", alert), repeat: true },
          dedupKey: `repeat:${r.id}:${row.id}:${basis.getTime()}`,
        });
      }
    }
    // Checked again after the reads: a run that lost its lease meanwhile queues nothing.
    if (due.length === 0 || (fence && !(await fence.stillOwner()))) return 0;
    let queued = 0;
    for (const d of due) {
      try {
        await this.db.webhookDelivery.create({
          data: { ...this.deliveryRow(d.receiverId, d.alertId, "firing", d.payload), dedupKey: d.dedupKey },
        });
      } catch (e) {
        if ((e as { code?: string }).code === "P2002") continue; // queued already (another replica)
        throw e;
      }
      this.bus.emit({ type: "delivery", receiverId: d.receiverId });
      queued++;
    }
    return queued;
  }

  accepts(
    r: ReceiverRow,
    alert: Pick<AlertView, "severity" | "source" | "labels">,
    event: "firing" | "resolved",
  ): boolean {
    if (event === "resolved" && !r.sendResolved) return false;
    // A receiver is never told about its own failures: it would only fail again.
    if (alert.source === "system" && alert.labels.receiver === r.name) return false;
    if (!severityAtLeast(alert.severity, r.minSeverity as Severity)) return false;
    const sources = JSON.parse(r.sources) as string[];
    return sources.length === 0 || sources.includes(alert.source);
  }

  async sendTest(receiverId: string, by: string) {
    const r = await this.db.webhookReceiver.findUniqueOrThrow({ where: { id: receiverId } });
    const payload = {
      version: "1",
      event: "test",
      sentBy: by,
      receiver: r.name,
      sentAt: this.now().toISOString(),
    };
    return this.enqueue(r.id, null, "test", payload);
  }

  private payload(event: string, alert: AlertView) {
    return {
      version: "1",
      event,
      alert: { ...alert, url: `${this.settings.publicOrigin}/alerts/${alert.id}` },
    };
  }

  private async enqueue(receiverId: string, alertId: number | null, event: string, payload: unknown) {
    const d = await this.db.webhookDelivery.create({
      data: this.deliveryRow(receiverId, alertId, event, payload),
    });
    this.bus.emit({ type: "delivery", receiverId });
    return d.id;
  }

  private deliveryRow(receiverId: string, alertId: number | null, event: string, payload: unknown) {
    return {
      receiverId,
      alertId,
      event,
      payload: JSON.stringify(payload),
      status: "pending",
      // The service's clock, like every time it compares against (reminders count from it).
      createdAt: this.now(),
      nextAttemptAt: this.now(),
    };
  }

  // ---- delivery ----

  /**
   * Starts sending what is due without waiting for it: one worker per receiver (so a receiver that
   * hangs delays only itself, and each receiver gets its deliveries in due order), at most
   * `concurrency` receivers at once. Returns how many workers it started. The scheduler calls this
   * with the webhook-delivery lease's fence: every attempt checks it before sending.
   */
  async dispatch(fence?: SendFence): Promise<number> {
    return (await this.startWorkers(fence)).length;
  }

  /**
   * Sends what is due now and waits for those receivers' workers (the CLI and "send test" use this,
   * on whichever replica serves them, without a lease: the delivery claims keep one sender each).
   */
  async deliverDue(fence?: SendFence): Promise<number> {
    const started = await this.startWorkers(fence);
    await Promise.all(started);
    return started.length;
  }

  /** Stops taking deliveries, cuts off attempts in flight (they stay pending) and waits for the workers. */
  async close(): Promise<void> {
    this.closing.abort();
    await Promise.all(this.inFlight.values());
  }

  /**
   * Deletes finished deliveries created before `days` ago. Rows of alerts still active are kept:
   * reminders count from when an alert was last sent.
   */
  async purgeDeliveries(days: number): Promise<number> {
    const cutoff = new Date(this.now().getTime() - days * 86_400_000);
    const r = await this.db.webhookDelivery.deleteMany({
      where: {
        status: { in: ["delivered", "failed"] },
        createdAt: { lt: cutoff },
        OR: [{ alertId: null }, { alert: { state: "resolved" } }],
      },
    });
    return r.count;
  }

  /**
   * Alerts stored before receiver URLs were kept out of them (a "receiver failing" alert quoted
   * the URL) get the URL replaced by the receiver's name. Returns how many alerts were changed.
   */
  async redactStoredUrls(): Promise<number> {
    let changed = 0;
    for (const r of await this.db.webhookReceiver.findMany()) {
      const rows = await this.db.alert.findMany({
        where: {
          source: "system",
          OR: [{ details: { contains: r.url } }, { summary: { contains: r.url } }],
        },
      });
      for (const a of rows) {
        await this.db.alert.update({
          where: { id: a.id },
          data: {
            summary: a.summary.split(r.url).join(`receiver ${r.name}`),
            details: a.details.split(r.url).join(`receiver ${r.name}`),
          },
        });
        changed++;
      }
    }
    return changed;
  }

  /**
   * Deliveries that may be attempted now: pending, due, not claimed by a sender (or its claim ran
   * out), and to a receiver that is not held — a test's first attempt is sent whatever the hold
   * (its retries wait like the rest).
   */
  private sendable(now: Date) {
    return {
      status: "pending",
      nextAttemptAt: { lte: now },
      OR: [{ claimedUntil: null }, { claimedUntil: { lt: now } }],
      AND: [
        {
          OR: [
            { event: "test", attempts: 0 },
            { receiver: { OR: [{ holdUntil: null }, { holdUntil: { lte: now } }] } },
          ],
        },
      ],
    };
  }

  private async startWorkers(fence?: SendFence): Promise<Promise<void>[]> {
    const max = this.settings.concurrency ?? 8;
    if (this.closing.signal.aborted || this.inFlight.size >= max) return [];
    // Receivers with something due, the longest-waiting first.
    const due = await this.db.webhookDelivery.groupBy({
      by: ["receiverId"],
      where: {
        ...this.sendable(this.now()),
        receiverId: { notIn: [...this.inFlight.keys()] },
      },
      _min: { nextAttemptAt: true },
      orderBy: { _min: { nextAttemptAt: "asc" } },
      take: max,
    });
    const started: Promise<void>[] = [];
    for (const { receiverId } of due) {
      // Checked again: another dispatch may have started this receiver while we queried.
      if (this.inFlight.size >= max || this.inFlight.has(receiverId) || this.closing.signal.aborted) continue;
      const worker = this.work(receiverId, fence)
        .catch((err) => this.onWorkerError(err, receiverId))
        .finally(() => this.inFlight.delete(receiverId));
      this.inFlight.set(receiverId, worker);
      started.push(worker);
    }
    return started;
  }

  /**
   * Sends one receiver's due deliveries in order; gives its slot back after a turn so others get
   * theirs. A failure holds the receiver, so the next read finds nothing more (but a test) to send.
   */
  private async work(receiverId: string, fence?: SendFence): Promise<void> {
    for (let n = 0; n < WORKER_TURN && !this.closing.signal.aborted; n++) {
      const d = await this.db.webhookDelivery.findFirst({
        where: { receiverId, ...this.sendable(this.now()) },
        orderBy: [{ nextAttemptAt: "asc" }, { id: "asc" }],
        include: { receiver: true },
      });
      if (!d) return;
      const outcome = await this.attempt(d, d.receiver, fence);
      if (outcome === "lost-lease" || outcome === "closing") return;
    }
  }

  private async attempt(
    d: { id: number; payload: string; attempts: number; event: string },
    r: ReceiverRow,
    fence?: SendFence,
  ): Promise<AttemptOutcome> {
    const claim = await this.rows.claim(d.id, fence);
    if (typeof claim === "string") return claim;
    const attempts = d.attempts + 1;
    // Backoff counts from when this attempt started, so the schedule holds whatever the attempt took.
    const startedAt = this.now().getTime();
    const unix = Math.floor(startedAt / 1000);
    let status: number | null = null;
    let error: string | null = null;
    let permanent = false;
    try {
      const secret = this.box.open(r.secretEnc);
      const send = this.fetchImpl ?? receiverFetch(r.url, (detail) => this.onDeliveryFailure(r.name, detail));
      const res = await send(r.url, {
        method: "POST",
        body: d.payload,
        // Redirects are not followed: requests go only to the configured URL.
        redirect: "manual",
        signal: AbortSignal.any([AbortSignal.timeout(this.settings.timeoutMs), this.closing.signal]),
        headers: {
          "content-type": "application/json",
          "user-agent": "NetOps-Console-Webhook/1",
          "x-netops-event": d.event,
          "x-netops-delivery": String(d.id),
          [SIGNATURE_HEADER]: signPayload(secret, d.payload, unix),
        },
      });
      status = res.status;
      await res.body?.cancel();
      if (res.status >= 200 && res.status < 300) {
        await this.rows.settle(d.id, claim.token, {
          status: "delivered",
          attempts,
          lastStatus: status,
          lastError: null,
          deliveredAt: this.now(),
        });
        await this.rows.receiverRecovered(r);
        await this.alerts?.clear(
          "system",
          { check: "webhook", receiver: r.name },
          `delivery ${d.id} succeeded`,
        );
        this.bus.emit({ type: "delivery", receiverId: r.id });
        this.onDelivered(r.name);
        return "sent";
      }
      error = `HTTP ${res.status}`;
      // Like Alertmanager: a 4xx (other than timeout / rate limit) will not get better by retrying.
      permanent = res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429;
      if (res.status >= 300 && res.status < 400) {
        error = `HTTP ${res.status} redirect not followed`;
        permanent = true;
      }
    } catch (e) {
      // Shutting down: not the receiver's fault; the delivery stays pending for the next start.
      if (this.closing.signal.aborted) {
        await this.rows.release(d.id, claim.token).catch(() => {});
        return "closing";
      }
      // fetch wraps the real reason (ECONNREFUSED, a blocked port, a DNS failure) in `cause`.
      const err = e as Error & { cause?: { code?: string; message?: string } };
      error =
        e instanceof OutboundError
          ? withoutUrl(e.message, r.url)
          : err.name === "TimeoutError"
            ? `timed out after ${this.settings.timeoutMs} ms`
            : withoutUrl(err.cause?.code ?? err.cause?.message ?? err.message, r.url);
    }
    const failed = permanent || attempts >= this.settings.maxAttempts;
    await this.rows.settle(d.id, claim.token, {
      status: failed ? "failed" : "pending",
      attempts,
      lastStatus: status,
      lastError: error,
      nextAttemptAt: failed ? this.now() : nextAttemptAt(startedAt, attempts, this.settings.backoffMs),
    });
    await this.rows.receiverFailed(r, startedAt);
    this.bus.emit({ type: "delivery", receiverId: r.id });
    if (failed) {
      // Viewers read system alerts (and other receivers are sent them): the receiver by name only.
      // Its URL can carry a credential (Slack, Teams); admins see it on the Webhooks settings page.
      await this.alerts?.raise({
        source: "system",
        severity: "warning",
        labels: { check: "webhook", receiver: r.name },
        summary: `Webhook receiver ${r.name} is failing: ${error}`,
        details: `Delivery ${d.id} (${d.event}) to receiver ${r.name} gave up after ${attempts} attempt(s). Last error: ${error}.`,
        links: [
          { label: "Webhook deliveries", href: `/settings/webhooks?receiver=${encodeURIComponent(r.id)}` },
        ],
      });
    }
    return "sent";
  }
}
