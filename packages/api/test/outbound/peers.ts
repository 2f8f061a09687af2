/**
 * Peers for the "same error text whatever the port state" tests: an open port speaking another
 * protocol, an open port that stays silent, a closed port, and a filtered (non-routable) address.
 * All listen on loopback, on ephemeral ports, and stop when closed.
 */
import { type AddressInfo, createServer, type Server, type Socket } from "node:net";

/** TEST-NET-1 (RFC 5737): never routed, so a connection fails or hangs like a filtered port. */
export const FILTERED = "192.0.2.1";

/** 127.0.0.1 as a URL host, in the spellings a URL parser accepts (short, decimal, hex, octal, IPv4-mapped). */
export const LOOPBACK_FORMS = [
  "127.0.0.1",
  "127.1",
  "2130706433",
  "0x7f000001",
  "0177.0.0.1",
  "[::ffff:127.0.0.1]",
  "[::ffff:7f00:1]",
];

export interface Peer {
  port: number;
  /** Bytes each connection sent us (to show nothing was sent to a refused destination). */
  connections: number;
  close(): Promise<void>;
}

async function listen(onConn: (s: Socket) => void): Promise<Peer> {
  const sockets = new Set<Socket>();
  const peer = { port: 0, connections: 0, close: async () => {} };
  const srv: Server = createServer((s) => {
    peer.connections++;
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
    s.on("error", () => {});
    onConn(s);
  });
  await new Promise<void>((r) => srv.listen(0, "127.0.0.1", r));
  peer.port = (srv.address() as AddressInfo).port;
  peer.close = () =>
    new Promise<void>((r) => {
      for (const s of sockets) s.destroy();
      srv.close(() => r());
    });
  return peer;
}

/** An open port whose service is something else: it sends its banner and hangs up. */
export const bannerPeer = (banner = "SSH-2.0-OpenSSH_9.6 secret-banner\r\n") => listen((s) => s.end(banner));

/** An open port that accepts and never says anything. */
export const silentPeer = () => listen(() => {});

/** A port nothing listens on (it did a moment ago). */
export async function closedPort(): Promise<number> {
  const p = await listen(() => {});
  await p.close();
  return p.port;
}
