// Starts the BGP collectors that are configured (and, in demo mode, the lab replay into them),
// registers the health probe, and hands the flapping check to the scheduler.
import type { Services } from "@netops/api";
import { type BmpCollector, startBmpCollector } from "./bmp-collector";
import { type BgpCollectorConfig, type BgpFileConfig, bgpCollectorConfig } from "./config";
import { type FileFollower, startFileFollower } from "./file-follower";
import { runLabBmpSpeaker, runLabSyslogSender } from "./lab";
import { type SyslogReceiver, startSyslogReceiver } from "./syslog-receiver";

export { BgpConfigError, type BgpFileConfig, bgpCollectorConfig, bgpServiceOptions } from "./config";

export interface RunningBgp {
  bmp: BmpCollector | null;
  syslog: SyslogReceiver | null;
  files: FileFollower | null;
  /** Resolves when the demo replay has been sent (immediately without demo). */
  lab: Promise<void>;
  jobs: { name: string; everyMs: number; run: () => Promise<unknown> }[];
  stop(): Promise<void>;
}

export async function startBgp(
  services: Services,
  opts: {
    env: Record<string, string | undefined>;
    /** netops.yaml `bgp:`; the NETOPS_BGP_* variables win. */
    file?: BgpFileConfig;
    demo: boolean;
    config?: BgpCollectorConfig;
    intervalMs: number;
  },
): Promise<RunningBgp> {
  const cfg = opts.config ?? bgpCollectorConfig(opts.env, opts.file);
  const log = services.logger.child({ subsystem: "bgp" });
  // Demo mode needs somewhere for the lab to send to: an ephemeral loopback port when none is configured.
  const bmpAt = cfg.bmp ?? (opts.demo ? { host: "127.0.0.1", port: 0 } : null);
  const udpAt = cfg.syslogUdp ?? (opts.demo ? { host: "127.0.0.1", port: 0 } : null);
  const started: { stop: () => Promise<void> }[] = [];
  try {
    const bmp = bmpAt
      ? await startBmpCollector(services, { ...bmpAt, maxConnections: cfg.maxBmpConnections })
      : null;
    if (bmp) started.push({ stop: () => bmp.close() });
    const syslog =
      udpAt || cfg.syslogTcp
        ? await startSyslogReceiver(services, {
            udp: udpAt,
            tcp: cfg.syslogTcp,
            routers: cfg.syslogRouters,
            udpRecvBufferBytes: cfg.syslogUdpBufferBytes,
            udpWorker: cfg.syslogUdpWorker,
          })
        : null;
    if (syslog) started.push({ stop: () => syslog.close() });
    const files = cfg.files.length ? startFileFollower(services, cfg.files, cfg.filePollMs) : null;
    if (files) started.push({ stop: () => files.close() });

    const c = services.bgp.collectors;
    if (bmp) c.set("bmp", `TCP ${bmp.address.address}:${bmp.address.port}`);
    if (syslog?.udpAddress) c.set("syslog-udp", `UDP ${syslog.udpAddress.address}:${syslog.udpAddress.port}`);
    if (syslog?.tcpAddress) c.set("syslog-tcp", `TCP ${syslog.tcpAddress.address}:${syslog.tcpAddress.port}`);
    for (const f of cfg.files) c.set(`file:${f.router}`, f.path);
    if (opts.demo)
      c.set("lab", "demo replay of recorded GoBGP BMP and BIRD syslog output (lab, not a real router)");

    services.health.register("bgp", async () => {
      if (c.size === 0)
        return { health: "not_configured", summary: "No BMP, syslog or log file source configured" };
      const s = await services.bgp.stats(new Date(Date.now() - 86_400_000));
      const udp = syslog?.stats().udp;
      // Lost lines raise their own alert; a capped buffer is a warning before any are lost.
      const capped = udp?.bufferCapped
        ? `; syslog UDP receive buffer capped at ${udp.bufferBytes} bytes by net.core.rmem_max (asked ${udp.requestedBufferBytes})`
        : "";
      return {
        health: "ok",
        summary: `${s.events} events (${s.downs} downs) in 24 h; ${c.size} source${c.size === 1 ? "" : "s"}${capped}`,
      };
    });

    const abort = new AbortController();
    let lab: Promise<void> = Promise.resolve();
    if (opts.demo && bmp && syslog?.udpAddress) {
      const udp = syslog.udpAddress;
      lab = (async () => {
        try {
          const sent = await runLabBmpSpeaker(
            { host: "127.0.0.1", port: bmp.address.port },
            { signal: abort.signal },
          );
          const lines = await runLabSyslogSender({ host: "127.0.0.1", port: udp.port });
          log.info({ bmpFrames: sent, syslogLines: lines }, "lab replay sent (demo)");
        } catch (err) {
          log.warn({ err: (err as Error).message }, "lab replay failed");
        }
      })();
    }
    return {
      bmp,
      syslog,
      files,
      lab,
      jobs: [
        {
          name: "bgp-flapping",
          everyMs: Math.max(opts.intervalMs, 5000),
          run: () => services.bgp.alerting?.checkFlapping() ?? Promise.resolve(),
        },
      ],
      async stop() {
        abort.abort();
        await lab;
        for (const s of started.reverse()) await s.stop();
        // Unparsed lines are written in the background; finish before the database closes.
        await services.bgp.unparsedSettled();
      },
    };
  } catch (e) {
    for (const s of started.reverse()) await s.stop();
    throw e;
  }
}
