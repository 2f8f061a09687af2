// BGP Monitoring Protocol v3 (RFC 7854) message decoding, one complete message at a time.
// Extensions known: Loc-RIB peer type and Peer Down reason 6 (RFC 9069), O flag / Adj-RIB-Out stats (RFC 8671).
import {
  decodeUtf8Lenient,
  decodeUtf8Strict,
  fromHex,
  hex32,
  ipv4,
  ipv6,
  toHex,
  u16,
  u32,
  u64,
} from "./bytes";
import { BgpMessageType } from "./codes";
import { decodeBgpMessage } from "./header";
import { type BgpNotification, decodeNotificationBodyHex } from "./notification";
import { type BgpOpen, decodeOpenBody } from "./open";
import { type DecodeError, type Result, decodeError, fail, ok } from "./result";
import {
  BMP_VERSION,
  BMP_COMMON_HEADER_LENGTH,
  BMP_PER_PEER_HEADER_LENGTH,
  BmpMessageType,
  BMP_MESSAGE_TYPE_NAMES,
  BMP_PEER_TYPE_NAMES,
  BMP_PEER_DOWN_REASONS,
  BMP_TERMINATION_REASONS,
  BMP_STAT_NAMES,
} from "./bmp-codes";

// bmp-codes holds only these constants: re-export them all.
export * from "./bmp-codes";

export interface BmpCommonHeader {
  version: number;
  length: number;
  type: number;
}

export interface BmpPeerHeader {
  peerType: number;
  peerTypeName: string | undefined;
  flags: number;
  /** V: peer address is IPv6. */
  ipv6: boolean;
  /** L: post-policy Adj-RIB-In. */
  postPolicy: boolean;
  /** A: legacy 2-octet AS_PATH format. */
  twoOctetAsPath: boolean;
  /** O: Adj-RIB-Out (RFC 8671). */
  adjRibOut: boolean;
  /** F: Loc-RIB is filtered (RFC 9069, peer type 3 only; same bit as V). */
  locRibFiltered: boolean;
  distinguisherHex: string;
  /** Route Distinguisher text (type 0/1/2) for RD Instance peers. */
  distinguisher: string | undefined;
  address: string;
  asn: number;
  bgpId: string;
  timestampSeconds: number;
  timestampMicroseconds: number;
}

export interface BmpTlv {
  type: number;
  length: number;
  valueHex: string;
  /** UTF-8 text when the value is valid UTF-8 (string-typed TLVs). */
  text: string | undefined;
}

export interface BmpStat {
  type: number;
  name: string | undefined;
  length: number;
  /** Counter (32-bit) or gauge (64-bit) value; undefined for unrecognised layouts. */
  value: number | undefined;
  /** False if a 64-bit gauge exceeded 2^53. */
  exact: boolean;
  afi?: number;
  safi?: number;
  valueHex: string;
}

export type BmpFinding =
  | "truncated-tlv"
  | "stats-count-mismatch"
  | "peer-down-missing-data"
  | "peer-down-bad-pdu"
  | "peer-down-unexpected-data"
  | "peer-up-bad-open"
  | "unknown-peer-down-reason"
  | "local-address-family-mismatch";

interface BmpBase {
  header: BmpCommonHeader;
  typeName: string;
  findings: BmpFinding[];
}

export interface BmpRouteMonitoring extends BmpBase {
  kind: "route-monitoring";
  peer: BmpPeerHeader;
  /** Octets of BGP data after the per-peer header (counted, not decoded). */
  bgpDataLength: number;
}

export interface BmpRouteMirroring extends BmpBase {
  kind: "route-mirroring";
  peer: BmpPeerHeader;
  dataLength: number;
}

export interface BmpStatisticsReport extends BmpBase {
  kind: "statistics-report";
  peer: BmpPeerHeader;
  count: number;
  stats: BmpStat[];
}

export interface BmpPeerDown extends BmpBase {
  kind: "peer-down";
  peer: BmpPeerHeader;
  reason: number;
  reasonName: string | undefined;
  /** Reasons 1 and 3. */
  notification: BgpNotification | undefined;
  /** Reason 2. */
  fsmEventCode: number | undefined;
  /** Reason 6. */
  tlvs: BmpTlv[];
  dataHex: string;
}

export interface BmpOpenSummary {
  ok: boolean;
  open: BgpOpen | undefined;
  error: DecodeError | undefined;
}

export interface BmpPeerUp extends BmpBase {
  kind: "peer-up";
  peer: BmpPeerHeader;
  localAddress: string;
  localPort: number;
  remotePort: number;
  sentOpen: BmpOpenSummary;
  receivedOpen: BmpOpenSummary;
  information: BmpTlv[];
}

export interface BmpInitiation extends BmpBase {
  kind: "initiation";
  tlvs: BmpTlv[];
  sysDescr: string | undefined;
  sysName: string | undefined;
  strings: string[];
}

export interface BmpTermination extends BmpBase {
  kind: "termination";
  tlvs: BmpTlv[];
  reason: number | undefined;
  reasonName: string | undefined;
  strings: string[];
}

export type BmpMessage =
  | BmpRouteMonitoring
  | BmpRouteMirroring
  | BmpStatisticsReport
  | BmpPeerDown
  | BmpPeerUp
  | BmpInitiation
  | BmpTermination;

export function decodeBmpCommonHeader(buf: Uint8Array): Result<BmpCommonHeader, DecodeError> {
  if (buf.length < BMP_COMMON_HEADER_LENGTH) {
    return fail(decodeError("truncated", `BMP common header needs 6 octets, have ${buf.length}`, 0));
  }
  const version = buf[0] ?? 0;
  if (version !== BMP_VERSION)
    return fail(decodeError("bad-version", `BMP version ${version}, expected 3`, 0));
  const length = u32(buf, 1);
  const type = buf[5] ?? 0;
  if (length < BMP_COMMON_HEADER_LENGTH) {
    return fail(decodeError("bad-length", `BMP length ${length} is shorter than the common header`, 1));
  }
  return ok({ version, length, type });
}

function formatRd(b: Uint8Array, o: number): string | undefined {
  const t = u16(b, o);
  if (t === 0) return `${u16(b, o + 2)}:${u32(b, o + 4)}`;
  if (t === 1) return `${ipv4(b, o + 2)}:${u16(b, o + 6)}`;
  if (t === 2) return `${u32(b, o + 2)}:${u16(b, o + 6)}`;
  return undefined;
}

const ZERO_RD_HEX = "0000000000000000";

function distinguisherHex(hi: number, lo: number): string {
  // Global Instance peers (the usual case) carry an all-zero distinguisher.
  return hi === 0 && lo === 0 ? ZERO_RD_HEX : hex32(hi) + hex32(lo);
}

/**
 * Text of the IPv4 address at `b[o]`, from a small cache: a collector sees the same few peers
 * and BGP identifiers in message after message, so most look-ups skip formatting and a string.
 */
const ipv4Text = new Map<number, string>();
function cachedIpv4(b: Uint8Array, o: number): string {
  const key = u32(b, o);
  let t = ipv4Text.get(key);
  if (t === undefined) {
    // Bounded: a stream of ever new addresses only ever refills it.
    if (ipv4Text.size >= 4096) ipv4Text.clear();
    t = ipv4(b, o);
    ipv4Text.set(key, t);
  }
  return t;
}

function address16(b: Uint8Array, o: number, v6: boolean): string {
  return v6 ? ipv6(b, o) : cachedIpv4(b, o + 12);
}

export function decodeBmpPeerHeader(buf: Uint8Array, offset = 0): Result<BmpPeerHeader, DecodeError> {
  if (buf.length - offset < BMP_PER_PEER_HEADER_LENGTH) {
    return fail(decodeError("truncated", "per-peer header needs 42 octets", offset));
  }
  return ok(peerHeaderAt(buf, offset));
}

/**
 * The per-peer header at `offset`; the caller has checked that 42 octets are there. No Result
 * wrapper and no view of the distinguisher unless it is shown: this runs for every message.
 */
function peerHeaderAt(buf: Uint8Array, offset: number): BmpPeerHeader {
  const peerType = buf[offset] ?? 0;
  const flags = buf[offset + 1] ?? 0;
  const locRib = peerType === 3;
  const v6 = !locRib && (flags & 0x80) !== 0;
  return {
    peerType,
    peerTypeName: BMP_PEER_TYPE_NAMES[peerType],
    flags,
    ipv6: v6,
    postPolicy: !locRib && (flags & 0x40) !== 0,
    twoOctetAsPath: !locRib && (flags & 0x20) !== 0,
    adjRibOut: !locRib && (flags & 0x10) !== 0,
    locRibFiltered: locRib && (flags & 0x80) !== 0,
    distinguisherHex: distinguisherHex(u32(buf, offset + 2), u32(buf, offset + 6)),
    distinguisher: peerType === 1 ? formatRd(buf, offset + 2) : undefined,
    address: address16(buf, offset + 10, v6),
    asn: u32(buf, offset + 26),
    bgpId: cachedIpv4(buf, offset + 30),
    timestampSeconds: u32(buf, offset + 34),
    timestampMicroseconds: u32(buf, offset + 38),
  };
}

/**
 * Walks type (2) / length (2) / value TLVs from offset `p` (RFC 7854 §4.4, and the stats of §4.8),
 * bounded by the data: a TLV cut short is a "truncated-tlv" finding and ends the walk.
 */
function eachTlv(
  b: Uint8Array,
  p: number,
  findings: BmpFinding[],
  f: (type: number, length: number, v: Uint8Array) => void,
): void {
  while (p < b.length) {
    if (p + 4 > b.length) {
      findings.push("truncated-tlv");
      break;
    }
    const type = u16(b, p);
    const length = u16(b, p + 2);
    if (p + 4 + length > b.length) {
      findings.push("truncated-tlv");
      break;
    }
    f(type, length, b.subarray(p + 4, p + 4 + length));
    p += 4 + length;
  }
}

function decodeTlvs(b: Uint8Array, findings: BmpFinding[]): BmpTlv[] {
  const out: BmpTlv[] = [];
  eachTlv(b, 0, findings, (type, length, v) => {
    out.push({ type, length, valueHex: toHex(v), text: decodeUtf8Strict(v) });
  });
  return out;
}

function decodeStats(b: Uint8Array, findings: BmpFinding[]): { count: number; stats: BmpStat[] } {
  if (b.length < 4) {
    findings.push("truncated-tlv");
    return { count: 0, stats: [] };
  }
  const count = u32(b, 0);
  const stats: BmpStat[] = [];
  // Bounded by the data, never by the (untrusted) count.
  eachTlv(b, 4, findings, (type, length, v) => {
    const stat: BmpStat = {
      type,
      name: BMP_STAT_NAMES[type],
      length,
      value: undefined,
      exact: true,
      valueHex: toHex(v),
    };
    if (length === 4) stat.value = u32(v, 0);
    else if (length === 8) {
      const g = u64(v, 0);
      stat.value = g.value;
      stat.exact = g.exact;
    } else if (length === 11) {
      // Per-AFI/SAFI gauges: AFI (2), SAFI (1), gauge (8).
      stat.afi = u16(v, 0);
      stat.safi = v[2] ?? 0;
      const g = u64(v, 3);
      stat.value = g.value;
      stat.exact = g.exact;
    }
    stats.push(stat);
  });
  if (stats.length !== count) findings.push("stats-count-mismatch");
  return { count, stats };
}

const EXTENDED = { extendedMessages: true } as const;

/**
 * Length of the NOTIFICATION PDU at the start of `b`, or -1 when decodeBgpMessage(b, EXTENDED) would
 * fail or find another type. Same checks, without its result objects (this runs for every Peer Down).
 */
function notificationEnd(b: Uint8Array): number {
  if (b.length < 19) return -1;
  for (let i = 0; i < 16; i++) if (b[i] !== 0xff) return -1;
  const length = u16(b, 16);
  // NOTIFICATION minimum is 21 (RFC 4271 §4.5); RFC 8654 allows up to 65535.
  if (b[18] !== BgpMessageType.Notification || length < 21 || length > b.length) return -1;
  return length;
}

function decodeEmbeddedOpen(b: Uint8Array): { summary: BmpOpenSummary; length: number } {
  const m = decodeBgpMessage(b, EXTENDED);
  if (!m.ok) return { summary: { ok: false, open: undefined, error: m.error }, length: b.length };
  if (m.value.header.type !== BgpMessageType.Open) {
    return {
      summary: { ok: false, open: undefined, error: decodeError("bad-type", "expected OPEN") },
      length: m.value.header.length,
    };
  }
  const o = decodeOpenBody(m.value.body);
  return {
    summary: o.ok
      ? { ok: true, open: o.value, error: undefined }
      : { ok: false, open: undefined, error: o.error },
    length: m.value.header.length,
  };
}

/**
 * Decodes one BMP message. `buf` must start at the common header and hold at least `length` octets;
 * anything after the message is ignored.
 */
export function decodeBmpMessage(input: Uint8Array): Result<BmpMessage, DecodeError> {
  // A plain view: Node's Buffer#subarray is a JS-level wrapper, dearer for each of the views below.
  const buf =
    input.constructor === Uint8Array
      ? input
      : new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  return decodeBmpMessageAt(buf, 0);
}

/**
 * As decodeBmpMessage, for the message at `start` in `buf` (a stream reader's chunk), without a
 * view of the frame; error offsets are relative to `start`.
 */
export function decodeBmpMessageAt(buf: Uint8Array, start: number): Result<BmpMessage, DecodeError> {
  const have = buf.length - start;
  // The checks of decodeBmpCommonHeader inline (no Result per message); it words the errors.
  const length = have >= BMP_COMMON_HEADER_LENGTH ? u32(buf, start + 1) : 0;
  if (length < BMP_COMMON_HEADER_LENGTH || buf[start] !== BMP_VERSION) {
    const h = decodeBmpCommonHeader(buf.subarray(start));
    if (!h.ok) return h;
  }
  const header: BmpCommonHeader = { version: BMP_VERSION, length, type: buf[start + 5]! };
  if (have < length) {
    return fail(decodeError("truncated", `BMP message says ${length} octets, have ${have}`, 1));
  }
  const typeName = BMP_MESSAGE_TYPE_NAMES[header.type];
  if (typeName === undefined)
    return fail(decodeError("bad-type", `unknown BMP message type ${header.type}`, 5));
  const findings: BmpFinding[] = [];
  // The message a collector sees most: decoded from offsets into `buf`, without views of the frame.
  if (header.type === BmpMessageType.PeerDown) {
    if (length < 6 + BMP_PER_PEER_HEADER_LENGTH) {
      return fail(decodeError("truncated", "per-peer header needs 42 octets", 6));
    }
    const peer = peerHeaderAt(buf, start + 6);
    return ok(decodePeerDown(header, typeName, findings, peer, buf, start, start + length));
  }
  const msg = start === 0 && have === length ? buf : buf.subarray(start, start + length);
  const base = { header, typeName, findings };

  if (header.type === BmpMessageType.Initiation || header.type === BmpMessageType.Termination) {
    const tlvs = decodeTlvs(msg.subarray(6), findings);
    const strings = tlvs
      .filter((t) => t.type === 0)
      .map((t) => t.text ?? decodeUtf8Lenient(fromHex(t.valueHex) ?? new Uint8Array(0)));
    if (header.type === BmpMessageType.Initiation) {
      return ok({
        header: base.header,
        typeName: base.typeName,
        findings: base.findings,
        kind: "initiation",
        tlvs,
        sysDescr: tlvs.find((t) => t.type === 1)?.text,
        sysName: tlvs.find((t) => t.type === 2)?.text,
        strings,
      });
    }
    const r = tlvs.find((t) => t.type === 1 && t.length === 2);
    const reason = r ? Number.parseInt(r.valueHex, 16) : undefined;
    return ok({
      header: base.header,
      typeName: base.typeName,
      findings: base.findings,
      kind: "termination",
      tlvs,
      reason,
      reasonName: reason === undefined ? undefined : BMP_TERMINATION_REASONS[reason],
      strings,
    });
  }

  if (msg.length < 6 + BMP_PER_PEER_HEADER_LENGTH) {
    return fail(decodeError("truncated", "per-peer header needs 42 octets", 6));
  }
  const peer = peerHeaderAt(msg, 6);
  const rest = msg.subarray(6 + BMP_PER_PEER_HEADER_LENGTH);

  switch (header.type) {
    case BmpMessageType.RouteMonitoring:
      return ok({ header, typeName, findings, kind: "route-monitoring", peer, bgpDataLength: rest.length });
    case BmpMessageType.RouteMirroring:
      return ok({ header, typeName, findings, kind: "route-mirroring", peer, dataLength: rest.length });
    case BmpMessageType.StatisticsReport: {
      const s = decodeStats(rest, findings);
      return ok({
        header,
        typeName,
        findings,
        kind: "statistics-report",
        peer,
        count: s.count,
        stats: s.stats,
      });
    }
    default:
      return decodePeerUp(base, peer, rest);
  }
}

/** Peer Down in `buf[start, end)`: the reason octet follows the per-peer header (offset 48). */
function decodePeerDown(
  header: BmpCommonHeader,
  typeName: string,
  findings: BmpFinding[],
  peer: BmpPeerHeader,
  buf: Uint8Array,
  start: number,
  end: number,
): BmpPeerDown {
  const at = start + BMP_COMMON_HEADER_LENGTH + BMP_PER_PEER_HEADER_LENGTH;
  // No reason octet: reason 0 (not a reason, so no name), no data.
  const reason = at < end ? buf[at]! : 0;
  const data = buf.subarray(Math.min(at + 1, end), end);
  let notification: BgpNotification | undefined;
  let fsmEventCode: number | undefined;
  let tlvs: BmpTlv[] = [];
  // One hex string for the whole data; the NOTIFICATION's hex fields are slices of it.
  const dataHex = toHex(data);
  if (end <= at) {
    findings.push("peer-down-missing-data");
  } else if (reason === 1 || reason === 3) {
    const end = notificationEnd(data);
    if (end < 0) {
      findings.push(data.length === 0 ? "peer-down-missing-data" : "peer-down-bad-pdu");
    } else {
      const n = decodeNotificationBodyHex(data.subarray(19, end), dataHex.slice(38, 2 * end));
      if (n.ok) notification = n.value;
      else findings.push("peer-down-bad-pdu");
    }
  } else if (reason === 2) {
    if (data.length >= 2) fsmEventCode = u16(data, 0);
    else findings.push("peer-down-missing-data");
  } else if (reason === 4 || reason === 5) {
    if (data.length > 0) findings.push("peer-down-unexpected-data");
  } else if (reason === 6) {
    tlvs = decodeTlvs(data, findings);
  } else {
    findings.push("unknown-peer-down-reason");
  }
  return {
    header,
    typeName,
    findings,
    kind: "peer-down",
    peer,
    reason,
    reasonName: BMP_PEER_DOWN_REASONS[reason],
    notification,
    fsmEventCode,
    tlvs,
    dataHex,
  };
}

function decodePeerUp(
  base: { header: BmpCommonHeader; typeName: string; findings: BmpFinding[] },
  peer: BmpPeerHeader,
  rest: Uint8Array,
): Result<BmpMessage, DecodeError> {
  if (rest.length < 20) return fail(decodeError("truncated", "Peer Up needs local address and ports", 48));
  const findings = base.findings;
  const localZeroPrefix = rest.subarray(0, 12).every((x) => x === 0);
  // The local address family follows the peer's V flag; a v6 local address under a v4 peer is reported as-is.
  const localV6 = peer.ipv6 || !localZeroPrefix;
  if (localV6 !== peer.ipv6) findings.push("local-address-family-mismatch");
  const localAddress = address16(rest, 0, localV6);
  const localPort = u16(rest, 16);
  const remotePort = u16(rest, 18);
  let p = 20;
  const sent = decodeEmbeddedOpen(rest.subarray(p));
  if (!sent.summary.ok) findings.push("peer-up-bad-open");
  p += sent.summary.ok ? sent.length : rest.length;
  const received = decodeEmbeddedOpen(rest.subarray(Math.min(p, rest.length)));
  if (!received.summary.ok) findings.push("peer-up-bad-open");
  if (received.summary.ok) p += received.length;
  const information = p < rest.length ? decodeTlvs(rest.subarray(p), findings) : [];
  return ok({
    header: base.header,
    typeName: base.typeName,
    findings: base.findings,
    kind: "peer-up",
    peer,
    localAddress,
    localPort,
    remotePort,
    sentOpen: sent.summary,
    receivedOpen: received.summary,
    information,
  });
}
