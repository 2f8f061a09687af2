// RFC 5354 parameters: TLV walk with padding and the unknown-parameter action bits (§3), and the
// value of every parameter type. Nested parameters (addresses in transports, transports and policy
// in a pool element) are walked with the set of types allowed there, so nesting depth is fixed.

import { handleText, ipv4Text, ipv6Text, toHex, u16, u32 } from "./bytes";
import { fail } from "./errors";
import { decodePolicy, type Policy } from "./policy";

export const PARAM = {
  ipv4: 0x1,
  ipv6: 0x2,
  dccp: 0x3,
  sctp: 0x4,
  tcp: 0x5,
  udp: 0x6,
  udpLite: 0x7,
  policy: 0x8,
  poolHandle: 0x9,
  poolElement: 0xa,
  serverInformation: 0xb,
  operationError: 0xc,
  cookie: 0xd,
  peIdentifier: 0xe,
  peChecksum: 0xf,
  handleResolutionOption: 0x803f,
} as const;

export const PARAM_NAMES: Readonly<Record<number, string>> = {
  1: "IPv4 Address",
  2: "IPv6 Address",
  3: "DCCP Transport",
  4: "SCTP Transport",
  5: "TCP Transport",
  6: "UDP Transport",
  7: "UDP-Lite Transport",
  8: "Pool Member Selection Policy",
  9: "Pool Handle",
  10: "Pool Element",
  11: "Server Information",
  12: "Operation Error",
  13: "Cookie",
  14: "PE Identifier",
  15: "PE Checksum",
  32831: "Handle Resolution Option",
};

export const CAUSE_NAMES: Readonly<Record<number, string>> = {
  0: "Unspecified",
  1: "Unrecognized parameter",
  2: "Unrecognized message",
  3: "Invalid values",
  4: "Non-unique PE identifier",
  5: "Pooling policy inconsistent",
  6: "Lack of resources",
  7: "Inconsistent transport type",
  8: "Inconsistent data/control type",
  9: "Unknown pool handle",
  10: "Rejected due to security considerations",
};

export type TransportKind = "sctp" | "tcp" | "udp" | "udp-lite" | "dccp";
export interface Transport {
  kind: TransportKind;
  port: number;
  /** SCTP and TCP: 0 data only, 1 data plus control (RFC 5354 §3.3). */
  transportUse?: number;
  /** DCCP only. */
  serviceCode?: number;
  addresses: string[];
}
export interface PoolElement {
  id: number;
  homeRegistrar: number;
  /** Milliseconds; signed on the wire (RFC 5354 §3.7: 0xffffffff = infinite, shown as -1). */
  registrationLife: number;
  userTransport?: Transport;
  policy?: Policy;
  asapTransport?: Transport;
}
export interface ErrorCause {
  code: number;
  name: string;
  info: string;
}
/** An unrecognised parameter and what its two high type bits tell a receiver to do (RFC 5354 §3). */
export interface UnknownParam {
  type: number;
  action: "stop" | "stop-report" | "skip" | "skip-report";
  offset: number;
  value: string;
}

export type Param =
  | { kind: "ipv4"; address: string }
  | { kind: "ipv6"; address: string }
  | { kind: "transport"; transport: Transport }
  | { kind: "policy"; policy: Policy }
  | { kind: "poolHandle"; handle: string; text: string }
  | { kind: "poolElement"; pe: PoolElement }
  | { kind: "serverInformation"; id: number; transports: Transport[] }
  | { kind: "operationError"; causes: ErrorCause[] }
  | { kind: "cookie"; cookie: string }
  | { kind: "peIdentifier"; id: number }
  | { kind: "peChecksum"; checksum: number }
  | { kind: "handleResolutionOption"; items: number };

export interface ParamList {
  params: Param[];
  unknown: UnknownParam[];
  /** True when an unknown parameter with action 00/01 stopped the walk (the rest was not read). */
  stopped: boolean;
}

const ACTIONS = ["stop", "stop-report", "skip", "skip-report"] as const;
const ADDRESSES: ReadonlySet<number> = new Set([PARAM.ipv4, PARAM.ipv6]);
const TRANSPORTS: ReadonlySet<number> = new Set([
  PARAM.dccp,
  PARAM.sctp,
  PARAM.tcp,
  PARAM.udp,
  PARAM.udpLite,
]);
const PE_PARTS: ReadonlySet<number> = new Set([...TRANSPORTS, PARAM.policy]);
/** Types a message may carry at its top level. */
export const TOP_LEVEL: ReadonlySet<number> = new Set([
  ...TRANSPORTS,
  PARAM.policy,
  PARAM.poolHandle,
  PARAM.poolElement,
  PARAM.serverInformation,
  PARAM.operationError,
  PARAM.cookie,
  PARAM.peIdentifier,
  PARAM.peChecksum,
  PARAM.handleResolutionOption,
]);

/**
 * Walks the TLVs in b[o..end). `base` is the absolute offset of b[0] in what the caller was given,
 * so errors point at the right byte. Padding must be zero; the last parameter may omit it.
 */
export function decodeParams(
  b: Uint8Array,
  o: number,
  end: number,
  base: number,
  allowed: ReadonlySet<number>,
  where: string,
): ParamList {
  const out: ParamList = { params: [], unknown: [], stopped: false };
  while (o < end) {
    if (end - o < 4)
      fail("truncated", base + o, `${where} parameter header`, `needs 4 bytes, ${end - o} left`);
    const type = u16(b, o);
    const len = u16(b, o + 2);
    if (len < 4)
      fail("length", base + o + 2, `${where} parameter 0x${type.toString(16)} length`, `${len} is below 4`);
    if (o + len > end)
      fail(
        "length",
        base + o + 2,
        `${where} parameter 0x${type.toString(16)} length`,
        `${len} overruns by ${o + len - end}`,
      );
    const padded = Math.min(o + ((len + 3) & ~3), end);
    for (let i = o + len; i < padded; i++)
      if (b[i] !== 0)
        fail("padding", base + i, `${where} parameter 0x${type.toString(16)} padding`, "not zero");
    const known = PARAM_NAMES[type] !== undefined;
    if (!known) {
      const action = ACTIONS[type >>> 14] as UnknownParam["action"];
      out.unknown.push({ type, action, offset: base + o, value: toHex(b.subarray(o + 4, o + len)) });
      if (action === "stop" || action === "stop-report") {
        out.stopped = true;
        return out;
      }
    } else {
      if (!allowed.has(type))
        fail(
          "type",
          base + o,
          `${where} parameter`,
          `${PARAM_NAMES[type]} (0x${type.toString(16)}) is not allowed here`,
        );
      out.params.push(decodeParam(b, o, len, base, type));
    }
    o = padded;
  }
  return out;
}

function fixed(len: number, want: number, base: number, o: number, type: number): void {
  if (len !== want)
    fail("length", base + o + 2, `${PARAM_NAMES[type]} length`, `must be ${want}, got ${len}`);
}

function decodeParam(b: Uint8Array, o: number, len: number, base: number, type: number): Param {
  const v = o + 4;
  const end = o + len;
  switch (type) {
    case PARAM.ipv4:
      fixed(len, 8, base, o, type);
      return { kind: "ipv4", address: ipv4Text(b, v) };
    case PARAM.ipv6:
      fixed(len, 20, base, o, type);
      return { kind: "ipv6", address: ipv6Text(b, v) };
    case PARAM.dccp:
    case PARAM.sctp:
    case PARAM.tcp:
    case PARAM.udp:
    case PARAM.udpLite:
      return { kind: "transport", transport: decodeTransport(b, o, len, base, type) };
    case PARAM.policy:
      return { kind: "policy", policy: decodePolicy(b, v, end, base) };
    case PARAM.poolHandle: {
      const h = b.subarray(v, end);
      return { kind: "poolHandle", handle: toHex(h), text: handleText(h) };
    }
    case PARAM.poolElement:
      return { kind: "poolElement", pe: decodePoolElement(b, o, len, base) };
    case PARAM.serverInformation: {
      if (len < 8) fail("length", base + o + 2, "Server Information length", `at least 8, got ${len}`);
      const list = decodeParams(b, v + 4, end, base, TRANSPORTS, "Server Information");
      return {
        kind: "serverInformation",
        id: u32(b, v),
        transports: list.params.flatMap((p) => (p.kind === "transport" ? [p.transport] : [])),
      };
    }
    case PARAM.operationError:
      return { kind: "operationError", causes: decodeCauses(b, v, end, base) };
    case PARAM.cookie:
      return { kind: "cookie", cookie: toHex(b.subarray(v, end)) };
    case PARAM.peIdentifier:
      fixed(len, 8, base, o, type);
      return { kind: "peIdentifier", id: u32(b, v) };
    case PARAM.peChecksum:
      fixed(len, 6, base, o, type);
      return { kind: "peChecksum", checksum: u16(b, v) };
    default:
      fixed(len, 8, base, o, type);
      return { kind: "handleResolutionOption", items: u32(b, v) };
  }
}

const TRANSPORT_KIND: Readonly<Record<number, TransportKind>> = {
  [PARAM.dccp]: "dccp",
  [PARAM.sctp]: "sctp",
  [PARAM.tcp]: "tcp",
  [PARAM.udp]: "udp",
  [PARAM.udpLite]: "udp-lite",
};

function decodeTransport(b: Uint8Array, o: number, len: number, base: number, type: number): Transport {
  const kind = TRANSPORT_KIND[type] as TransportKind;
  const head = kind === "dccp" ? 12 : 8;
  if (len < head) fail("length", base + o + 2, `${PARAM_NAMES[type]} length`, `at least ${head}, got ${len}`);
  const t: Transport = { kind, port: u16(b, o + 4), addresses: [] };
  if (kind === "sctp" || kind === "tcp") t.transportUse = u16(b, o + 6);
  if (kind === "dccp") t.serviceCode = u32(b, o + 8);
  const list = decodeParams(b, o + head, o + len, base, ADDRESSES, PARAM_NAMES[type] as string);
  for (const p of list.params) if (p.kind === "ipv4" || p.kind === "ipv6") t.addresses.push(p.address);
  // SCTP is multi-homed; the others carry exactly one address (RFC 5354 §3.3-3.6).
  if (!list.stopped && (kind === "sctp" ? t.addresses.length < 1 : t.addresses.length !== 1))
    fail("value", base + o, PARAM_NAMES[type] as string, `${t.addresses.length} addresses`);
  return t;
}

function decodePoolElement(b: Uint8Array, o: number, len: number, base: number): PoolElement {
  if (len < 16) fail("length", base + o + 2, "Pool Element length", `at least 16, got ${len}`);
  const life = u32(b, o + 12);
  const pe: PoolElement = { id: u32(b, o + 4), homeRegistrar: u32(b, o + 8), registrationLife: life | 0 };
  const list = decodeParams(b, o + 16, o + len, base, PE_PARTS, "Pool Element");
  // The user transport comes before the policy and the ASAP transport after it (RFC 5354 §3.7).
  let seenPolicy = false;
  for (const p of list.params) {
    if (p.kind === "policy") {
      if (seenPolicy) fail("value", base + o, "Pool Element", "two selection policies");
      pe.policy = p.policy;
      seenPolicy = true;
    } else if (p.kind === "transport") {
      if (!seenPolicy && !pe.userTransport) pe.userTransport = p.transport;
      else if (seenPolicy && !pe.asapTransport) pe.asapTransport = p.transport;
      else fail("value", base + o, "Pool Element", "unexpected extra transport parameter");
    }
  }
  if (!list.stopped && !pe.policy) fail("value", base + o, "Pool Element", "no member selection policy");
  return pe;
}

function decodeCauses(b: Uint8Array, o: number, end: number, base: number): ErrorCause[] {
  const out: ErrorCause[] = [];
  while (o < end) {
    if (end - o < 4) fail("truncated", base + o, "error cause header", `needs 4 bytes, ${end - o} left`);
    const code = u16(b, o);
    const len = u16(b, o + 2);
    if (len < 4 || o + len > end) fail("length", base + o + 2, "error cause length", `${len} does not fit`);
    out.push({
      code,
      name: CAUSE_NAMES[code] ?? `Unknown cause 0x${code.toString(16)}`,
      info: toHex(b.subarray(o + 4, o + len)),
    });
    const padded = Math.min(o + ((len + 3) & ~3), end);
    for (let i = o + len; i < padded; i++)
      if (b[i] !== 0) fail("padding", base + i, "error cause padding", "not zero");
    o = padded;
  }
  return out;
}
