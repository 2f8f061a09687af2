// BMP collector (RFC 7854): a TCP listener, one connection per monitored router. Each connection has
// its own frame reader; garbage closes that connection with a logged reason, the others go on.
import net from "node:net";
import type { Services } from "../../../services";
import { draftFromBmp } from "../draft";
import { BmpFrameReader } from "@netops/protocols/bgp";
import { IngestQueue } from "./ingest-queue";

export interface BmpCollectorOptions {
  host: string;
  port: number;
  maxConnections: number;
}

export interface BmpCollector {
  address: net.AddressInfo;
  /** Routers connected now (name as known: Initiation sysName, else remote address). */
  connections(): { router: string; remote: string; messages: number }[];
  /** Waits until everything received so far is stored (tests, demo). */
  settled(): Promise<void>;
  close(): Promise<void>;
}

export async function startBmpCollector(
  services: Services,
  opts: BmpCollectorOptions,
): Promise<BmpCollector> {
  const log = services.logger.child({ collector: "bmp" });
  const conns = new Map<
    net.Socket,
    { router: string; remote: string; messages: number; queue: IngestQueue }
  >();
  const server = net.createServer((socket) => {
    const remote = `${socket.remoteAddress}:${socket.remotePort}`;
    if (conns.size >= opts.maxConnections) {
      log.warn({ remote, max: opts.maxConnections }, "BMP connection refused: too many routers connected");
      socket.destroy();
      return;
    }
    const reader = new BmpFrameReader();
    const state = {
      router: socket.remoteAddress ?? "unknown",
      remote,
      messages: 0,
      queue: new IngestQueue(services, `bmp ${remote}`),
    };
    conns.set(socket, state);
    log.info({ remote }, "BMP router connected");
    socket.on("data", (chunk: Buffer) => {
      const receivedAt = new Date();
      const drafts = [];
      for (const ev of reader.push(chunk)) {
        if (ev.kind === "error") {
          services.bgp.counters.bmpErrors++;
          if (ev.fatal) {
            log.warn(
              { remote, router: state.router, offset: ev.offset, error: ev.error },
              `BMP connection closed: ${ev.error.message}`,
            );
            socket.destroy();
            break;
          }
          log.warn(
            { remote, offset: ev.offset, error: ev.error },
            `BMP message skipped: ${ev.error.message}`,
          );
          continue;
        }
        state.messages++;
        const m = ev.message;
        if (m.kind === "initiation" && m.sysName) state.router = m.sysName;
        if (m.kind === "termination") log.info({ remote, reason: m.reasonName }, "BMP termination");
        const d = draftFromBmp(m, state.router, receivedAt);
        if (d) drafts.push(d);
      }
      if (drafts.length) {
        void state.queue.push(drafts);
        // Back-pressure: stop reading while the database catches up.
        if (state.queue.full) {
          socket.pause();
          void state.queue.drain().then(() => socket.resume());
        }
      }
    });
    socket.on("error", (err) => log.info({ remote, err: err.message }, "BMP socket error"));
    socket.on("close", () => {
      for (const ev of reader.end())
        if (ev.kind === "error") log.info({ remote, error: ev.error }, "BMP stream ended mid-message");
      log.info({ remote, router: state.router, messages: state.messages }, "BMP router disconnected");
      void state.queue.drain().then(() => conns.delete(socket));
    });
  });
  server.maxConnections = opts.maxConnections + 1;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  const address = server.address() as net.AddressInfo;
  log.info({ address }, "BMP collector listening");
  return {
    address,
    connections: () =>
      [...conns.values()].map(({ router, remote, messages }) => ({ router, remote, messages })),
    async settled() {
      await Promise.all([...conns.values()].map((c) => c.queue.drain()));
    },
    async close() {
      const closed = new Promise<void>((r) => server.close(() => r()));
      for (const s of conns.keys()) s.destroy();
      await Promise.all([...conns.values()].map((c) => c.queue.drain()));
      await closed;
    },
  };
}
