// Syslog receiver for router logs: UDP datagrams (one message each) and TCP with RFC 6587 framing.
// The router is the message's HOSTNAME, else a configured name for the source address, else the address.
// UDP can lose lines (a full receive buffer): the socket gets a large buffer, is read off the main
// event loop, and what the kernel still drops is counted, exported and alerted on. TCP loses nothing.
import dgram from "node:dgram";
import net from "node:net";
import { Worker } from "node:worker_threads";
import type { Services } from "../../../services";
import { parseSyslogMessage, SyslogStreamFramer } from "@netops/protocols/bgp";
import type { ListenAddress } from "./config";
import { IngestQueue } from "./ingest-queue";
import { ingestLogLine } from "./log-lines";
import { udpSocketDrops } from "./udp-drops";

export interface SyslogReceiverOptions {
  udp: ListenAddress | null;
  tcp: ListenAddress | null;
  routers: Map<string, string>;
  maxTcpConnections?: number;
  /** SO_RCVBUF asked for the UDP socket (the kernel caps it at net.core.rmem_max). */
  udpRecvBufferBytes?: number;
  /** Read the UDP socket in a worker thread (default) rather than on the main event loop. */
  udpWorker?: boolean;
  /** How often kernel drops are read, and how long without drops before their alert clears. */
  dropCheckMs?: number;
  dropQuietMs?: number;
}

export interface SyslogUdpStats {
  listener: string;
  /** Datagrams received (each one line). */
  lines: number;
  /** Lines lost: by the kernel (receive buffer full) and, with the worker, past its hand-over queue. */
  drops: { kernel: number; queue: number };
  /** Whether the kernel's count can be read here (Linux /proc/net/udp); when not, kernel drops read 0. */
  dropsKnown: boolean;
  requestedBufferBytes: number;
  /** What the kernel reports for SO_RCVBUF (Linux reports twice what it grants, for bookkeeping). */
  bufferBytes: number;
  /** The kernel gave less than asked: raise net.core.rmem_max. */
  bufferCapped: boolean;
  worker: boolean;
}

export interface SyslogStats {
  udp: SyslogUdpStats | null;
  tcp: { listener: string; lines: number } | null;
}

export interface SyslogReceiver {
  udpAddress: net.AddressInfo | null;
  tcpAddress: net.AddressInfo | null;
  stats(): SyslogStats;
  /** Reads the kernel's drop count now (the timer does this every dropCheckMs). */
  checkDrops(): Promise<void>;
  settled(): Promise<void>;
  close(): Promise<void>;
}

export const DEFAULT_UDP_RECV_BUFFER = 8 * 1024 * 1024;
/** Lines the UDP worker holds for a busy main thread before it counts further ones as dropped. */
const WORKER_MAX_PENDING = 50_000;

const listenerName = (a: net.AddressInfo) =>
  a.family === "IPv6" ? `[${a.address}]:${a.port}` : `${a.address}:${a.port}`;

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

  let udp: UdpEnd | null = null;
  let udpStats: SyslogUdpStats | null = null;
  if (opts.udp) {
    const requested = opts.udpRecvBufferBytes ?? DEFAULT_UDP_RECV_BUFFER;
    const onDatagram = (bytes: Uint8Array, address: string) => {
      if (udpStats) udpStats.lines++;
      handle(bytes, address);
    };
    udp =
      (opts.udpWorker ?? true)
        ? await startUdpWorker(opts.udp, requested, onDatagram, queue, log)
        : await startUdpSocket(opts.udp, requested, onDatagram, log);
    // Linux doubles the size asked (bookkeeping overhead) and caps the request at net.core.rmem_max.
    const granted = process.platform === "linux" ? udp.bufferBytes / 2 : udp.bufferBytes;
    udpStats = {
      listener: listenerName(udp.address),
      lines: 0,
      drops: { kernel: 0, queue: 0 },
      dropsKnown: udpSocketDrops(udp.address.address, udp.address.port) !== null,
      requestedBufferBytes: requested,
      bufferBytes: udp.bufferBytes,
      bufferCapped: granted < requested,
      worker: udp.worker,
    };
    log.info(
      { address: udp.address, recvBufferBytes: udp.bufferBytes, worker: udp.worker },
      "syslog UDP receiver listening",
    );
    if (udpStats.bufferCapped)
      log.warn(
        { requested, granted },
        "syslog UDP receive buffer capped by net.core.rmem_max: raise it (sysctl) or use TCP syslog, which loses nothing",
      );
  }
  const udpAddress = udp?.address ?? null;

  let tcp: net.Server | null = null;
  let tcpAddress: net.AddressInfo | null = null;
  let tcpLines = 0;
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
          if (ev.kind === "message") {
            tcpLines++;
            handle(ev.bytes, address);
          } else
            log.warn({ remote: address, reason: ev.reason, dropped: ev.dropped }, "syslog frame dropped");
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

  // Kernel drops: read on a timer, counted, and alerted on while they rise; cleared after a quiet spell.
  const watch = udp && udpStats ? dropWatch(services, udpStats, udp, opts) : null;

  return {
    udpAddress,
    tcpAddress,
    stats: () => ({
      udp: udpStats && { ...udpStats, drops: { ...udpStats.drops } },
      tcp: tcpAddress && { listener: listenerName(tcpAddress), lines: tcpLines },
    }),
    checkDrops: async () => {
      await watch?.check();
    },
    settled: async () => {
      await queue.drain();
    },
    async close() {
      watch?.stop();
      if (udp) await udp.close();
      if (tcp) {
        const closed = new Promise<void>((r) => tcp?.close(() => r()));
        for (const s of sockets) s.destroy();
        await closed;
      }
      await queue.drain();
    },
  };
}

interface UdpEnd {
  address: net.AddressInfo;
  bufferBytes: number;
  worker: boolean;
  /** Lines dropped past the worker's hand-over queue so far. */
  queueDrops(): number;
  close(): Promise<void>;
}

type Log = Services["logger"];

async function startUdpSocket(
  at: ListenAddress,
  recvBufferSize: number,
  onDatagram: (bytes: Uint8Array, address: string) => void,
  log: Log,
): Promise<UdpEnd> {
  const sock = dgram.createSocket({ type: net.isIPv6(at.host) ? "udp6" : "udp4", recvBufferSize });
  sock.on("message", (buf, rinfo) => onDatagram(buf, rinfo.address));
  sock.on("error", (err) => log.warn({ err: err.message }, "syslog UDP socket error"));
  await new Promise<void>((resolve, reject) => {
    sock.once("error", reject);
    sock.bind(at.port, at.host, () => resolve());
  });
  return {
    address: sock.address(),
    bufferBytes: sock.getRecvBufferSize(),
    worker: false,
    queueDrops: () => 0,
    close: () => new Promise<void>((r) => sock.close(() => r())),
  };
}

type WorkerMessage =
  | { type: "listening"; address: net.AddressInfo; recvBufferSize: number }
  | { type: "error"; message: string }
  | { type: "lines"; lines: { bytes: Uint8Array; address: string }[]; dropped: number };

async function startUdpWorker(
  at: ListenAddress,
  recvBufferSize: number,
  onDatagram: (bytes: Uint8Array, address: string) => void,
  queue: IngestQueue,
  log: Log,
): Promise<UdpEnd> {
  const worker = new Worker(new URL("./syslog-udp-worker.mjs", import.meta.url), {
    workerData: {
      host: at.host,
      port: at.port,
      family: net.isIPv6(at.host) ? "udp6" : "udp4",
      recvBufferSize,
      maxPending: WORKER_MAX_PENDING,
    },
  });
  let dropped = 0;
  const ready = new Promise<{ address: net.AddressInfo; recvBufferSize: number }>((resolve, reject) => {
    worker.on("message", (m: WorkerMessage) => {
      if (m.type === "listening") resolve(m);
      else if (m.type === "error") {
        reject(new Error(m.message));
        log.warn({ err: m.message }, "syslog UDP socket error");
      } else {
        dropped = m.dropped;
        for (const l of m.lines) onDatagram(l.bytes, l.address);
        // Acknowledged once stored as far as the ingest queue goes, so a slow database holds lines in
        // the worker (bounded) rather than in an ever-growing queue here.
        const ack = () => worker.postMessage({ type: "ack", count: m.lines.length });
        if (queue.full) void queue.drain().then(ack);
        else ack();
      }
    });
    worker.once("error", reject);
    worker.once("exit", (code) => reject(new Error(`syslog UDP worker exited (${code})`)));
  });
  worker.on("error", (err) => log.error({ err }, "syslog UDP worker failed"));
  const exited = new Promise<void>((r) => worker.once("exit", () => r()));
  let started: { address: net.AddressInfo; recvBufferSize: number };
  try {
    started = await ready;
  } catch (e) {
    await worker.terminate();
    throw e;
  }
  return {
    address: started.address,
    bufferBytes: started.recvBufferSize,
    worker: true,
    queueDrops: () => dropped,
    async close() {
      worker.postMessage({ type: "close" });
      // Bounded: a worker that does not wind down by itself is ended.
      const stuck = setTimeout(() => void worker.terminate(), 5000);
      await exited;
      clearTimeout(stuck);
    },
  };
}

function dropWatch(services: Services, stats: SyslogUdpStats, udp: UdpEnd, opts: SyslogReceiverOptions) {
  const quietMs = opts.dropQuietMs ?? 10 * 60_000;
  const labels = { check: "syslog-udp-drops", listener: stats.listener };
  let lastTotal = 0;
  let lastDropAt = Date.now();
  // As if firing at start: an alert left from before a restart clears after a quiet spell too.
  let firing = true;
  let checking: Promise<void> | null = null;
  const check = async () => {
    const kernel = udpSocketDrops(udp.address.address, udp.address.port);
    if (kernel !== null) stats.drops.kernel = kernel;
    stats.drops.queue = udp.queueDrops();
    const total = stats.drops.kernel + stats.drops.queue;
    const seen = lastTotal;
    lastTotal = total;
    if (total > seen) {
      lastDropAt = Date.now();
      firing = true;
      const lost = total - seen;
      await services.alerts.raise({
        source: "bgp",
        severity: "warning",
        labels,
        summary: `Syslog over UDP on ${stats.listener} lost ${lost} line${lost === 1 ? "" : "s"} (${total} in all)`,
        details:
          `The receive buffer was full: ${stats.drops.kernel} line(s) dropped by the kernel and ` +
          `${stats.drops.queue} past the receiver's queue since it started. Buffer: ${stats.bufferBytes} bytes` +
          `${stats.bufferCapped ? " (capped by net.core.rmem_max: raise it)" : ""}. ` +
          "Send router logs over TCP syslog (RFC 6587), which loses nothing, or slow the senders down.",
      });
    } else if (firing && Date.now() - lastDropAt >= quietMs) {
      firing = false;
      await services.alerts.clear("bgp", labels, "no syslog lines lost since");
    }
  };
  const run = () => {
    checking ??= check()
      .catch((err) => services.logger.warn({ err }, "syslog UDP drop check failed"))
      .finally(() => {
        checking = null;
      });
    return checking;
  };
  const timer = setInterval(run, opts.dropCheckMs ?? 5000);
  timer.unref();
  return { check: run, stop: () => clearInterval(timer) };
}
