// Demo only: a LAB sender that replays the UDP side of a real rsplib capture (ASAP Server Announce,
// ENRP Presence, CSP reports) into the console's own RSerPool listeners on loopback, paced as
// recorded and looped; and the capture itself, imported so its pools and takeover are on screen.
import { createSocket } from "node:dgram";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Collector, Services } from "@netops/api";
import { decodeFrame, PcapReader } from "@netops/protocols/rserpool";

/** The rsplib takeover capture kept with the protocol tests (provenance in its README there). */
export const LAB_CAPTURE = path.resolve(
  import.meta.dirname,
  "../../../protocols/test/rserpool/vectors/enrp-takeover.pcapng",
);

export type LabChannel = "announce" | "presence" | "csp";
export interface LabDatagram {
  /** Milliseconds after the capture's first datagram. */
  atMs: number;
  channel: LabChannel;
  payload: Uint8Array;
}

const CHANNEL_BY_PORT: Record<number, LabChannel> = { 3863: "announce", 9901: "presence", 2960: "csp" };

/** The capture's UDP datagrams to the announce, presence and CSP ports (SCTP-in-UDP on 9899 is not replayed). */
export function labDatagrams(capture: Uint8Array): LabDatagram[] {
  const out: LabDatagram[] = [];
  const reader = new PcapReader();
  let t0: number | undefined;
  reader.push(capture, (r) => {
    const res = decodeFrame(r.linkType, r.data, 9899);
    if (!res.ok || res.d.proto !== "udp") return;
    const channel = CHANNEL_BY_PORT[res.d.dstPort];
    if (!channel) return;
    t0 ??= r.timeMs;
    out.push({ atMs: r.timeMs - t0, channel, payload: res.d.payload.slice() });
  });
  reader.end();
  return out;
}

export interface RserpoolLab {
  /** Datagrams sent so far. */
  sent(): number;
  stop(): Promise<void>;
}

/** Sends the datagrams to 127.0.0.1 at the given ports, as paced in the capture (÷ speed), looping until stopped. */
export function runLabSender(
  datagrams: LabDatagram[],
  ports: Partial<Record<LabChannel, number>>,
  opts: { speed?: number; loop?: boolean } = {},
): RserpoolLab {
  const speed = opts.speed ?? 1;
  const socket = createSocket("udp4");
  let sent = 0;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let i = 0;
  let loopStart = Date.now();
  const span = (datagrams.at(-1)?.atMs ?? 0) + 1000;
  const next = () => {
    if (stopped || datagrams.length === 0) return;
    if (i >= datagrams.length) {
      if (!opts.loop) return;
      i = 0;
      loopStart += span / speed;
    }
    const d = datagrams[i] as LabDatagram;
    const due = loopStart + d.atMs / speed - Date.now();
    timer = setTimeout(
      () => {
        const port = ports[d.channel];
        if (port) {
          socket.send(d.payload, port, "127.0.0.1");
          sent++;
        }
        i++;
        next();
      },
      Math.max(0, due),
    );
  };
  next();
  return {
    sent: () => sent,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await new Promise<void>((r) => socket.close(() => r()));
    },
  };
}

/** The demo: imports the lab capture, then replays its UDP traffic into the running listeners. */
export async function startRserpoolLab(
  services: Services,
  collectors: readonly Collector[],
): Promise<() => Promise<void>> {
  const log = services.logger.child({ subsystem: "rserpool" });
  const capture = new Uint8Array(readFileSync(LAB_CAPTURE));
  const name = "lab: rsplib enrp-takeover.pcapng (recorded)";
  // Once per data directory: a restarted demo keeps what it imported.
  if (!(await services.db.rserpoolCapture.findFirst({ where: { name } }))) {
    const r = await services.rserpool.importCapture(name, [capture]);
    log.info({ frames: r.stats.frames, events: r.events }, "lab capture imported (demo)");
  }
  const listeners = collectors.find((c) => c.name === "rserpool-udp") as
    | (Collector & { bound: { channel: LabChannel; port: number }[] })
    | undefined;
  if (!listeners) return async () => {};
  const ports = Object.fromEntries(listeners.bound.map((b) => [b.channel, b.port]));
  const lab = runLabSender(labDatagrams(capture), ports, { loop: true });
  return () => lab.stop();
}
