// Kernel drops of one of this process's UDP sockets, from /proc/net/udp(6): the `drops` column counts
// datagrams the kernel threw away because the socket's receive buffer was full. Node has no API for it
// (SO_RXQ_OVFL is not exposed), so the row is found by local address:port and checked to be ours by
// its inode (one of /proc/self/fd's socket links). Linux only: elsewhere the count is unknown (null).
import { readdirSync, readFileSync, readlinkSync } from "node:fs";
import net from "node:net";
import os from "node:os";

/** The kernel's hex form of a local address in /proc/net/udp(6): each 32-bit word as the CPU stores it. */
export function procNetAddress(address: string, port: number): string {
  const bytes = net.isIPv6(address) ? ipv6Bytes(address) : address.split(".").map(Number);
  const words: string[] = [];
  for (let i = 0; i < bytes.length; i += 4) {
    const w = bytes.slice(i, i + 4);
    if (os.endianness() === "LE") w.reverse();
    words.push(w.map((b) => b.toString(16).padStart(2, "0")).join(""));
  }
  return `${words.join("").toUpperCase()}:${port.toString(16).toUpperCase().padStart(4, "0")}`;
}

function ipv6Bytes(address: string): number[] {
  // Expand "::" and an embedded IPv4 tail into 8 groups.
  let s = address.split("%")[0] ?? address;
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  if (v4?.[1]) {
    const [a = 0, b = 0, c = 0, d = 0] = v4[1].split(".").map(Number);
    s = `${s.slice(0, -v4[1].length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = "", tail] = s.split("::");
  const h = head ? head.split(":") : [];
  const t = tail !== undefined && tail !== "" ? tail.split(":") : [];
  const groups = tail === undefined ? h : [...h, ...Array(8 - h.length - t.length).fill("0"), ...t];
  return groups.flatMap((g) => {
    const n = Number.parseInt(g, 16);
    return [n >> 8, n & 0xff];
  });
}

/** Inodes of the sockets this process holds open. */
function ownSocketInodes(): Set<string> {
  const out = new Set<string>();
  for (const fd of readdirSync("/proc/self/fd")) {
    try {
      const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/self/fd/${fd}`));
      if (m?.[1]) out.add(m[1]);
    } catch {
      // The descriptor closed while we looked (the readdir's own one does).
    }
  }
  return out;
}

/** Drops counted so far for our UDP socket bound to `address:port`; null where it cannot be read. */
export function udpSocketDrops(address: string, port: number): number | null {
  const file = net.isIPv6(address) ? "/proc/net/udp6" : "/proc/net/udp";
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return null;
  }
  const local = procNetAddress(address, port);
  const inodes = ownSocketInodes();
  for (const line of text.split("\n").slice(1)) {
    // sl local rem st tx:rx tr:when retrnsmt uid timeout inode ref pointer drops
    const f = line.trim().split(/\s+/);
    if (f[1] === local && f[9] !== undefined && inodes.has(f[9])) {
      const drops = Number(f[12]);
      return Number.isFinite(drops) ? drops : null;
    }
  }
  return null;
}
