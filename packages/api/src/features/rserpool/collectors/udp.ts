// UDP listeners for the RSerPool channels: ASAP Server Announce and ENRP Presence (multicast, joined
// on the configured interface) and Component Status Protocol reports. IPv4 and IPv6.
import { createSocket, type Socket } from "node:dgram";
import { isIPv6 } from "node:net";
import type { Collector } from "../../../modules/contract";
import type { RserpoolEndpoint } from "../options";
import type { Channel, RserpoolService } from "../service";

/** Largest datagram read (UDP's own limit); CSP reports are 288 + 24 per association. */
const MAX_DATAGRAM = 65_535;

function isMulticast(a: string): boolean {
  if (isIPv6(a)) return a.toLowerCase().startsWith("ff");
  const first = Number(a.split(".")[0]);
  return first >= 224 && first <= 239;
}

export interface BoundChannel {
  channel: Channel;
  socket: Socket;
  address: string;
  port: number;
}

/** Binds one channel: a multicast group binds the wildcard address and joins the group; else the address itself. */
export async function bindChannel(
  svc: RserpoolService,
  channel: Channel,
  at: RserpoolEndpoint,
  iface?: string,
): Promise<BoundChannel> {
  const v6 = isIPv6(at.address);
  const socket = createSocket({ type: v6 ? "udp6" : "udp4", reuseAddr: true, recvBufferSize: 1 << 20 });
  const group = isMulticast(at.address);
  await new Promise<void>((resolve, reject) => {
    socket.once("error", reject);
    socket.bind({ port: at.port, address: group ? (v6 ? "::" : "0.0.0.0") : at.address }, () => {
      socket.off("error", reject);
      resolve();
    });
  });
  if (group) {
    try {
      socket.addMembership(at.address, iface);
    } catch (e) {
      socket.close();
      throw new Error(
        `rserpool ${channel}: cannot join ${at.address}${iface ? ` on ${iface}` : ""}: ${(e as Error).message}`,
      );
    }
  }
  socket.on("message", (msg, rinfo) => {
    if (msg.length > MAX_DATAGRAM) return;
    svc.receive(channel, new Uint8Array(msg.buffer, msg.byteOffset, msg.length), rinfo.address);
  });
  // A socket error after start is counted; the listener keeps going.
  socket.on("error", () => {
    svc.stats.errors++;
  });
  const a = socket.address();
  return { channel, socket, address: at.address, port: a.port };
}

export class RserpoolListeners implements Collector {
  readonly name = "rserpool-udp";
  bound: BoundChannel[] = [];
  constructor(private readonly svc: RserpoolService) {}

  async start(): Promise<void> {
    const o = this.svc.opts;
    for (const [channel, at] of [
      ["announce", o.announce],
      ["presence", o.presence],
      ["csp", o.csp],
    ] as const) {
      const b = await bindChannel(this.svc, channel, at, o.interface);
      this.bound.push(b);
      this.svc.listeners.set(
        channel,
        `UDP ${at.address}:${b.port}${o.interface && isMulticast(at.address) ? ` on ${o.interface}` : ""}`,
      );
    }
  }

  async stop(): Promise<void> {
    await Promise.all(this.bound.map((b) => new Promise<void>((r) => b.socket.close(() => r()))));
    this.bound = [];
    this.svc.listeners.clear();
    await this.svc.settled();
  }
}
