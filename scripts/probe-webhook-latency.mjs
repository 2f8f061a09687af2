// node scripts/probe-webhook-latency.mjs — how long a healthy webhook receiver waits for alerts while
// another receiver hangs (never answers). A real console (temp database, default webhook settings: 5 s
// timeout, 2 s backoff, 6 attempts) and two loopback receivers. Figures, not assertions.
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { tsImport } from "tsx/esm/api";

const ALERTS = Number(process.env.ALERTS ?? 10);
const BOUND_MS = Number(process.env.BOUND_MS ?? 120_000);
const { startConsole } = await tsImport("../apps/server/src/app.ts", import.meta.url);
const { parseConfigText } = await tsImport("../packages/config/src/index.ts", import.meta.url);
const pino = (await import("pino")).default;

const t0 = Date.now();
const got = new Map(); // alert summary → ms after it was raised
const raisedAt = new Map();
const hangAttempts = new Map(); // delivery id → attempt times (ms)
const hung = [];
const healthy = createServer((req, res) => {
  let body = "";
  req.on("data", (c) => {
    body += c;
  });
  req.on("end", () => {
    const summary = JSON.parse(body).alert?.summary;
    if (summary && raisedAt.has(summary) && !got.has(summary))
      got.set(summary, Date.now() - raisedAt.get(summary));
    res.end("ok");
  });
});
const hanging = createServer((req, res) => {
  const id = req.headers["x-netops-delivery"];
  const list = hangAttempts.get(id) ?? [];
  list.push(Date.now() - t0);
  hangAttempts.set(id, list);
  hung.push(res); // never answered
});
const listen = (s) => new Promise((r) => s.listen(0, "127.0.0.1", () => r(s.address().port)));
const healthyPort = await listen(healthy);
const hangingPort = await listen(hanging);

const dir = mkdtempSync(path.join(tmpdir(), "probe-webhook-"));
const cfg = parseConfigText("", "probe.yaml", { NETOPS_PORT: "1" });
const app = await startConsole({
  config: {
    ...cfg,
    server: { ...cfg.server, port: 0 },
    database: { url: `file:${path.join(dir, "netops.db")}` },
    sources: { file: null },
  },
  env: { NETOPS_ADMIN_PASSWORD: "admin-password-1" },
  logger: pino({ level: "silent" }),
  print: () => {},
});
const { webhooks, alerts } = app.services;
for (const [name, port] of [
  ["stuck", hangingPort],
  ["healthy", healthyPort],
]) {
  await webhooks.create({
    name,
    url: `http://127.0.0.1:${port}/hook`,
    secret: "probe-secret-0123456789",
    minSeverity: "info",
    sources: [],
    sendResolved: false,
  });
}
for (let i = 1; i <= ALERTS; i++) {
  const summary = `probe alert ${i}`;
  raisedAt.set(summary, Date.now());
  await alerts.raise({ source: "dhcp", severity: "warning", labels: { probe: String(i) }, summary });
}
while (got.size < ALERTS && Date.now() - t0 < BOUND_MS) await new Promise((r) => setTimeout(r, 100));
const lat = [...got.values()].sort((a, b) => a - b);
const last = got.get(`probe alert ${ALERTS}`);
console.log(
  `healthy receiver got ${got.size}/${ALERTS} alerts while the other hangs; latency median ${lat[Math.floor(lat.length / 2)] ?? "-"} ms, max ${lat.at(-1) ?? "-"} ms; alert ${ALERTS} after ${last ?? "never (bound)"} ms`,
);
console.log(
  `hanging receiver: ${[...hangAttempts.values()].reduce((n, l) => n + l.length, 0)} attempt(s) over ${hangAttempts.size} deliveries during the run`,
);
for (const r of hung) r.destroy();
await app.stop();
healthy.close();
hanging.close();
rmSync(dir, { recursive: true, force: true });
process.exit(0);
