// Demo only: the lab replay of recorded GoBGP BMP and BIRD syslog output into the console's own
// BGP collectors (ephemeral loopback listeners when none are configured).
import { type Collector, bgpListeners, type Services } from "@netops/api";
import { runLabBmpSpeaker, runLabSyslogSender } from "./lab";

/** Demo mode needs somewhere for the lab to send to: an ephemeral loopback port when none is configured. */
export const LAB_LISTEN = { host: "127.0.0.1", port: 0 };

/** Starts the replay in the background; stop() aborts it and waits for it to end. */
export function startBgpReplay(
  services: Services,
  collectors: readonly Collector[],
): { done: Promise<void>; stop(): Promise<void> } {
  const log = services.logger.child({ subsystem: "bgp" });
  services.bgp.collectors.set(
    "lab",
    "demo replay of recorded GoBGP BMP and BIRD syslog output (lab, not a real router)",
  );
  const { bmp, syslog } = bgpListeners(collectors);
  const abort = new AbortController();
  let done: Promise<void> = Promise.resolve();
  if (bmp && syslog?.udpAddress) {
    const udp = syslog.udpAddress;
    done = (async () => {
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
    done,
    async stop() {
      abort.abort();
      await done;
    },
  };
}
