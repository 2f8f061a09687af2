/**
 * What a webhook delivery is on the wire and on the page: the receiver and delivery views, the
 * signature, the retry schedule, and the one outbound client each receiver is sent through.
 */
import { createHmac } from "node:crypto";
import type { Db } from "@netops/db";
import type { AlertSource, Severity } from "@netops/protocols";
import { jsonColumn } from "../json-column";
import { type OutboundFetch, OutboundPolicy, outboundFetch } from "./outbound";

export interface ReceiverView {
  id: string;
  name: string;
  url: string;
  minSeverity: Severity;
  sources: AlertSource[];
  sendResolved: boolean;
  enabled: boolean;
  createdAt: string;
  /** Outcome of the newest finished delivery, for the list. */
  lastDelivery: { status: string; at: string; error: string | null } | null;
  /** ok; failing (its last attempt failed; the next one is a probe); held (nothing but a test is sent before holdUntil). */
  state: ReceiverState;
  /** Consecutive failed attempts. */
  failures: number;
  holdUntil: string | null;
}

export const RECEIVER_STATES = ["ok", "failing", "held"] as const;
export type ReceiverState = (typeof RECEIVER_STATES)[number];

/**
 * How long a receiver is held after its `failures`-th consecutive failure: base · 2^(failures-1),
 * at most max (1 s, 2 s, 4 s, … 5 min by default). A dead receiver costs an attempt per hold, not
 * one per delivery per tick.
 */
export function receiverHoldMs(failures: number, baseMs = 1000, maxMs = 300_000): number {
  if (failures <= 0) return 0;
  return Math.min(maxMs, baseMs * 2 ** Math.min(failures - 1, 30));
}

/** A receiver's state at `now` from its failures and hold. */
export function receiverState(r: { failures: number; holdUntil: Date | null }, now: Date): ReceiverState {
  if (r.failures === 0) return "ok";
  return r.holdUntil && r.holdUntil > now ? "held" : "failing";
}

export interface DeliveryView {
  id: number;
  receiverId: string;
  receiverName: string;
  alertId: number | null;
  event: string;
  status: string;
  attempts: number;
  lastStatus: number | null;
  lastError: string | null;
  createdAt: string;
  nextAttemptAt: string;
  deliveredAt: string | null;
}

export const SIGNATURE_HEADER = "x-netops-signature";

/**
 * The signature a receiver recomputes: HMAC-SHA256 over `<unix seconds>.<raw body>` with the
 * shared secret, sent as `t=<unix seconds>,v1=<hex>`. The timestamp lets receivers refuse replays.
 */
export function signPayload(secret: string, body: string, unixSeconds: number): string {
  const mac = createHmac("sha256", secret).update(`${unixSeconds}.${body}`).digest("hex");
  return `t=${unixSeconds},v1=${mac}`;
}

type ReceiverRow = NonNullable<Awaited<ReturnType<Db["webhookReceiver"]["findFirst"]>>>;

/**
 * When attempt `attempts` (1-based) that started at `startedAt` may be retried: exponential backoff
 * (backoffMs · 2^(attempts-1)) with ±20% jitter so a recovering receiver is not hit all at once.
 */
export function nextAttemptAt(
  startedAt: number,
  attempts: number,
  backoffMs: number,
  random = Math.random,
): Date {
  return new Date(startedAt + backoffMs * 2 ** (attempts - 1) * (0.8 + random() * 0.4));
}

/** An error text with the receiver's URL (or its path, query or user info) taken out. */
export function withoutUrl(text: string, url: string): string {
  let out = text.split(url).join("<receiver URL>");
  try {
    const u = new URL(url);
    for (const part of [u.pathname + u.search, u.search, u.username, u.password])
      if (part.length > 1) out = out.split(part).join("…");
  } catch {
    // Not a URL: nothing more to take out.
  }
  return out;
}

/**
 * The outbound client for one receiver. Its host:port is allowed because an admin saved it (the
 * receiver's URL is the allow-list entry, loopback and private addresses included); the connection
 * is pinned to the addresses checked, no redirect is followed, URLs with credentials are refused,
 * and a failure before the answer reads the same whatever the peer did (no ECONNREFUSED for viewers).
 */
export function receiverFetch(url: string, onFailure?: (detail: string) => void): OutboundFetch {
  let allow: string[] = [];
  try {
    const u = new URL(url);
    allow = [`${u.hostname}:${u.port || (u.protocol === "https:" ? "443" : "80")}`];
  } catch {
    // Not a URL: nothing is allowed, and the request is refused with the reason.
  }
  const policy = new OutboundPolicy({
    service: "webhook",
    configKey: "webhook receivers (Settings → Webhooks)",
    defaultPort: 443,
    allow,
  });
  return outboundFetch({ policy, allowHttp: () => true, onFailure: (i) => onFailure?.(i.detail) });
}

export function receiverView(
  r: ReceiverRow,
  last: { status: string; createdAt: Date; deliveredAt: Date | null; lastError: string | null } | null,
  now: Date,
): ReceiverView {
  return {
    id: r.id,
    name: r.name,
    url: r.url,
    minSeverity: r.minSeverity as Severity,
    sources: jsonColumn<AlertSource[]>(r.sources, []),
    sendResolved: r.sendResolved,
    enabled: r.enabled,
    createdAt: r.createdAt.toISOString(),
    lastDelivery: last
      ? {
          status: last.status,
          at: (last.deliveredAt ?? last.createdAt).toISOString(),
          error: last.lastError,
        }
      : null,
    state: receiverState(r, now),
    failures: r.failures,
    holdUntil: r.holdUntil?.toISOString() ?? null,
  };
}

type DeliveryRow = NonNullable<Awaited<ReturnType<Db["webhookDelivery"]["findFirst"]>>> & {
  receiver: { name: string };
};

export function deliveryView(d: DeliveryRow): DeliveryView {
  return {
    id: d.id,
    receiverId: d.receiverId,
    receiverName: d.receiver.name,
    alertId: d.alertId,
    event: d.event,
    status: d.status,
    attempts: d.attempts,
    lastStatus: d.lastStatus,
    lastError: d.lastError,
    createdAt: d.createdAt.toISOString(),
    nextAttemptAt: d.nextAttemptAt.toISOString(),
    deliveredAt: d.deliveredAt?.toISOString() ?? null,
  };
}
