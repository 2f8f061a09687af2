/**
 * Live updates across replicas: every replica keeps one dedicated PostgreSQL connection that
 * LISTENs on `netops_events`. Events emitted here are gathered for one tick and sent as one
 * NOTIFY per batch (ids, never rows; payloads kept under PostgreSQL's 8,000-byte limit); events
 * from other replicas are delivered to this replica's SSE subscribers, who refetch what changed.
 * A dropped connection is re-opened with backoff; NOTIFY replays nothing, so subscribers also
 * refetch on reconnect (the web client already does on every (re)subscription).
 */
import pg from "pg";
import type { Logger } from "pino";
import type { ConsoleEvent, EventBus } from "./bus";

export const EVENTS_CHANNEL = "netops_events";
const MAX_PAYLOAD = 7_000;

interface Wire {
  /** Sending replica: its own notifications are ignored (it delivered them locally already). */
  r: string;
  e: ConsoleEvent[];
}

export class PgEventBridge {
  private listener: pg.Client | null = null;
  private sender: pg.Client | null = null;
  private pending: ConsoleEvent[] = [];
  private flushing: Promise<void> | null = null;
  private stopped = false;
  private retry: NodeJS.Timeout | null = null;
  /** Notifications sent and received, for /metrics and the tests. */
  readonly stats = { sent: 0, received: 0, events: 0 };

  constructor(
    private readonly url: string,
    private readonly replicaId: string,
    private readonly bus: EventBus,
    private readonly logger: Logger,
  ) {}

  async start(): Promise<void> {
    await this.connect();
    this.bus.forwardTo((e) => this.queue(e));
  }

  private async connect(): Promise<void> {
    const listener = new pg.Client({ connectionString: this.url });
    listener.on("notification", (n) => this.onNotification(n.payload));
    listener.on("error", (err) => this.reconnect(err));
    listener.on("end", () => this.reconnect(new Error("connection ended")));
    await listener.connect();
    await listener.query(`LISTEN ${EVENTS_CHANNEL}`);
    this.listener = listener;
    const sender = new pg.Client({ connectionString: this.url });
    sender.on("error", () => {});
    await sender.connect();
    this.sender = sender;
  }

  private reconnect(err: Error): void {
    if (this.stopped || this.retry) return;
    this.logger.warn({ err: err.message }, "event bridge: PostgreSQL connection lost; reconnecting");
    const old = [this.listener, this.sender];
    this.listener = null;
    this.sender = null;
    for (const c of old) c?.end().catch(() => {});
    this.retry = setTimeout(() => {
      this.retry = null;
      this.connect().catch((e) => this.reconnect(e as Error));
    }, 1000);
  }

  private onNotification(payload: string | undefined): void {
    if (!payload) return;
    let w: Wire;
    try {
      w = JSON.parse(payload) as Wire;
    } catch {
      return;
    }
    if (w.r === this.replicaId || !Array.isArray(w.e)) return;
    this.stats.received++;
    for (const e of w.e) this.bus.deliver(e);
  }

  private queue(e: ConsoleEvent): void {
    this.pending.push(e);
    if (!this.flushing) this.flushing = new Promise<void>((r) => setImmediate(r)).then(() => this.flush());
  }

  private async flush(): Promise<void> {
    const events = this.pending;
    this.pending = [];
    try {
      for (const batch of payloads(this.replicaId, events)) {
        if (!this.sender) break; // reconnecting: subscribers elsewhere refetch when it is back
        // Through pg, not Prisma: $queryRaw cannot read pg_notify's void result.
        await this.sender.query("SELECT pg_notify($1, $2)", [EVENTS_CHANNEL, batch]);
        this.stats.sent++;
      }
      this.stats.events += events.length;
    } catch (err) {
      this.logger.warn({ err: (err as Error).message }, "event bridge: NOTIFY failed");
    } finally {
      this.flushing = null;
      if (this.pending.length)
        this.flushing = new Promise<void>((r) => setImmediate(r)).then(() => this.flush());
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.bus.forwardTo(null);
    if (this.retry) clearTimeout(this.retry);
    await this.flushing;
    for (const c of [this.listener, this.sender]) await c?.end().catch(() => {});
  }
}

/** Events as NOTIFY payloads, each under MAX_PAYLOAD bytes. */
export function payloads(replicaId: string, events: readonly ConsoleEvent[]): string[] {
  const out: string[] = [];
  let cur: ConsoleEvent[] = [];
  const text = (e: ConsoleEvent[]) => JSON.stringify({ r: replicaId, e } satisfies Wire);
  for (const e of events) {
    cur.push(e);
    if (Buffer.byteLength(text(cur)) > MAX_PAYLOAD && cur.length > 1) {
      cur.pop();
      out.push(text(cur));
      cur = [e];
    }
  }
  if (cur.length) out.push(text(cur));
  return out;
}
