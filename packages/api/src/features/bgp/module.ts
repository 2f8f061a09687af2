/**
 * The BGP subsystem: its collectors (BMP listener, syslog receiver, log-file follower — those that
 * are configured), the flapping job, its tile and its router.
 */
import { subsystemDescriptor } from "@netops/protocols";
import { type Collector, defineModule, type ModuleRuntime } from "../../modules/contract";
import type { CoreServices } from "../../services/core";
import type { ServiceOptions, Services } from "../../services";
import { type BmpCollector, startBmpCollector } from "./collectors/bmp-collector";
import { type BgpCollectorConfig, bgpCollectorConfig, bgpServiceOptions } from "./collectors/config";
import { type FileFollower, startFileFollower } from "./collectors/file-follower";
import { BGP_BATCH, draftsFromBatch } from "./collectors/ingest-queue";
import { type SyslogReceiver, startSyslogReceiver } from "./collectors/syslog-receiver";
import { BgpAlerting } from "./alerting";
import { bgpRouter } from "./router";
import { BgpService } from "./service";
import { bgpEntity, bgpSearch, bgpTimeline } from "./search";

/** The BMP listener (TCP). */
export class BgpBmpListener implements Collector {
  readonly name = "bgp-bmp";
  running: BmpCollector | null = null;
  constructor(
    private readonly services: Services,
    private readonly at: { host: string; port: number; maxConnections: number },
  ) {}
  async start() {
    this.running = await startBmpCollector(this.services, this.at);
    const a = this.running.address;
    this.services.bgp.collectors.set("bmp", `TCP ${a.address}:${a.port}`);
  }
  async stop() {
    await this.running?.close();
  }
}

/** The syslog receiver (UDP and/or TCP). */
export class BgpSyslogListener implements Collector {
  readonly name = "bgp-syslog";
  running: SyslogReceiver | null = null;
  constructor(
    private readonly services: Services,
    private readonly cfg: BgpCollectorConfig,
  ) {}
  async start() {
    const cfg = this.cfg;
    this.running = await startSyslogReceiver(this.services, {
      udp: cfg.syslogUdp,
      tcp: cfg.syslogTcp,
      routers: cfg.syslogRouters,
      udpRecvBufferBytes: cfg.syslogUdpBufferBytes,
      udpWorker: cfg.syslogUdpWorker,
    });
    const c = this.services.bgp.collectors;
    const { udpAddress: u, tcpAddress: t } = this.running;
    if (u) c.set("syslog-udp", `UDP ${u.address}:${u.port}`);
    if (t) c.set("syslog-tcp", `TCP ${t.address}:${t.port}`);
  }
  async stop() {
    await this.running?.close();
  }
}

/** Router log files, followed like `tail -F`. */
export class BgpLogFiles implements Collector {
  readonly name = "bgp-files";
  running: FileFollower | null = null;
  constructor(
    private readonly services: Services,
    private readonly cfg: BgpCollectorConfig,
  ) {}
  async start() {
    this.running = startFileFollower(this.services, this.cfg.files, this.cfg.filePollMs);
    for (const f of this.cfg.files) this.services.bgp.collectors.set(`file:${f.router}`, f.path);
  }
  async stop() {
    await this.running?.close();
  }
}

/** The BGP collectors among the console's (the demo replays into them, the metrics read the syslog counters). */
export function bgpListeners(collectors: readonly Collector[]) {
  return {
    bmp: collectors.find((c): c is BgpBmpListener => c instanceof BgpBmpListener)?.running ?? null,
    syslog: collectors.find((c): c is BgpSyslogListener => c instanceof BgpSyslogListener)?.running ?? null,
  };
}

function collectorConfig(rt: ModuleRuntime): BgpCollectorConfig {
  return rt.options.bgpCollectors ?? bgpCollectorConfig(rt.env, rt.config.bgp);
}

/** Its service, typed against the core services only (modules/index.ts infers `Services` from it). */
export const createService = (core: CoreServices, o: ServiceOptions) => {
  const bgp = new BgpService(core.db, core.now, o.bgp);
  bgp.alerting = new BgpAlerting(core.alerts, bgp, core.now);
  // What the collectors queued (on any replica) is stored here; ingest is idempotent by natural key.
  core.ingestQueue.handle(BGP_BATCH, (items) => bgp.ingest(draftsFromBatch(items)));
  return bgp;
};

export const subsystemModule = defineModule({
  descriptor: subsystemDescriptor("bgp"),
  router: bgpRouter,
  // netops.yaml `bgp:`; the NETOPS_BGP_* variables win. Bad ones stop the start with their name.
  options: (config, env) => ({
    bgp: bgpServiceOptions(env, config.bgp),
    bgpCollectors: bgpCollectorConfig(env, config.bgp),
  }),
  create: createService,
  collectors: (rt) => {
    const cfg = collectorConfig(rt);
    const out: Collector[] = [];
    if (cfg.bmp)
      out.push(new BgpBmpListener(rt.services, { ...cfg.bmp, maxConnections: cfg.maxBmpConnections }));
    if (cfg.syslogUdp || cfg.syslogTcp) out.push(new BgpSyslogListener(rt.services, cfg));
    if (cfg.files.length) out.push(new BgpLogFiles(rt.services, cfg));
    return out;
  },
  jobs: ({ services, intervalMs }) => [
    {
      name: "bgp-flapping",
      everyMs: Math.max(intervalMs, 5000),
      run: () => services.bgp.runDue(),
    },
    {
      // Events stored before peerAddressKey existed get theirs (nothing to do once done: one index seek).
      name: "bgp-peer-keys",
      everyMs: Math.max(intervalMs, 5000),
      run: async () => {
        await services.bgp.backfillPeerKeys();
      },
    },
  ],
  health: (rt) => () =>
    rt.services.bgp.health(
      rt.collectors.find((x): x is BgpSyslogListener => x instanceof BgpSyslogListener)?.running?.stats().udp,
    ),
  // Unparsed lines are written in the background; finish before the database closes.
  close: async ({ services }) => {
    await services.bgp.unparsedSettled();
    await services.bgp.close();
  },
  search: bgpSearch,
  entityLinks: bgpEntity,
  timeline: bgpTimeline,
});
