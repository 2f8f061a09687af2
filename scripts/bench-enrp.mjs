// npm run bench:enrp — RSerPool decode rates, as figures against a read-and-copy baseline of the same
// bytes measured in the same run (no assertions; target ≥ 200,000 messages/s, memory flat):
//  1. ASAP/ENRP messages: every message of the rsplib takeover capture, decoded over and over.
//  2. A ~1 GB pcap generated on the fly (never held whole, never written to disk): SCTP-in-UDP
//     packets with bundled ASAP/ENRP DATA chunks, UDP announces and CSP reports, pushed through the
//     streaming capture decoder in 1 MiB chunks; TSNs are rewritten per chunk so none is a retransmission.
import { readFileSync } from "node:fs";
import path from "node:path";
import { tsImport } from "tsx/esm/api";

const rs = await tsImport("../packages/protocols/src/rserpool/index.ts", import.meta.url);
const TOTAL = Number(process.env.BENCH_ENRP_BYTES ?? 1024 ** 3);
const mem = () => Math.round(process.memoryUsage().rss / 1048576);
let peak = mem();
const sample = () => {
  peak = Math.max(peak, mem());
};
function time(fn) {
  const c = process.cpuUsage();
  const t = process.hrtime.bigint();
  const r = fn();
  const cpu = process.cpuUsage(c);
  return { s: Number(process.hrtime.bigint() - t) / 1e9, cpu: (cpu.user + cpu.system) / 1e6, r };
}
const per = (n, t) =>
  `${Math.round(n / t.cpu).toLocaleString()}/s per CPU-second (${Math.round(n / t.s).toLocaleString()}/s wall)`;
const mbs = (bytes, t) => `${(bytes / 1048576 / t.cpu).toFixed(1)} MB/s per CPU-second`;

// 1. Messages from the real capture
const capture = new Uint8Array(
  readFileSync(
    path.join(import.meta.dirname, "../packages/protocols/test/rserpool/vectors/enrp-takeover.pcapng"),
  ),
);
const msgs = rs.decodeCapture(capture, { keepRaw: true }).items.filter((i) => i.raw);
const ROUNDS = 4000;
const msgBytes = msgs.reduce((n, m) => n + m.raw.length, 0) * ROUNDS;
const count = msgs.length * ROUNDS;
const base1 = time(() => {
  let x = 0;
  for (let r = 0; r < ROUNDS; r++) for (const m of msgs) x += m.raw.slice()[0];
  return x;
});
const dec1 = time(() => {
  let x = 0;
  for (let r = 0; r < ROUNDS; r++)
    for (const m of msgs) x += (m.kind === "asap" ? rs.decodeAsap(m.raw) : rs.decodeEnrp(m.raw)).length;
  return x;
});
sample();
console.log(
  `messages: ${count.toLocaleString()} ASAP/ENRP messages (${msgs.length} distinct from enrp-takeover), ${(msgBytes / 1048576).toFixed(0)} MB`,
);
console.log(`  baseline copy   ${per(count, base1)}, ${mbs(msgBytes, base1)}`);
console.log(
  `  decode          ${per(count, dec1)}, ${mbs(msgBytes, dec1)}  (${(dec1.cpu / base1.cpu).toFixed(1)}x the copy's CPU time)`,
);

// 2. A generated pcap, streamed
const CHUNK = 1 << 20;
const handle = rs.poolHandleParam("EchoPool");
const pe = (id, load) => ({
  kind: "poolElement",
  pe: {
    id,
    homeRegistrar: 0xaaaa0001,
    registrationLife: 120000,
    userTransport: { kind: "sctp", port: 7, transportUse: 0, addresses: ["10.77.0.4"] },
    policy: rs.makePolicy(0x40000001, { load }),
    asapTransport: { kind: "sctp", port: 34140, transportUse: 0, addresses: ["10.77.0.4"] },
  },
});
const bodies = [
  [
    12,
    rs.encodeEnrp({
      type: 4,
      senderId: 0xaaaa0001,
      receiverId: 0xbbbb0002,
      updateAction: 0,
      params: [handle, pe(0xde000001, 0)],
    }),
  ],
  [
    12,
    rs.encodeEnrp({
      type: 1,
      senderId: 0xaaaa0001,
      receiverId: 0xbbbb0002,
      params: [
        { kind: "peChecksum", checksum: 0xfa96 },
        {
          kind: "serverInformation",
          id: 0xaaaa0001,
          transports: [{ kind: "sctp", port: 9901, transportUse: 0, addresses: ["10.77.0.1"] }],
        },
      ],
    }),
  ],
  [
    11,
    rs.encodeAsap({
      type: 7,
      flags: 0,
      serverId: 0xaaaa0001,
      params: [handle, { kind: "peIdentifier", id: 0xde000001 }],
    }),
  ],
  [11, rs.encodeAsap({ type: 8, params: [handle, { kind: "peIdentifier", id: 0xde000001 }] })],
];
const frames = [];
const tsnAt = []; // [frame index, offset of TSN within frame data]
for (let i = 0; i < 3; i++) {
  const chunks = bodies.map(([ppid, data], k) => ({ tsn: 0, ppid, data, ssn: k }));
  const sctp = rs.sctpPacket(9901, 9901, 0x59383e3e, chunks);
  frames.push(rs.linkFrame(1, rs.ipPacket("10.77.0.1", "10.77.0.2", 17, rs.udpDatagram(9899, 9899, sctp))));
  let o = 14 + 20 + 8 + 12;
  for (const [, data] of bodies) {
    tsnAt.push([frames.length - 1, o + 4]);
    o += 16 + ((data.length + 3) & ~3);
  }
}
frames.push(
  rs.linkFrame(
    1,
    rs.ipPacket(
      "10.77.0.1",
      "239.0.0.50",
      17,
      rs.udpDatagram(3863, 3863, rs.encodeAsap({ type: 10, serverId: 0xaaaa0001, params: [] })),
    ),
  ),
);
const cspReport = rs.encodeCsp({
  senderId: 0x01000000aaaa0001n,
  timestampUs: 1,
  reportIntervalUs: 1e6,
  location: "lab",
  status: "4 PEs in 2 Pools, 2 Peers",
  workload: null,
  associations: [{ receiverId: 0x01000000bbbb0002n, durationUs: null, protocolId: 132, ppid: 12 }],
});
frames.push(
  rs.linkFrame(1, rs.ipPacket("10.77.0.1", "10.77.0.254", 17, rs.udpDatagram(40000, 2960, cspReport))),
);
const perGroup = 3 * bodies.length + 2;
// One chunk = as many copies of the frame group as fit; TSN offsets recorded per copy.
const recs = frames.map((data, i) => rs.pcapRecord({ timeMs: 1.7e12 + i, data }));
const groupLen = recs.reduce((n, r) => n + r.length, 0);
const groups = Math.floor(CHUNK / groupLen);
const chunk = new Uint8Array(groups * groupLen);
const tsnOffsets = [];
for (let g = 0, o = 0; g < groups; g++) {
  recs.forEach((r, i) => {
    chunk.set(r, o);
    for (const [f, at] of tsnAt) if (f === i) tsnOffsets.push(o + 16 + at);
    o += r.length;
  });
}
const header = rs.pcapHeader(1);
const chunksNeeded = Math.ceil(TOTAL / chunk.length);
const view = new DataView(chunk.buffer);
let tsn = 1;
function nextChunk() {
  for (const at of tsnOffsets) view.setUint32(at, tsn++ >>> 0);
  return chunk;
}
const base2 = time(() => {
  let x = 0;
  for (let i = 0; i < chunksNeeded; i++) {
    x += nextChunk().slice()[i % 100];
    if (i % 64 === 0) sample();
  }
  return x;
});
tsn = 1;
let items = 0;
const dec2 = time(() => {
  const d = new rs.CaptureDecoder(() => items++);
  d.push(header);
  for (let i = 0; i < chunksNeeded; i++) {
    d.push(nextChunk());
    if (i % 64 === 0) sample();
  }
  return d.end();
});
const bytes = chunksNeeded * chunk.length;
const stats = dec2.r;
const messages = stats.asap + stats.enrp;
console.log(
  `pcap: ${(bytes / 1048576).toFixed(0)} MB generated on the fly, ${stats.frames.toLocaleString()} frames, ${messages.toLocaleString()} ASAP/ENRP messages + ${stats.csp.toLocaleString()} CSP reports (${perGroup} frames per group), ${stats.errors} errors, ${stats.retransmissions} retransmissions`,
);
console.log(`  baseline copy   ${mbs(bytes, base2)}`);
console.log(
  `  decode          ${mbs(bytes, dec2)}, ${per(messages, dec2)} ASAP/ENRP messages, ${per(items, dec2)} items  (${(dec2.cpu / base2.cpu).toFixed(1)}x the copy's CPU time)`,
);
console.log(`memory: peak RSS ${peak} MB, now ${mem()} MB (the 1 GB stream is never held)`);
