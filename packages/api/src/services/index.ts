import type { Db } from "@netops/db";
import type { Logger } from "pino";
import { AlertService } from "./alerts";
import { AuditService } from "./audit";
import { AuthService } from "./auth";
import { EventBus } from "./bus";
import { SecretBox } from "./crypto";
import { HealthService } from "./health";
import { JobService } from "./jobs";
import { LoginLimiter } from "./rate-limit";
import { WebhookService } from "./webhooks";

export interface ServiceOptions {
  sessionTtlHours: number;
  loginMaxFailures: number;
  loginWindowSeconds: number;
  secretKey: string;
  publicOrigin: string;
  webhook: { timeoutMs: number; maxAttempts: number; backoffMs: number };
  now?: () => Date;
  fetch?: typeof fetch;
}

/** Everything the routers and the server's jobs use, wired once per process. */
export function createServices(db: Db, logger: Logger, opts: ServiceOptions) {
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
    opts.fetch ?? fetch,
  );
  alerts.notifier = webhooks;
  webhooks.alerts = alerts;
  const jobs = new JobService(db, alerts, now);
  return {
    db,
    logger,
    bus,
    box,
    alerts,
    webhooks,
    jobs,
    auth: new AuthService(db, opts.sessionTtlHours * 3_600_000, now),
    audit: new AuditService(db),
    health: new HealthService(db, alerts, jobs),
    limiter: new LoginLimiter(opts.loginMaxFailures, opts.loginWindowSeconds * 1000, () => now().getTime()),
    publicOrigin: opts.publicOrigin,
    sessionTtlHours: opts.sessionTtlHours,
  };
}

export type Services = ReturnType<typeof createServices>;
export type { AlertView, SilenceView } from "./alerts";
export type { DeliveryView, ReceiverView } from "./webhooks";
export { AlertService, AuditService, AuthService, EventBus, JobService, SecretBox, WebhookService };
