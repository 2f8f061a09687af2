/**
 * LAB authoritative DNS server for the demo: serves zone files on loopback, answering SOA
 * queries (UDP and TCP) and AXFR (TCP). Only for demo mode; it is a real DNS server on real
 * sockets, so the console's AXFR and serial checks run through their production code.
 */
import { createSocket, type Socket as UdpSocket } from "node:dgram";
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import {
  bytesEqual,
  decodeMessage,
  encodeResponse,
  parseZone,
  recordWireSize,
  RRType,
  TcpFrameReader,
  tcpFrame,
  TYPE_AXFR,
  type ZoneRecord,
} from "@netops/protocols/dns";

export interface LabZone {
  /** Absolute zone name. */
  name: string;
  file: string;
}

interface Loaded {
  apex: Uint8Array;
  soa: ZoneRecord;
  records: ZoneRecord[];
}

export interface LabServer {
  port: number;
  stop(): Promise<void>;
}

function load(z: LabZone): Loaded {
  const parsed = parseZone(readFileSync(z.file, "utf8"), { origin: z.name, file: z.file });
  if (parsed.errors.length) throw new Error(`lab zone ${z.file}: ${parsed.errors[0]!.message}`);
  const soa = parsed.records.find((r) => r.type === RRType.SOA);
  if (!soa) throw new Error(`lab zone ${z.file} has no SOA`);
  return { apex: soa.owner, soa, records: parsed.records.filter((r) => r !== soa) };
}

/** Starts the lab server on 127.0.0.1:`port` (0: any free port, same for UDP and TCP). */
export async function startLabDnsServer(zones: LabZone[], port = 0): Promise<LabServer> {
  const loaded = zones.map(load);
  const find = (name: Uint8Array) => loaded.find((z) => bytesEqual(z.apex, name));

  const answer = (raw: Uint8Array, tcp: boolean): Uint8Array[] => {
    let m: ReturnType<typeof decodeMessage>;
    try {
      m = decodeMessage(raw);
    } catch {
      return [];
    }
    const q = m.questions[0];
    if (m.header.qr || !q) return [];
    const z = find(q.name);
    if (!z) return [encodeResponse({ id: m.header.id, question: q, answers: [], rcode: 5, aa: false })];
    if (q.type === RRType.SOA) return [encodeResponse({ id: m.header.id, question: q, answers: [z.soa] })];
    if (q.type === TYPE_AXFR) {
      if (!tcp) return [encodeResponse({ id: m.header.id, question: q, answers: [], rcode: 1 })];
      // Split under 64 KiB per message: SOA, the records, SOA again.
      const out: Uint8Array[] = [];
      let batch: ZoneRecord[] = [z.soa];
      let size = 12 + q.name.length + 4 + recordWireSize(z.soa);
      for (const r of [...z.records, z.soa]) {
        const s = recordWireSize(r);
        if (size + s > 60_000) {
          out.push(encodeResponse({ id: m.header.id, question: out.length ? null : q, answers: batch }));
          batch = [];
          size = 12;
        }
        batch.push(r);
        size += s;
      }
      out.push(encodeResponse({ id: m.header.id, question: out.length ? null : q, answers: batch }));
      return out;
    }
    return [encodeResponse({ id: m.header.id, question: q, answers: [], rcode: 0 })];
  };

  const tcp: Server = createServer((sock) => {
    sock.setTimeout(10_000, () => sock.destroy());
    sock.on("error", () => sock.destroy());
    const frames = new TcpFrameReader();
    sock.on("data", (chunk) => {
      try {
        for (const raw of frames.push(new Uint8Array(chunk)))
          for (const msg of answer(raw, true)) sock.write(tcpFrame(msg));
      } catch {
        sock.destroy();
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    tcp.once("error", reject);
    tcp.listen(port, "127.0.0.1", () => resolve());
  });
  const actual = (tcp.address() as { port: number }).port;
  const udp: UdpSocket = createSocket("udp4");
  udp.on("message", (msg, rinfo) => {
    for (const out of answer(new Uint8Array(msg), false)) udp.send(out, rinfo.port, rinfo.address);
  });
  await new Promise<void>((resolve, reject) => {
    udp.once("error", reject);
    udp.bind(actual, "127.0.0.1", () => resolve());
  });
  return {
    port: actual,
    async stop() {
      await new Promise<void>((r) => udp.close(() => r()));
      await new Promise<void>((r) => tcp.close(() => r()));
    },
  };
}
