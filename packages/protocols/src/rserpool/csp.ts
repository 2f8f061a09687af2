// rsplib's Component Status Protocol (componentstatuspackets.h; UDP port 2960): big-endian, one
// ComponentStatus Report per datagram. Layout: Type 0x01, Flags (bit 0 final), Length, Version
// 0x00000200, SenderID (64 bits: group in the top octet, object below), SenderTimeStamp (µs, the
// component's uptime clock), ReportInterval (µs, 32 bits), Location[128], Status[128], Workload
// (0xffff none, else /0xfffe), association count, then 24 octets per association.

import { u16, u32, u8, Writer } from "./bytes";
import { fail } from "./errors";

export const CSP_PORT = 2960;
export const CSP_VERSION = 0x0200;
const FIXED = 288;
const ASSOC = 24;
export const CSP_GROUPS: Readonly<Record<number, string>> = {
  0: "Unknown",
  1: "Registrar",
  2: "Pool Element",
  3: "Pool User",
};

export interface CspAssociation {
  receiverId: string;
  receiverGroup: number;
  /** µs; null when rsplib says unknown (all ones). */
  durationUs: number | null;
  flags: number;
  protocolId: number;
  ppid: number;
}
export interface CspReport {
  type: number;
  flags: number;
  final: boolean;
  length: number;
  version: number;
  /** 64-bit id as 16 hex digits (precision beyond 2^53 matters). */
  senderId: string;
  group: number;
  groupName: string;
  /** Lower 56 bits as hex. */
  object: string;
  timestampUs: number;
  reportIntervalUs: number;
  location: string;
  status: string;
  /** 0..1, or null when not provided (0xffff). */
  workload: number | null;
  associations: CspAssociation[];
}

const latin1 = new TextDecoder("utf-8", { fatal: false });
function cString(b: Uint8Array, o: number, n: number): string {
  let end = o;
  while (end < o + n && b[end] !== 0) end++;
  return latin1.decode(b.subarray(o, end));
}
const hex8 = (n: number): string => n.toString(16).padStart(8, "0");
/** 64-bit id as 16 hex digits from its two 32-bit halves (BigInt is slow on the hot path). */
const hex64at = (b: Uint8Array, o: number): string => hex8(u32(b, o)) + hex8(u32(b, o + 4));

/** Decodes one report; the association count must match the length (a flood of bogus ones is refused). */
export function decodeCsp(b: Uint8Array, base = 0): CspReport {
  if (b.length === 0) fail("empty", base, "CSP report", "empty payload (no message)");
  if (b.length < FIXED) fail("truncated", base, "CSP report", `needs ${FIXED} bytes, got ${b.length}`);
  const type = u8(b, 0);
  if (type !== 1) fail("type", base, "CSP type", `${type} is not a ComponentStatus Report (1)`);
  const version = u32(b, 4);
  if (version !== CSP_VERSION)
    fail("value", base + 4, "CSP version", `0x${version.toString(16)}, want 0x0200`);
  const length = u16(b, 2);
  if (length !== b.length)
    fail("length", base + 2, "CSP length", `says ${length}, datagram has ${b.length} bytes`);
  const count = u16(b, 286);
  if (FIXED + count * ASSOC !== length)
    fail(
      "length",
      base + 286,
      "CSP associations",
      `${count} associations need ${FIXED + count * ASSOC} bytes, length is ${length}`,
    );
  const group = b[8] as number;
  const senderId = hex64at(b, 8);
  const w = u16(b, 284);
  const associations: CspAssociation[] = [];
  for (let i = 0, o = FIXED; i < count; i++, o += ASSOC) {
    const hi = u32(b, o + 8);
    const lo = u32(b, o + 12);
    associations.push({
      receiverId: hex64at(b, o),
      receiverGroup: b[o] as number,
      durationUs: hi === 0xffffffff && lo === 0xffffffff ? null : hi * 0x100000000 + lo,
      flags: u16(b, o + 16),
      protocolId: u16(b, o + 18),
      ppid: u32(b, o + 20),
    });
  }
  return {
    type,
    flags: u8(b, 1),
    final: (u8(b, 1) & 1) !== 0,
    length,
    version,
    senderId,
    group,
    groupName: CSP_GROUPS[group] ?? "Unknown",
    object: `00${senderId.slice(2)}`,
    timestampUs: u32(b, 16) * 0x100000000 + u32(b, 20),
    reportIntervalUs: u32(b, 24),
    location: cString(b, 28, 128),
    status: cString(b, 156, 128),
    workload: w === 0xffff ? null : w / 0xfffe,
    associations,
  };
}

export interface CspInput {
  senderId: bigint;
  timestampUs: number;
  reportIntervalUs: number;
  location: string;
  status: string;
  workload: number | null;
  final?: boolean;
  associations: {
    receiverId: bigint;
    durationUs: number | null;
    flags?: number;
    protocolId: number;
    ppid: number;
  }[];
}

function fixedText(w: Writer, s: string, n: number): void {
  const bytes = new TextEncoder().encode(s).subarray(0, n - 1);
  w.bytes(bytes).zeros(n - bytes.length);
}

export function encodeCsp(r: CspInput): Uint8Array {
  const w = new Writer()
    .u8(1)
    .u8(r.final ? 1 : 0)
    .u16(0)
    .u32(CSP_VERSION)
    .u64(r.senderId)
    .u64(BigInt(r.timestampUs));
  w.u32(r.reportIntervalUs);
  fixedText(w, r.location, 128);
  fixedText(w, r.status, 128);
  w.u16(r.workload === null ? 0xffff : Math.round(Math.min(1, Math.max(0, r.workload)) * 0xfffe));
  w.u16(r.associations.length);
  for (const a of r.associations) {
    w.u64(a.receiverId);
    w.u64(a.durationUs === null ? 0xffffffffffffffffn : BigInt(a.durationUs));
    w.u16(a.flags ?? 0)
      .u16(a.protocolId)
      .u32(a.ppid);
  }
  w.setU16(2, w.length);
  return w.done();
}
