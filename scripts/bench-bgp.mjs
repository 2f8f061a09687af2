// npm run bench:bgp — log parsing lines/s vs a read-and-split baseline over the same generated
// 1,000,000-line router log, BMP decode messages/s over a generated stream, and storing events
// with their alerts (ms/event) against plain inserts; memory alongside.
// Figures, not assertions: targets are ≥ 500k lines/s and ≥ 200k BMP messages/s on one core.
// The log is written, read and split in 64 KiB chunks (never held whole), so memory stays flat.
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { tsImport } from "tsx/esm/api";
import { bgpBenchDraft } from "./bench-bgp-draft.mjs";

const { parseLogLine, BmpFrameReader, encodeShutdownNotification } = await tsImport(
  "../packages/protocols/src/bgp/index.ts",
  import.meta.url,
);

const LINES = 1_000_000;
const CHUNK = 64 * 1024;
const dir = mkdtempSync(path.join(tmpdir(), "bench-bgp-"));
const file = path.join(dir, "router.log");
const samples = [
  '2026-11-21 06:07:28.402 <RMT> to_a: Received: Administrative shutdown: "Maintenance window #42: planned shutdown (ticket NET-1234)"',
  '2026/11/21 06:09:57.075 BGP: [H7QV4-WR3ZD] %NOTIFICATION: received from neighbor 127.0.0.1 6/2 (Cease/Administrative Shutdown) "BIRD-A maintenance"',
  'time="2026-11-21T06:12:07Z" level=warning msg="received notification" Code=6 Communicated-Reason="planned" Data="[]" Key=127.0.0.1 Subcode=2 Topic=Peer',
];
const noise = [
  "2026-11-21 06:07:28.402 <INFO> Reconfigured",
  "Nov 21 06:25:13 rtr1 sshd[123]: Accepted publickey for ops from 192.0.2.10 port 50000",
  "2026/11/21 06:08:50.327 ZEBRA: [X] interface eth0 up",
  "Nov 21 06:25:14 rtr1 kernel: [ 12.3] eth1: link becomes ready",
];
{
  const fd = openSync(file, "w");
  let batch = [];
  for (let i = 0; i < LINES; i++) {
    batch.push(i % 50 === 0 ? samples[(i / 50) % 3] : noise[i % 4]);
    if (batch.length === 10_000) {
      writeSync(fd, `${batch.join("\n")}\n`);
      batch = [];
    }
  }
  if (batch.length > 0) writeSync(fd, `${batch.join("\n")}\n`);
  closeSync(fd);
}

const mem = () => Math.round(process.memoryUsage().rss / 1048576);
// Wall time and this process's CPU time (user + system, GC threads included): on a shared, loaded
// machine the CPU-time rate is the steadier "one core" figure; both are printed.
function time(fn) {
  const c = process.cpuUsage();
  const t = process.hrtime.bigint();
  const r = fn();
  const cpu = process.cpuUsage(c);
  return { s: Number(process.hrtime.bigint() - t) / 1e9, cpu: (cpu.user + cpu.system) / 1e6, r };
}
const rate = (n, t) =>
  `${Math.round(n / t.cpu).toLocaleString()}/s per CPU-second (${Math.round(n / t.s).toLocaleString()}/s wall)`;

/** Reads `file` in chunks, decodes UTF-8 incrementally and calls `onLine` per line; returns the line count. */
function eachLine(onLine) {
  const fd = openSync(file, "r");
  const buf = Buffer.allocUnsafe(CHUNK);
  const decoder = new TextDecoder("utf-8");
  let partial = "";
  let lines = 0;
  for (;;) {
    const n = readSync(fd, buf, 0, CHUNK, null);
    const text = partial + decoder.decode(buf.subarray(0, n), { stream: n > 0 });
    let start = 0;
    for (let nl = text.indexOf("\n"); nl >= 0; nl = text.indexOf("\n", start)) {
      onLine(text.slice(start, nl));
      lines++;
      start = nl + 1;
    }
    partial = text.slice(start);
    if (n === 0) break;
  }
  closeSync(fd);
  if (partial.length > 0) {
    onLine(partial);
    lines++;
  }
  return lines;
}

global.gc?.();
const rss0 = mem();
let sink = 0;
const base = time(() => eachLine((line) => (sink += line.length)));
const rssBase = mem();
const parse = time(() => {
  let events = 0;
  const lines = eachLine((line) => {
    if (parseLogLine(line)?.kind === "event") events++;
  });
  return { lines, events };
});
const rss1 = mem();
console.log(
  `log: ${parse.r.lines.toLocaleString()} lines, ${parse.r.events} events (streamed, ${CHUNK / 1024} KiB reads)`,
);
console.log(`  baseline read+split: ${rate(base.r, base)} lines`);
console.log(
  `  parse:               ${rate(parse.r.lines, parse)} lines  (${(parse.cpu / base.cpu).toFixed(2)}× baseline CPU time)`,
);

// BMP: Peer Down (reason 3, Cease/2 with a text) messages, concatenated into 1 MiB chunks.
const pdu = encodeShutdownNotification(2, "planned maintenance [REF056255]").value;
const msg = Buffer.alloc(6 + 42 + 1 + pdu.length);
msg.writeUInt8(3, 0);
msg.writeUInt32BE(msg.length, 1);
msg.writeUInt8(2, 5);
msg.writeUInt32BE(65001, 6 + 26);
msg.writeUInt32BE(1795241457, 6 + 34);
msg.writeUInt8(3, 48);
Buffer.from(pdu).copy(msg, 49);
const per = Math.floor((1 << 20) / msg.length);
const chunk = Buffer.concat(Array.from({ length: per }, () => msg));
const ROUNDS = 20;
const reader = new BmpFrameReader();
// One untimed round first: the figure is the steady state, not the JIT's warm-up.
for (const e of reader.push(chunk)) if (e.kind !== "message") throw new Error("bad generated stream");
const bmp = time(() => {
  let n = 0;
  for (let i = 0; i < ROUNDS; i++) for (const e of reader.push(chunk)) if (e.kind === "message") n++;
  return n;
});
const copy = time(() => {
  let s = 0;
  for (let i = 0; i < ROUNDS; i++) s += Buffer.from(chunk).length;
  return s;
});
const rss2 = mem();
console.log(`bmp: ${bmp.r.toLocaleString()} Peer Down messages of ${msg.length} octets`);
console.log(
  `  decode: ${rate(bmp.r, bmp)} msgs; baseline copy of the same bytes ${(copy.cpu * 1000).toFixed(0)} ms CPU vs decode ${(bmp.cpu * 1000).toFixed(0)} ms CPU`,
);
// ---- storing: events through BgpService.ingest (one draft per call, as a collector delivers a
// line), with the session-down alerts they raise, into a migrated database; baseline: plain
// better-sqlite3 prepared inserts of the same rows into the same table of a second database. ----
const STORE = Number(process.env.BENCH_BGP_STORE ?? 1000);
{
  const { applyMigrations, createDb } = await tsImport("../packages/db/src/index.ts", import.meta.url);
  const { createServices } = await tsImport("../packages/api/src/services/index.ts", import.meta.url);
  const Database = (await import("better-sqlite3")).default;
  const logger = { info() {}, warn() {}, error() {}, debug() {}, child: () => logger };
  const url = `file:${path.join(dir, "store.db")}`;
  applyMigrations(url);
  const db = createDb(url);
  const services = createServices(db, logger, {
    sessionTtlHours: 1,
    loginMaxFailures: 5,
    loginWindowSeconds: 60,
    secretKey: "0".repeat(64),
    publicOrigin: "http://127.0.0.1:3000",
    webhook: { timeoutMs: 1000, maxAttempts: 1, backoffMs: 1000 },
  });
  const t0 = Date.now();
  const draft = (i) => bgpBenchDraft(t0, i);
  // Warm-up outside the figure (first queries compile Prisma's statements).
  for (let i = 0; i < 20; i++) await services.bgp.ingest([draft(STORE + i)]);
  let t = performance.now();
  for (let i = 0; i < STORE; i++) await services.bgp.ingest([draft(i)]);
  const storeMs = performance.now() - t;
  const alerts = await db.alert.count({ where: { source: "bgp" } });
  await db.$disconnect();
  const baseFile = path.join(dir, "baseline.db");
  applyMigrations(`file:${baseFile}`);
  const raw = new Database(baseFile);
  const ins = raw.prepare(
    `INSERT INTO BgpEvent (key, at, receivedAt, router, session, peerAddress, peerAs, kind, direction, code, subcode, codeName, subcodeName, text, textBytes, status, findings, rawLine, source, format, tickets)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '[]', ?, ?, ?, '[]')`,
  );
  t = performance.now();
  for (let i = 0; i < STORE; i++) {
    const d = draft(i);
    // One statement (its own transaction) per event, as the service commits each event on its own.
    ins.run(
      `k${i}`,
      d.at.getTime(),
      Date.now(),
      d.router,
      `${d.router}|${d.peerAddress}`,
      d.peerAddress,
      d.peerAs,
      d.kind,
      d.direction,
      d.code,
      d.subcode,
      d.codeName,
      d.subcodeName,
      d.text,
      d.textBytes,
      d.status,
      d.rawLine,
      d.source,
      d.format,
    );
  }
  const baseMs = performance.now() - t;
  raw.close();
  console.log(
    `store: ${STORE.toLocaleString()} events one at a time with their alerts (${alerts} bgp alerts open)`,
  );
  console.log(
    `  BgpService.ingest: ${(storeMs / STORE).toFixed(2)} ms/event = ${Math.round(STORE / (storeMs / 1000)).toLocaleString()} events/s wall; baseline plain insert ${(baseMs / STORE).toFixed(3)} ms/event (${(storeMs / baseMs).toFixed(1)}× baseline)`,
  );
}

console.log(
  `load average at the end: ${(await import("node:os")).loadavg()[0].toFixed(2)} (${(await import("node:os")).availableParallelism()} cores)`,
);
console.log(
  `memory: RSS ${rss0} MiB at start, ${rssBase} MiB after the baseline pass, ${rss1} MiB after log parsing, ${rss2} MiB after BMP`,
);
rmSync(dir, { recursive: true, force: true });
if (sink < 0) console.log(sink);
