import type { Db } from "@netops/db";
import type { Logger } from "pino";
import { AlertService } from "./alerts";
import { AuditService } from "./audit";
import { EventBus } from "./bus";
import { DurableIngestQueue } from "./ingest-queue";
import { SecretBox } from "./crypto";
import { JobService } from "./jobs";
import { StorageMonitor } from "./storage";
import { ReceiverFailureLog } from "./webhook-log";
import { WebhookService, type WebhookSettings } from "./webhooks";

export interface CoreOptions {
  secretKey: string;
  publicOrigin: string;
  /** The webhook sender's settings (the public origin is the console's own, below). */
  webhook: Omit<WebhookSettings, "publicOrigin">;
  now?: () => Date;
  fetch?: typeof fetch;
}

/** The services every subsystem module is built from (alerts, audit, jobs, clock, database, …). */
export function createCoreServices(db: Db, logger: Logger, opts: CoreOptions) {
  const now = opts.now ?? (() => new Date());
  const bus = new EventBus();
  const alerts = new AlertService(db, bus, now);
  const box = new SecretBox(opts.secretKey);
  const webhooks = new WebhookService(
    db,
    box,
    bus,
    { ...opts.webhook, publicOrigin: opts.publicOrigin },
    now,
    opts.fetch,
  );
  alerts.notifier = webhooks;
  webhooks.alerts = alerts;
  webhooks.onWorkerError = (err, receiverId) =>
    logger.error({ err, receiverId }, "webhook delivery worker failed");
  // Once per change of state (failing, recovered) with backed-off reminders, not once per attempt.
  const receiverLog = new ReceiverFailureLog(logger, () => now().getTime());
  webhooks.onDeliveryFailure = (receiver, detail) => receiverLog.failed(receiver, detail);
  webhooks.onDelivered = (receiver) => receiverLog.delivered(receiver);
  const jobs = new JobService(db, alerts, now);
  const storage = new StorageMonitor(db, logger, now);
  storage.alerts = alerts;
  return {
    db,
    logger,
    bus,
    box,
    alerts,
    webhooks,
    jobs,
    audit: new AuditService(db),
    storage,
    /** What push collectors accepted, durable before it is stored (services/ingest-queue.ts). */
    ingestQueue: new DurableIngestQueue(db, logger, now),
    /** The clock every service reads (tests pass a fixed one). */
    now,
    /** An injected fetch (tests); undefined: each client uses its own outbound policy. */
    fetch: opts.fetch,
  };
}

export type CoreServices = ReturnType<typeof createCoreServices>;
