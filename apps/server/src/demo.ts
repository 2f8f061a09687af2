/**
 * The demo entry point, and the only product file that starts lab code: the lab RDAP, EPP and
 * DNS servers, the DHCP lease writer and the BGP replay, and the console's options pointed at them.
 * main.ts loads it only when NETOPS_DEMO=1; tests use it through their harness.
 */
import type { ServiceOptions } from "@netops/api";
import { type RunningConsole, type ConsoleLabs, type StartOptions, startConsole } from "./app";
import {
  type DemoRdapLab,
  DEMO_ZONE_DIR,
  dhcpLabDir,
  LAB_LISTEN,
  rdapLabOptions,
  startBgpReplay,
  startDhcpLab,
  startDnsLabs,
  startEppLab,
  startRdapLab,
  startRserpoolLab,
} from "@netops/labs";

/** Where the demo's RSerPool listeners bind: loopback, ports picked by the system. */
const RSERPOOL_LAB_LISTEN = {
  announce: { address: "127.0.0.1", port: 0 },
  presence: { address: "127.0.0.1", port: 0 },
  csp: { address: "127.0.0.1", port: 0 },
};

/** The labs of one demo console. */
export function demoLabs(): ConsoleLabs {
  let rdapLab: DemoRdapLab | null = null;
  let replay: { stop(): Promise<void> } | null = null;
  const stops: (() => Promise<void> | void)[] = [];
  return {
    // The lab RDAP server first, so the console is configured to query it.
    async prepare({ dataDir }) {
      rdapLab = await startRdapLab();
      const lab = rdapLab;
      return (o: ServiceOptions): ServiceOptions => ({
        ...o,
        rdap: rdapLabOptions(o.rdap ?? {}, lab),
        // The demo may also read the demo zone folder shipped in the repo, and the lab writer's
        // lease folder (only that one: the rest of the data directory stays out).
        ...(o.dns && { dns: { ...o.dns, zoneDirs: [...o.dns.zoneDirs, DEMO_ZONE_DIR] } }),
        ...(o.dhcp && { dhcp: { ...o.dhcp, leaseDirs: [...o.dhcp.leaseDirs, dhcpLabDir(dataDir)] } }),
        // RSerPool: the listeners on loopback, fresh ports, unless configured (the lab sends to them).
        ...(!o.rserpool?.listen && { rserpool: { ...o.rserpool, listen: true, ...RSERPOOL_LAB_LISTEN } }),
        ...(o.bgpCollectors && {
          bgpCollectors: {
            ...o.bgpCollectors,
            bmp: o.bgpCollectors.bmp ?? LAB_LISTEN,
            syslogUdp: o.bgpCollectors.syslogUdp ?? LAB_LISTEN,
          },
        }),
      });
    },
    async start(composed, { dataDir, intervalMs, logger }) {
      const { services } = composed;
      replay = startBgpReplay(services, composed.collectors);
      const stopDhcp = await startDhcpLab(services, dataDir, Math.min(5000, Math.max(1000, intervalMs)));
      stops.push(stopDhcp);
      stops.push(await startDnsLabs(services));
      stops.push(await startEppLab(services, dataDir));
      stops.push(await startRserpoolLab(services, composed.collectors));
      // The lab RDAP server publishes the lab registry's objects (seeded data if it did not start).
      rdapLab?.serveRegistry(dataDir, logger);
    },
    async quiesce() {
      await replay?.stop();
    },
    async stop() {
      for (const s of stops.splice(0).reverse()) await s();
      await rdapLab?.close();
    },
  };
}

/** A console with demo users and data, and the labs it shows. */
export function startDemoConsole(opts: Omit<StartOptions, "demo" | "labs">): Promise<RunningConsole> {
  return startConsole({ ...opts, demo: true, labs: demoLabs() });
}
