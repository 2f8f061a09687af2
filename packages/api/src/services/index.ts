import type { Db } from "@netops/db";
import { DhcpService } from "../features/dhcp";
import type { KeaLimits } from "../features/dhcp/kea-api";
import type { LeaseFileLimits } from "../features/dhcp/lease-files";
import { DEFAULT_DNS_LIMITS, type DnsLimits, DnsService } from "../features/dns";
import { RdapService, type RdapServiceOptions } from "../features/rdap/service";
import { RegistryService, type RegistryServiceOptions } from "../features/epp";
import type { Logger } from "pino";
import { AlertService } from "./alerts";
import { AuditService } from "./audit";
import { AuthService } from "./auth";
import { EventBus } from "./bus";
import { SecretBox } from "./crypto";
import { HealthService } from "./health";
import { JobService } from "./jobs";
import { LoginLimiter } from "./rate-limit";
import { StorageMonitor } from "./storage";
import { WebhookService } from "./webhooks";
import { BgpAlerting, BgpService, type BgpServiceOptions } from "../features/bgp";

export interface ServiceOptions {
  sessionTtlHours: number;
  loginMaxFailures: number;
  loginWindowSeconds: number;
  secretKey: string;
  publicOrigin: string;
  webhook: {
    timeoutMs: number;
    maxAttempts: number;
    backoffMs: number;
    repeatIntervalMs?: number;
    concurrency?: number;
  };
  now?: () => Date;
  fetch?: typeof fetch;
  /** BGP: ticket pattern and URL template. */
  bgp?: BgpServiceOptions;
  /** DHCP lease files: the folders they may be read from (dhcp.leaseDirs) and their size limit. */
  dhcp?: LeaseFileLimits;
  /** Kea: Control Agents and control-socket folders it may be reached at (dhcp.keaAgents, dhcp.keaSocketDirs). */
  kea?: KeaLimits;
  /** DNS zones: zone folders, allowed https URLs, fetch limits. */
  dns?: DnsLimits;
  /** RDAP: bootstrap overrides, extra hosts, limits (the demo points it at the lab server). */
  rdap?: RdapServiceOptions;
  /** Registry (EPP): session timeouts and pool options. */
  registry?: RegistryServiceOptions;
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
  webhooks.onWorkerError = (err, receiverId) =>
    logger.error({ err, receiverId }, "webhook delivery worker failed");
  const jobs = new JobService(db, alerts, now);
  const storage = new StorageMonitor(db, logger, now);
  storage.alerts = alerts;
  const bgp = new BgpService(db, now, opts.bgp);
  bgp.alerting = new BgpAlerting(alerts, bgp, now);
  return {
    db,
    logger,
    bus,
    box,
    alerts,
    webhooks,
    jobs,
    bgp,
    // No fetch given: zone downloads go through the outbound policy's own client.
    dns: new DnsService(db, alerts, box, logger, opts.dns ?? DEFAULT_DNS_LIMITS, now, opts.fetch),
    rdap: new RdapService({
      ...opts.rdap,
      // Viewers see "connection failed"; the cause goes to the log.
      client: { onFailure: (i) => logger.warn(i, "RDAP request failed"), ...opts.rdap?.client },
    }),
    registry: new RegistryService(db, box, alerts, logger, now, opts.registry),
    dhcp: new DhcpService(db, alerts, {
      now,
      ...(opts.dhcp && { files: opts.dhcp }),
      ...(opts.kea && { kea: opts.kea }),
      ...(opts.fetch && { fetch: opts.fetch }),
    }),
    auth: new AuthService(db, opts.sessionTtlHours * 3_600_000, now),
    audit: new AuditService(db),
    health: new HealthService(db, alerts, jobs, storage),
    storage,
    limiter: new LoginLimiter(opts.loginMaxFailures, opts.loginWindowSeconds * 1000, () => now().getTime()),
    publicOrigin: opts.publicOrigin,
    sessionTtlHours: opts.sessionTtlHours,
  };
}

export type Services = ReturnType<typeof createServices>;
export type { AlertView, SilenceView } from "./alerts";
export type { DeliveryView, ReceiverView } from "./webhooks";
export { AlertService, AuditService, AuthService, EventBus, JobService, SecretBox, WebhookService };
