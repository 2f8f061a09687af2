import type { Db } from "@netops/db";
import type { Logger } from "pino";
import type { BgpCollectorConfig } from "../features/bgp/collectors/config";
import type { BgpServiceOptions } from "../features/bgp";
import type { KeaLimits } from "../features/dhcp/kea-api";
import type { LeaseFileLimits } from "../features/dhcp/lease-files";
import type { DnsLimits } from "../features/dns";
import type { RdapServiceOptions } from "../features/rdap/service";
import type { RegistryServiceOptions } from "../features/registry";
import type { RserpoolOptions } from "../features/rserpool/options";
import { MODULES, type SubsystemServices } from "../modules";
import { AlertService } from "./alerts";
import { AuditService } from "./audit";
import { AuthService } from "./auth";
import { EventBus } from "./bus";
import { type CoreOptions, createCoreServices } from "./core";
import { SecretBox } from "./crypto";
import { HealthService } from "./health";
import { JobService } from "./jobs";
import { LiveJournal } from "./live-journal";
import { LoginLimiter } from "./rate-limit";
import { ReplicaDirectory } from "./replicas";
import { WebhookService } from "./webhooks";

export interface ServiceOptions extends CoreOptions {
  sessionTtlHours: number;
  /** auth.sessionCacheSeconds: how long a replica trusts a session it has checked (0: never). */
  sessionCacheSeconds?: number;
  loginMaxFailures: number;
  loginWindowSeconds: number;
  /** Where the live journal keeps events (live-journal.ts); by default memory on SQLite, the table on PostgreSQL. */
  liveStore?: "table" | "memory";
  /** BGP: ticket pattern and URL template. */
  bgp?: BgpServiceOptions;
  /** BGP collectors: listen addresses, log files (netops.yaml `bgp:` with the NETOPS_BGP_* variables). */
  bgpCollectors?: BgpCollectorConfig;
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
  /** RSerPool: listener channels and alert thresholds (netops.yaml `rserpool:`). */
  rserpool?: Partial<RserpoolOptions>;
}

/** Everything the routers and the server's jobs use, wired once per process. */
export function createServices(db: Db, logger: Logger, opts: ServiceOptions) {
  const core = createCoreServices(db, logger, opts);
  // Each registered module builds its service from the core ones, under its id.
  const built: Record<string, unknown> = {};
  for (const m of MODULES) built[m.descriptor.id] = m.create(core, opts);
  const subsystems = built as unknown as SubsystemServices;
  // Numbers this replica's changes in the database: live streams resume on any replica.
  const live = new LiveJournal(db, core.bus, {
    now: core.now,
    ...(opts.liveStore && { store: opts.liveStore }),
  });
  live.onError = (err) => logger.warn({ err }, "live events: the journal could not be written or read");
  return {
    ...core,
    ...subsystems,
    auth: new AuthService(
      db,
      opts.sessionTtlHours * 3_600_000,
      core.now,
      (opts.sessionCacheSeconds ?? 0) * 1000,
    ),
    health: new HealthService(db, core.alerts, core.jobs, core.storage),
    limiter: new LoginLimiter(db, opts.loginMaxFailures, opts.loginWindowSeconds * 1000, () =>
      core.now().getTime(),
    ),
    live,
    replicas: new ReplicaDirectory(db, core.now),
    publicOrigin: opts.publicOrigin,
    sessionTtlHours: opts.sessionTtlHours,
  };
}

export type Services = ReturnType<typeof createServices>;
export type { AlertView, SilenceView } from "./alerts";
export type { DeliveryView, ReceiverView } from "./webhooks";
export { AlertService, AuditService, AuthService, EventBus, JobService, SecretBox, WebhookService };
