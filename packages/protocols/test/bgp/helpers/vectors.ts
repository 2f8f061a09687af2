// Test-only helpers: vector paths (inside the repo, never /work/shared) and tcpdump-style rendering.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { BgpNotification } from "../../../src/bgp/index";

export const VECTORS = join(dirname(fileURLToPath(import.meta.url)), "..", "vectors");

export function vector(...parts: string[]): string {
  return join(VECTORS, ...parts);
}

export function readVector(...parts: string[]): Uint8Array {
  return new Uint8Array(readFileSync(vector(...parts)));
}

export function readVectorText(...parts: string[]): string {
  return readFileSync(vector(...parts), "utf8");
}

/** tcpdump's names where they differ from the IANA names our decoder reports. */
const TCPDUMP_SUBCODE_NAMES: Record<string, string> = { "6/3": "Peer Unconfigured" };

function subName(code: number, subcode: number, iana: string): string {
  return TCPDUMP_SUBCODE_NAMES[`${code}/${subcode}`] ?? iana;
}

function hexDump(hex: string): string {
  let out = "";
  for (let off = 0; off < hex.length; off += 32) {
    const line = hex.slice(off, off + 32).match(/.{1,4}/g) ?? [];
    out += `\n\t\t0x${(off / 2).toString(16).padStart(4, "0")}:  ${line.join(" ")}`;
  }
  return out;
}

/**
 * Renders our decode the way tcpdump -v prints a NOTIFICATION (print-bgp.c), so tests can compare with
 * the published .out text. Every branch is driven by our decoder's fields (status, trailing data, …).
 */
export function tcpdumpNotificationLine(length: number, n: BgpNotification): string {
  let s = `\tNotification Message (3), length: ${length}, ${n.codeName} (${n.code})`;
  s += n.code === 7 ? " " : ", ";
  s += `subcode ${subName(n.code, n.subcode, n.subcodeName)} (${n.subcode})`;
  const sc = n.shutdown;
  if (sc && sc.status !== "absent") {
    let rest = "";
    if (sc.status === "invalid-length") {
      s += ", invalid Shutdown Communication length";
      rest = sc.rawHex;
    } else if (sc.status === "empty") {
      s += ", empty Shutdown Communication";
      rest = sc.trailingHex;
    } else {
      s += `, Shutdown Communication (length: ${sc.length}): "${sc.text ?? ""}"`;
      rest = sc.trailingHex;
    }
    if (rest.length > 0) s += `, Data: (length: ${rest.length / 2})${hexDump(rest)}`;
  }
  const inner = n.hardReset?.inner;
  if (inner)
    s += `, ${inner.codeName} (${inner.code}), subcode ${subName(inner.code, inner.subcode, inner.subcodeName)} (${inner.subcode})`;
  return s;
}

/** Splits tcpdump -v output into packets: the tab-indented decode lines of each packet, joined. */
export function tcpdumpPackets(out: string): string[] {
  const packets: string[][] = [];
  for (const line of out.split("\n")) {
    if (/^\s+\d+\s+\d{4}-/.test(line)) packets.push([]);
    else if (line.startsWith("\t")) packets[packets.length - 1]?.push(line);
  }
  return packets.map((p) => p.join("\n"));
}
