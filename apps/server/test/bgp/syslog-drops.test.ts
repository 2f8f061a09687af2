// Lost syslog UDP lines are counted, exported and alerted on: a real socket with a small receive
// buffer is flooded (from another thread) while the main event loop is blocked, so the kernel drops
// datagrams; the receiver reads the count from /proc/net/udp, /metrics shows it, an alert fires, and
// it clears once no more are lost. The worker-thread receiver takes lines like the main-loop one.
import dgram from "node:dgram";
import { readFileSync } from "node:fs";
import os from "node:os";
import { Worker } from "node:worker_threads";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SyslogReceiver, startSyslogReceiver } from "@netops/api";
import { procNetAddress, udpSocketDrops } from "@netops/api";
import { createMetrics } from "../../src/metrics";
import { Client, type Harness, startHarness, until } from "../harness";

let h: Harness;
// /proc/net/udp is Linux's; its addresses are printed as the CPU stores them (the expected forms are little-endian).
const linux = process.platform === "linux" && os.endianness() === "LE";

beforeAll(async () => {
  h = await startHarness({
    env: {
      NETOPS_BGP_SYSLOG_UDP_LISTEN: "127.0.0.1:0",
      NETOPS_BGP_SYSLOG_UDP_BUFFER_BYTES: "65536",
    },
  });
});
afterAll(() => h.close());

/**
 * Sends `count` datagrams to `port` from a worker thread while this thread is blocked (Atomics.wait,
 * so no timer or I/O of ours runs): the receiving socket cannot be read until the flood is over.
 */
function floodWhileBlocked(port: number, count: number) {
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(
    `const dgram = require("node:dgram");
     const { workerData } = require("node:worker_threads");
     const { port, count, flag } = workerData;
     const s = dgram.createSocket("udp4");
     const line = "<30>Dec  6 12:00:00 rtr1 bird: " + "x".repeat(400);
     let done = 0;
     for (let i = 0; i < count; i++)
       s.send(line + " " + i, port, "127.0.0.1", () => {
         if (++done === count) { Atomics.store(flag, 0, 1); Atomics.notify(flag, 0); s.close(); }
       });`,
    { eval: true, workerData: { port, count, flag } },
  );
  // Bounded: a sender that never finishes fails the test below rather than hanging it.
  const woke = Atomics.wait(flag, 0, 0, 30_000);
  return { woke, done: new Promise((r) => worker.once("exit", r)) };
}

async function send(port: number, lines: string[]) {
  const s = dgram.createSocket("udp4");
  for (const l of lines) await new Promise<void>((r) => s.send(l, port, "127.0.0.1", () => r()));
  s.close();
}

describe.runIf(linux)("syslog UDP drops", () => {
  let r: SyslogReceiver;
  afterAll(() => r?.close());

  it("counts the kernel's drops, exports them, alerts, and clears after a quiet spell", async () => {
    const services = h.app.services;
    r = await startSyslogReceiver(services, {
      udp: { host: "127.0.0.1", port: 0 },
      tcp: null,
      routers: new Map(),
      udpWorker: false,
      udpRecvBufferBytes: 65_536,
      dropCheckMs: 3_600_000, // checked by hand below
      dropQuietMs: 0,
    });
    const port = r.udpAddress?.port ?? 0;
    const listener = `127.0.0.1:${port}`;
    expect(r.stats().udp).toMatchObject({
      listener,
      drops: { kernel: 0, queue: 0 },
      dropsKnown: true,
      worker: false,
    });

    const flood = floodWhileBlocked(port, 5000);
    expect(flood.woke).toBe("ok");
    await flood.done;
    await r.checkDrops();
    const udp = r.stats().udp;
    expect(udp?.drops.kernel).toBeGreaterThan(0);
    // What got through was read once the loop ran again; together with the drops, every line is accounted for.
    await until(
      () => (r.stats().udp?.lines ?? 0) + (udp?.drops.kernel ?? 0) >= 5000,
      "the buffered lines read",
    );
    expect((r.stats().udp?.lines ?? 0) + (udp?.drops.kernel ?? 0)).toBe(5000);

    const metrics = createMetrics(services, { syslog: () => r.stats() });
    const text = await metrics.registry.metrics();
    metrics.stop();
    const exported = new RegExp(
      `netops_syslog_udp_drops_total\\{listener="${listener}",where="kernel"\\} (\\d+)`,
    ).exec(text);
    expect(Number(exported?.[1])).toBe(udp?.drops.kernel);
    expect(text).toMatch(
      new RegExp(`netops_syslog_lines_total\\{transport="udp",listener="${listener}"\\} \\d+`),
    );

    const alert = (await services.alerts.active()).find(
      (a) => a.labels.check === "syslog-udp-drops" && a.labels.listener === listener,
    );
    expect(alert).toMatchObject({ source: "bgp", severity: "warning" });
    expect(alert?.summary).toBe(
      `Syslog over UDP on ${listener} lost ${udp?.drops.kernel} lines (${udp?.drops.kernel} in all)`,
    );
    expect(alert?.details).toMatch(/TCP syslog \(RFC 6587\)/);

    // No new drops since: with a zero quiet period the next check clears it.
    await r.checkDrops();
    expect((await services.alerts.get(alert?.id ?? 0))?.alert.state).toBe("resolved");
  });

  it("the worker-thread receiver takes every line and the console exports its counters", async () => {
    const services = h.app.services;
    const w = await startSyslogReceiver(services, {
      udp: { host: "127.0.0.1", port: 0 },
      tcp: null,
      routers: new Map(),
    });
    try {
      const port = w.udpAddress?.port ?? 0;
      expect(w.stats().udp).toMatchObject({ worker: true, dropsKnown: true });
      await send(
        port,
        Array.from({ length: 20 }, (_, i) => `<30>Dec  6 12:00:00 rtr1 bird: line ${i}`),
      );
      await until(() => w.stats().udp?.lines === 20, "20 lines through the worker");
      await w.checkDrops();
      expect(w.stats().udp?.drops).toEqual({ kernel: 0, queue: 0 });
    } finally {
      await w.close();
    }
    // The console's own listener (from its configuration) is in /metrics, with the buffer it got.
    const admin = new Client(h);
    await admin.login("admin", "admin-password-1");
    const res = await fetch(`${h.url}/metrics`, { headers: { cookie: admin.cookie } });
    // Every series of a server carries its replica label; these checks are about the others.
    const text = (await res.text()).replace(/,replica="[^"]*"/g, "");
    expect(text).toMatch(/netops_syslog_udp_drops_total\{listener="127\.0\.0\.1:\d+",where="kernel"\} 0/);
    expect(text).toMatch(/netops_syslog_udp_receive_buffer_bytes\{listener="127\.0\.0\.1:\d+"\} \d+/);
  });

  it("says when the kernel gave a smaller receive buffer than asked (net.core.rmem_max)", async () => {
    const max = Number(readFileSync("/proc/sys/net/core/rmem_max", "utf8"));
    for (const [asked, capped] of [
      [max * 2, true],
      [Math.max(65_536, Math.floor(max / 2)), false],
    ] as const) {
      const u = await startSyslogReceiver(h.app.services, {
        udp: { host: "127.0.0.1", port: 0 },
        tcp: null,
        routers: new Map(),
        udpRecvBufferBytes: asked,
      });
      try {
        expect(u.stats().udp).toMatchObject({ requestedBufferBytes: asked, bufferCapped: capped });
      } finally {
        await u.close();
      }
    }
  });

  it("a UDP port already taken stops the start with the reason (worker and main loop)", async () => {
    const taken = dgram.createSocket("udp4");
    await new Promise<void>((res) => taken.bind(0, "127.0.0.1", () => res()));
    try {
      for (const udpWorker of [true, false])
        await expect(
          startSyslogReceiver(h.app.services, {
            udp: { host: "127.0.0.1", port: taken.address().port },
            tcp: null,
            routers: new Map(),
            udpWorker,
          }),
        ).rejects.toThrow(/EADDRINUSE/);
    } finally {
      taken.close();
    }
  });

  it("finds its own sockets' rows in /proc/net/udp and udp6", async () => {
    expect(procNetAddress("127.0.0.1", 514)).toBe("0100007F:0202");
    expect(procNetAddress("::1", 514)).toBe("00000000000000000000000001000000:0202");
    expect(procNetAddress("::ffff:127.0.0.1", 1)).toBe("0000000000000000FFFF00000100007F:0001");
    const s6 = dgram.createSocket("udp6");
    await new Promise<void>((res) => s6.bind(0, "::1", () => res()));
    try {
      expect(udpSocketDrops("::1", s6.address().port)).toBe(0);
      // Another process's socket (or none) on that port is not ours: unknown.
      expect(udpSocketDrops("127.0.0.1", s6.address().port)).toBeNull();
    } finally {
      s6.close();
    }
  });
});
