// node scripts/probe-syslog-loss.mjs — syslog lines lost over UDP at 100, 800 and 1,600 lines/s,
// alone and while 50 API clients keep calling a list procedure. A real console (temp database)
// receives on a loopback port; the sender and the API clients run in worker threads of their own so
// their pacing does not depend on the console's event loop. Loss is read from the kernel (the socket's
// `drops` column in /proc/net/udp), so it is the same measure whatever the receiver does. Linux only.
// Figures, not assertions. RATES=100,800 SECONDS=3 CLIENTS=50 override the defaults.
import dgram from "node:dgram";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { tsImport } from "tsx/esm/api";

const RATES = (process.env.RATES ?? "100,800,1600").split(",").map(Number);
const SECONDS = Number(process.env.SECONDS ?? 3);
const CLIENTS = Number(process.env.CLIENTS ?? 50);
const { startConsole } = await tsImport("../apps/server/src/app.ts", import.meta.url);
const { parseConfigText } = await tsImport("../packages/config/src/index.ts", import.meta.url);
const pino = (await import("pino")).default;

/** Kernel drops of the UDP socket bound to 127.0.0.1:`port` (0 when it is not found). */
function kernelDrops(port) {
  const hex = `0100007F:${port.toString(16).toUpperCase().padStart(4, "0")}`;
  for (const line of readFileSync("/proc/net/udp", "utf8").split("\n").slice(1)) {
    const f = line.trim().split(/\s+/);
    if (f[1] === hex) return Number(f[12]);
  }
  return 0;
}

const free = await new Promise((r) => {
  const s = dgram.createSocket("udp4");
  s.bind(0, "127.0.0.1", () => {
    const p = s.address().port;
    s.close(() => r(p));
  });
});
const dir = mkdtempSync(path.join(tmpdir(), "probe-syslog-"));
// The receiver's own settings pass through (NETOPS_BGP_SYSLOG_UDP_BUFFER_BYTES, _WORKER) to compare them.
const passed = Object.fromEntries(
  Object.entries(process.env).filter(([k]) => k.startsWith("NETOPS_BGP_SYSLOG_UDP_")),
);
const env = {
  NETOPS_ADMIN_PASSWORD: "admin-password-1",
  ...passed,
  NETOPS_BGP_SYSLOG_UDP_LISTEN: `127.0.0.1:${free}`,
};
const cfg = parseConfigText("", "probe.yaml", { NETOPS_PORT: "1", ...env });
const app = await startConsole({
  config: {
    ...cfg,
    server: { ...cfg.server, port: 0 },
    database: { url: `file:${path.join(dir, "netops.db")}` },
    sources: { file: null },
  },
  env,
  logger: pino({ level: "silent" }),
  print: () => {},
});
const login = await fetch(`${app.url}/api/trpc/auth.login`, {
  method: "POST",
  headers: { "content-type": "application/json", origin: app.url },
  body: JSON.stringify({ username: "admin", password: "admin-password-1" }),
});
const cookie = login.headers.getSetCookie()[0].split(";")[0];

// Sender: `rate` lines/s for SECONDS, paced in 10 ms slices; mostly noise, a BGP event every 50th line.
const senderCode = `
const dgram = require("node:dgram");
const { workerData, parentPort } = require("node:worker_threads");
const { port, rate, seconds } = workerData;
const s = dgram.createSocket("udp4");
const total = rate * seconds;
let sent = 0;
const t0 = Date.now();
const line = (i) => i % 50 === 0
  ? \`<27>Nov 21 06:25:13 rtr\${i % 7} bird: to_a\${i % 13}: Received: Administrative shutdown: "probe \${i}"\`
  : \`<30>Nov 21 06:25:14 rtr\${i % 7} bird: Reconfigured, line \${i} of the loss probe\`;
function tick() {
  const due = Math.min(total, Math.floor(((Date.now() - t0) / 1000) * rate) + 1);
  while (sent < due) s.send(line(sent++), port, "127.0.0.1");
  if (sent < total) setTimeout(tick, 10);
  else setTimeout(() => { s.close(); parentPort.postMessage(sent); }, 50);
}
tick();
`;
// API load: CLIENTS loops calling bgp.events (a list procedure) until told to stop.
const loadCode = `
const { workerData, parentPort } = require("node:worker_threads");
const { url, cookie, clients } = workerData;
let stop = false;
let calls = 0;
parentPort.on("message", () => { stop = true; });
const input = encodeURIComponent(JSON.stringify({ limit: 100 }));
async function client() {
  while (!stop) {
    const r = await fetch(\`\${url}/api/trpc/bgp.events?input=\${input}\`, { headers: { cookie } });
    await r.arrayBuffer();
    calls++;
  }
}
Promise.all(Array.from({ length: clients }, client)).then(() => parentPort.postMessage(calls));
`;

const run = (code, workerData) => {
  const w = new Worker(code, { eval: true, workerData });
  return { w, done: new Promise((r) => w.once("message", r)) };
};

const metric = async (name) =>
  (await (await fetch(`${app.url}/metrics`, { headers: { cookie } })).text())
    .split("\n")
    .filter((l) => l.startsWith(name))
    .join("; ") || "(not exported)";
console.log(
  `UDP syslog loss, ${SECONDS} s per rate, receiver on 127.0.0.1:${free} ${JSON.stringify(passed)}; ` +
    `${await metric("netops_syslog_udp_receive_buffer_bytes")}`,
);
for (const load of [false, true]) {
  for (const rate of RATES) {
    const l = load ? run(loadCode, { url: app.url, cookie, clients: CLIENTS }) : null;
    if (l) await new Promise((r) => setTimeout(r, 500)); // let the clients get going
    const before = kernelDrops(free);
    const s = run(senderCode, { port: free, rate, seconds: SECONDS });
    const sent = await s.done;
    await new Promise((r) => setTimeout(r, 300)); // what is still queued gets read (or not)
    const lost = kernelDrops(free) - before;
    let calls = 0;
    if (l) {
      l.w.postMessage("stop");
      calls = await l.done;
    }
    await l?.w.terminate();
    await s.w.terminate();
    console.log(
      `${String(rate).padStart(5)} lines/s ${load ? `with ${CLIENTS} API clients (${calls} calls)` : "alone"}: ` +
        `${lost} of ${sent} lost (${((100 * lost) / sent).toFixed(1)}%)`,
    );
  }
}
console.log(
  `as exported: ${await metric("netops_syslog_udp_drops_total")}; ${await metric("netops_syslog_lines_total")}`,
);
await app.stop();
rmSync(dir, { recursive: true, force: true });
process.exit(0);
