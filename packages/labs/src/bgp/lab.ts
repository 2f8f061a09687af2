// LAB ONLY (demo mode): replays recorded router output into the console's real collectors over
// loopback, so the BGP page shows events that went through BMP/syslog decoding and storage.
import dgram from "node:dgram";
import { readFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

const DATA = path.join(path.dirname(fileURLToPath(import.meta.url)), "lab-data");
export const LAB_BMP_NAME = "lab-bmp-replay (GoBGP capture)";
export const LAB_SYSLOG_HOST = "lab-bird-c";

/** BMP types with a per-peer header (RFC 7854 §4.2): route monitoring, stats, peer down/up, mirroring. */
const PER_PEER = new Set([0, 1, 2, 3, 6]);

function tlv(type: number, text: string): Buffer {
  const v = Buffer.from(text, "utf8");
  const b = Buffer.alloc(4 + v.length);
  b.writeUInt16BE(type, 0);
  b.writeUInt16BE(v.length, 2);
  v.copy(b, 4);
  return b;
}

function initiation(): Buffer {
  const body = Buffer.concat([
    tlv(1, "NetOps lab BMP speaker replaying a recorded GoBGP 3.10 stream"),
    tlv(2, LAB_BMP_NAME),
  ]);
  const h = Buffer.alloc(6);
  h.writeUInt8(3, 0);
  h.writeUInt32BE(6 + body.length, 1);
  h.writeUInt8(4, 5);
  return Buffer.concat([h, body]);
}

/** The recorded frames, timestamps shifted so the newest is `now`; the Initiation is the lab's own. */
export function labBmpFrames(now: Date = new Date(), limit = Number.POSITIVE_INFINITY): Buffer[] {
  const data = readFileSync(path.join(DATA, "gobgp-bmp-stream.bin"));
  const frames: Buffer[] = [];
  let latest = 0;
  for (let p = 0; p + 6 <= data.length && frames.length < limit; ) {
    const len = data.readUInt32BE(p + 1);
    if (len < 6 || p + len > data.length) break;
    const f = Buffer.from(data.subarray(p, p + len));
    if (PER_PEER.has(f.readUInt8(5)) && len >= 48) latest = Math.max(latest, f.readUInt32BE(40));
    frames.push(f);
    p += len;
  }
  const shift = Math.floor(now.getTime() / 1000) - latest;
  return frames.map((f) => {
    const type = f.readUInt8(5);
    if (type === 4) return initiation();
    if (PER_PEER.has(type) && f.length >= 48 && f.readUInt32BE(40) > 0)
      f.writeUInt32BE(f.readUInt32BE(40) + shift, 40);
    return f;
  });
}

/** Connects to the collector and sends the recorded stream, a frame every `gapMs`. */
export function runLabBmpSpeaker(
  target: { host: string; port: number },
  opts: { gapMs?: number; signal?: AbortSignal } = {},
): Promise<number> {
  const frames = labBmpFrames();
  return new Promise((resolve, reject) => {
    const sock = net.connect(target.port, target.host);
    let i = 0;
    let timer: NodeJS.Timeout | undefined;
    const finish = () => {
      clearTimeout(timer);
      sock.end();
      resolve(i);
    };
    opts.signal?.addEventListener("abort", finish, { once: true });
    const next = () => {
      if (opts.signal?.aborted) return;
      const f = frames[i];
      if (!f) return finish();
      i++;
      sock.write(f);
      timer = setTimeout(next, opts.gapMs ?? 25);
    };
    sock.once("connect", next);
    sock.once("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
function bsdTime(d: Date): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, " ")} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
}

/** The recorded BIRD syslog lines with a current timestamp and the lab host name. */
export function labSyslogLines(now: Date = new Date()): string[] {
  const lines = readFileSync(path.join(DATA, "bird-c.syslog.raw"), "utf8").split("\n").filter(Boolean);
  return lines.map((l, i) => {
    const t = new Date(now.getTime() - (lines.length - i) * 1000);
    return l.replace(
      /^(<\d{1,3}>)[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d /,
      `$1${bsdTime(t)} ${LAB_SYSLOG_HOST} `,
    );
  });
}

/**
 * Lab-written lines (not recorded, unlike the BIRD capture): the demo's name server 192.0.2.53
 * (ns1.lab.example, AS64496) as a BGP peer of two lab edge routers, in FRR and IOS XR log
 * formats, so the demo connects that address across subsystems (README, "Search").
 */
export function labPeerLines(now: Date = new Date()): string[] {
  const at = (s: number) => bsdTime(new Date(now.getTime() - s * 1000));
  return [
    `<189>${at(300)} lab-edge-xr bgp[1080]: %ROUTING-BGP-5-ADJCHANGE : neighbor 192.0.2.53 Down - BGP Notification received, administrative shutdown (VRF: default) (AS: 64496)`,
    `<27>${at(299)} lab-edge-frr bgpd[1234]: [H7QV4-WR3ZD] %NOTIFICATION: received from neighbor 192.0.2.53(ns1.lab.example) 6/2 (Cease/Administrative Shutdown) "Lab maintenance: ns1.lab.example moves racks, ticket NET-2053"`,
    `<29>${at(60)} lab-edge-frr bgpd[1234]: [PXVXG-TFNNT] %ADJCHANGE: neighbor 192.0.2.53(ns1.lab.example) in vrf default Up`,
  ];
}

/** Sends the lines as UDP datagrams (one message each, RFC 5426). */
export async function runLabSyslogSender(target: { host: string; port: number }): Promise<number> {
  const sock = dgram.createSocket(net.isIPv6(target.host) ? "udp6" : "udp4");
  try {
    const lines = [...labSyslogLines(), ...labPeerLines()];
    for (const l of lines) {
      await new Promise<void>((resolve, reject) =>
        sock.send(Buffer.from(l, "utf8"), target.port, target.host, (e) => (e ? reject(e) : resolve())),
      );
    }
    return lines.length;
  } finally {
    sock.close();
  }
}
