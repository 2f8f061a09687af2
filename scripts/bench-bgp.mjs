// npm run bench:bgp — log parsing lines/s vs a read-and-split baseline over the same generated
// 1,000,000-line router log, and BMP decode messages/s over a generated stream; memory alongside.
// Figures, not assertions: targets are ≥ 500k lines/s and ≥ 200k BMP messages/s on one core.
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { tsImport } from "tsx/esm/api";

const { parseLogLine, BmpFrameReader, encodeShutdownNotification } = await tsImport(
  "../packages/protocols/src/bgp/index.ts",
  import.meta.url,
);

const LINES = 1_000_000;
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
const out = [];
for (let i = 0; i < LINES; i++) out.push(i % 50 === 0 ? samples[(i / 50) % 3] : noise[i % 4]);
writeFileSync(file, `${out.join("\n")}\n`);
out.length = 0;

const mem = () => Math.round(process.memoryUsage().rss / 1048576);
function time(fn) {
  const t = process.hrtime.bigint();
  const r = fn();
  return { s: Number(process.hrtime.bigint() - t) / 1e9, r };
}

global.gc?.();
const rss0 = mem();
const base = time(() => readFileSync(file, "utf8").split("\n").length);
const parse = time(() => {
  let events = 0;
  for (const line of readFileSync(file, "utf8").split("\n"))
    if (parseLogLine(line)?.kind === "event") events++;
  return events;
});
const rss1 = mem();
console.log(`log: ${LINES.toLocaleString()} lines, ${parse.r} events`);
console.log(`  baseline read+split: ${Math.round(LINES / base.s).toLocaleString()} lines/s`);
console.log(
  `  parse:               ${Math.round(LINES / parse.s).toLocaleString()} lines/s  (${(parse.s / base.s).toFixed(2)}× baseline time)`,
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
  `  decode: ${Math.round(bmp.r / bmp.s).toLocaleString()} msgs/s; baseline copy of the same bytes ${(copy.s * 1000).toFixed(0)} ms vs decode ${(bmp.s * 1000).toFixed(0)} ms`,
);
console.log(
  `memory: RSS ${rss0} MiB at start, ${rss1} MiB after log parsing (file held in memory), ${rss2} MiB after BMP`,
);
rmSync(dir, { recursive: true, force: true });
