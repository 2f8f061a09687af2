// Syslog receiver for router logs: UDP datagrams (one message each) and TCP with RFC 6587 framing.
// The router is the message's HOSTNAME, else a configured name for the source address, else the address.
import dgram from "node:dgram";
import net from "node:net";
import type { Services } from "@netops/api";
import { parseSyslogMessage, SyslogStreamFramer } from "@netops/protocols/bgp";
import type { ListenAddress } from "./config";
import { IngestQueue } from "./ingest-queue";
import { ingestLogLine } from "./log-lines";

export interface SyslogReceiverOptions {
  udp: ListenAddress | null;
  tcp: ListenAddress | null;
  routers: Map<string, string>;
  maxTcpConnections?: number;
}

export interface SyslogReceiver {
  udpAddress: net.AddressInfo | null;
  tcpAddress: net.AddressInfo | null;
  settled(): Promise<void>;
  close(): Promise<void>;
}

const decoder = new TextDecoder("utf-8");

export async function startSyslogReceiver(
  services: Services,
  opts: SyslogReceiverOptions,
): Promise<SyslogReceiver> {
  const log = services.logger.child({ collector: "syslog" });
  const queue = new IngestQueue(services, "syslog");
  const handle = (bytes: Uint8Array, address: string) => {
    const text = decoder.decode(bytes);
    const msg = parseSyslogMessage(text);
    const fallback = opts.routers.get(address) ?? address;
    if (!msg.ok) {
      // Not syslog-shaped; still a log line (some relays strip the header).
      ingestLogLine(services, queue, text, fallback, "syslog", new Date());
      return;
    }
    const m = msg.value;
    const router = m.hostname ?? fallback;
    const appLine = `${m.appName ?? "-"}${m.procId ? `[${m.procId}]` : ""}: ${m.message}`;
    ingestLogLine(services, queue, text.replace(/\r?\n$/, ""), router, "syslog", new Date(), {
      appLine,
      timestamp: m.timestamp,
    });
  };

  let udp: dgram.Socket | null = null;
  let udpAddress: net.AddressInfo | null = null;
  if (opts.udp) {
    const family = net.isIPv6(opts.udp.host) ? "udp6" : "udp4";
    const sock = dgram.createSocket(family);
    udp = sock;
    sock.on("message", (buf, rinfo) => handle(buf, rinfo.address));
    sock.on("error", (err) => log.warn({ err: err.message }, "syslog UDP socket error"));
    await new Promise<void>((resolve, reject) => {
      sock.once("error", reject);
      sock.bind(opts.udp?.port, opts.udp?.host, () => resolve());
    });
    udpAddress = sock.address();
    log.info({ address: udpAddress }, "syslog UDP receiver listening");
  }

  let tcp: net.Server | null = null;
  let tcpAddress: net.AddressInfo | null = null;
  const sockets = new Set<net.Socket>();
  if (opts.tcp) {
    const max = opts.maxTcpConnections ?? 256;
    const server = net.createServer((socket) => {
      if (sockets.size >= max) {
        log.warn({ remote: socket.remoteAddress }, "syslog TCP connection refused: too many connections");
        socket.destroy();
        return;
      }
      sockets.add(socket);
      const address = socket.remoteAddress ?? "unknown";
      const framer = new SyslogStreamFramer();
      const onEvents = (events: ReturnType<SyslogStreamFramer["push"]>) => {
        for (const ev of events) {
          if (ev.kind === "message") handle(ev.bytes, address);
          else log.warn({ remote: address, reason: ev.reason, dropped: ev.dropped }, "syslog frame dropped");
        }
        if (queue.full) {
          socket.pause();
          void queue.drain().then(() => socket.resume());
        }
      };
      socket.on("data", (chunk: Buffer) => onEvents(framer.push(chunk)));
      socket.on("end", () => onEvents(framer.end()));
      socket.on("error", (err) => log.info({ remote: address, err: err.message }, "syslog TCP socket error"));
      socket.on("close", () => sockets.delete(socket));
    });
    tcp = server;
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(opts.tcp?.port, opts.tcp?.host, () => resolve());
    });
    tcpAddress = server.address() as net.AddressInfo;
    log.info({ address: tcpAddress }, "syslog TCP receiver listening");
  }

  return {
    udpAddress,
    tcpAddress,
    settled: async () => {
      await queue.drain();
    },
    async close() {
      if (udp) await new Promise<void>((r) => udp?.close(() => r()));
      if (tcp) {
        const closed = new Promise<void>((r) => tcp?.close(() => r()));
        for (const s of sockets) s.destroy();
        await closed;
      }
      await queue.drain();
    },
  };
}
