/**
 * DNS message wire format (RFC 1035 §4) for the few messages the console exchanges: SOA and
 * AXFR queries out, their responses in. Decoding decompresses names (owners and the RDATA
 * names RFC 3597 §4 lets servers compress) and returns records in the same canonical form the
 * zone-file parser produces, so an AXFR feeds ZONEMD exactly like a file does.
 */
import { CLASS_IN, typeToText } from "./constants";
import { EncodeError, MAX_LABEL_OCTETS, MAX_NAME_OCTETS } from "./errors";
import { nameFromText } from "./names";
import type { ZoneRecord } from "./parser";
import { canonicalizeWireRdata } from "./rdata/index";
import { ByteWriter } from "./writer";

export const TYPE_TSIG = 250;
export const TYPE_AXFR = 252;
export const CLASS_ANY = 255;

export const RCODES: Readonly<Record<number, string>> = Object.freeze({
  0: "NOERROR",
  1: "FORMERR",
  2: "SERVFAIL",
  3: "NXDOMAIN",
  4: "NOTIMP",
  5: "REFUSED",
  6: "YXDOMAIN",
  7: "YXRRSET",
  8: "NXRRSET",
  9: "NOTAUTH",
  10: "NOTZONE",
  16: "BADSIG",
  17: "BADKEY",
  18: "BADTIME",
});

export function rcodeText(rcode: number): string {
  return RCODES[rcode] ?? `RCODE${rcode}`;
}

/** A malformed message; `offset` is where decoding stopped. */
export class DnsMessageError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
    this.name = "DnsMessageError";
  }
}

export interface DnsHeader {
  id: number;
  qr: boolean;
  opcode: number;
  aa: boolean;
  tc: boolean;
  rd: boolean;
  ra: boolean;
  rcode: number;
  qdcount: number;
  ancount: number;
  nscount: number;
  arcount: number;
}

export interface DnsQuestion {
  name: Uint8Array;
  type: number;
  class: number;
}

/** A TSIG RR (RFC 8945 §4.2) as found at the end of the additional section. */
export interface TsigRecord {
  keyName: Uint8Array;
  algorithm: Uint8Array;
  timeSigned: number;
  fudge: number;
  mac: Uint8Array;
  originalId: number;
  error: number;
  otherData: Uint8Array;
}

export interface DnsMessage {
  header: DnsHeader;
  questions: DnsQuestion[];
  answers: ZoneRecord[];
  authority: ZoneRecord[];
  additional: ZoneRecord[];
  tsig: TsigRecord | null;
  /** Offset of the TSIG RR (the message without it is bytes [0, tsigOffset)). */
  tsigOffset: number;
  size: number;
}

const MAX_POINTER_HOPS = 64;

/**
 * Reads a possibly compressed name at `at`. Pointers must point strictly backwards (to data
 * already seen), which rules out loops; the expanded name is capped at 255 octets.
 */
function readName(buf: Uint8Array, at: number, w: ByteWriter, lower: boolean): number {
  let p = at;
  let end = -1;
  let hops = 0;
  let total = 0;
  let floor = at;
  for (;;) {
    if (p >= buf.length) throw new DnsMessageError("name runs past the end of the message", p);
    const len = buf[p]!;
    if ((len & 0xc0) === 0xc0) {
      if (p + 1 >= buf.length) throw new DnsMessageError("truncated compression pointer", p);
      const target = ((len & 0x3f) << 8) | buf[p + 1]!;
      if (end < 0) end = p + 2;
      if (target >= floor)
        throw new DnsMessageError(`compression pointer to ${target} does not point back`, p);
      if (++hops > MAX_POINTER_HOPS) throw new DnsMessageError("too many compression pointers", p);
      floor = target;
      p = target;
      continue;
    }
    if ((len & 0xc0) !== 0) throw new DnsMessageError(`unsupported label type 0x${len.toString(16)}`, p);
    total += len + 1;
    if (total > MAX_NAME_OCTETS) throw new DnsMessageError("name longer than 255 octets", p);
    if (len === 0) {
      w.u8(0);
      return end < 0 ? p + 1 : end;
    }
    if (len > MAX_LABEL_OCTETS) throw new DnsMessageError("label longer than 63 octets", p);
    if (p + 1 + len > buf.length) throw new DnsMessageError("label runs past the end of the message", p);
    w.u8(len);
    for (let i = p + 1; i <= p + len; i++) {
      const c = buf[i]!;
      w.u8(lower && c >= 65 && c <= 90 ? c + 32 : c);
    }
    p += 1 + len;
  }
}

/**
 * RDATA layouts with embedded names that may arrive compressed (RFC 1035 types, and those
 * RFC 3597 §4 says receivers should decompress): [fixed octets before, names] steps.
 */
type Step = number | "name" | "charstrings3";
const LAYOUTS: ReadonlyMap<number, readonly Step[]> = new Map<number, readonly Step[]>([
  [2, ["name"]],
  [3, ["name"]],
  [4, ["name"]],
  [5, ["name"]],
  [7, ["name"]],
  [8, ["name"]],
  [9, ["name"]],
  [12, ["name"]],
  [39, ["name"]],
  [6, ["name", "name", 20]],
  [14, ["name", "name"]],
  [17, ["name", "name"]],
  [15, [2, "name"]],
  [18, [2, "name"]],
  [21, [2, "name"]],
  [36, [2, "name"]],
  [26, [2, "name", "name"]],
  [33, [6, "name"]],
  [35, [4, "charstrings3", "name"]],
  [24, [18, "name"]],
  [46, [18, "name"]],
  [47, ["name"]],
]);

function readRdata(buf: Uint8Array, at: number, rdlen: number, type: number, w: ByteWriter): void {
  const end = at + rdlen;
  const layout = LAYOUTS.get(type);
  if (layout === undefined) {
    w.bytes(buf.subarray(at, end));
    return;
  }
  let p = at;
  for (const step of layout) {
    if (step === "name") {
      if (p >= end) throw new DnsMessageError(`${typeToText(type)} RDATA too short`, p);
      p = readName(buf, p, w, false);
      if (p > end) throw new DnsMessageError(`${typeToText(type)} RDATA name runs past its RDLENGTH`, p);
    } else if (step === "charstrings3") {
      for (let i = 0; i < 3; i++) {
        if (p >= end) throw new DnsMessageError(`${typeToText(type)} RDATA too short`, p);
        const n = buf[p]!;
        if (p + 1 + n > end) throw new DnsMessageError(`${typeToText(type)} character-string too long`, p);
        w.bytes(buf.subarray(p, p + 1 + n));
        p += 1 + n;
      }
    } else {
      if (p + step > end) throw new DnsMessageError(`${typeToText(type)} RDATA too short`, p);
      w.bytes(buf.subarray(p, p + step));
      p += step;
    }
  }
  // Whatever follows the last name (RRSIG signature, NSEC bitmap) is copied as is.
  if (p < end) w.bytes(buf.subarray(p, end));
}

function u16(buf: Uint8Array, p: number): number {
  return (buf[p]! << 8) | buf[p + 1]!;
}
function u32(buf: Uint8Array, p: number): number {
  return ((buf[p]! << 24) | (buf[p + 1]! << 16) | (buf[p + 2]! << 8) | buf[p + 3]!) >>> 0;
}

export function decodeHeader(buf: Uint8Array): DnsHeader {
  if (buf.length < 12)
    throw new DnsMessageError(`message of ${buf.length} octets is shorter than a header`, 0);
  const f = u16(buf, 2);
  return {
    id: u16(buf, 0),
    qr: (f & 0x8000) !== 0,
    opcode: (f >> 11) & 0xf,
    aa: (f & 0x0400) !== 0,
    tc: (f & 0x0200) !== 0,
    rd: (f & 0x0100) !== 0,
    ra: (f & 0x0080) !== 0,
    rcode: f & 0xf,
    qdcount: u16(buf, 4),
    ancount: u16(buf, 6),
    nscount: u16(buf, 8),
    arcount: u16(buf, 10),
  };
}

function decodeTsig(buf: Uint8Array, keyName: Uint8Array, at: number, rdlen: number): TsigRecord {
  const end = at + rdlen;
  const w = new ByteWriter(64);
  let p = readName(buf, at, w, true);
  const algorithm = w.copy();
  if (p + 10 > end) throw new DnsMessageError("TSIG RDATA too short", p);
  const timeSigned = u16(buf, p) * 2 ** 32 + u32(buf, p + 2);
  const fudge = u16(buf, p + 6);
  const macLen = u16(buf, p + 8);
  p += 10;
  if (p + macLen + 6 > end) throw new DnsMessageError("TSIG MAC runs past its RDATA", p);
  const mac = buf.slice(p, p + macLen);
  p += macLen;
  const originalId = u16(buf, p);
  const error = u16(buf, p + 2);
  const otherLen = u16(buf, p + 4);
  p += 6;
  if (p + otherLen !== end) throw new DnsMessageError("TSIG other data does not fill its RDATA", p);
  return { keyName, algorithm, timeSigned, fudge, mac, originalId, error, otherData: buf.slice(p, end) };
}

export interface DecodeOptions {
  /** Label for the records' `file` field (e.g. "axfr 192.0.2.1:53"). */
  source?: string;
  /** Numbering of the records' `line` field continues from here (records in a transfer). */
  firstOrdinal?: number;
}

/**
 * Decodes a whole message. Records come out canonical (owner lower-cased, RDATA names
 * decompressed and lower-cased for the RFC 4034 §6.2 types); a malformed message throws
 * DnsMessageError with the offset.
 */
export function decodeMessage(buf: Uint8Array, opts: DecodeOptions = {}): DnsMessage {
  const header = decodeHeader(buf);
  const source = opts.source ?? "<message>";
  let ordinal = opts.firstOrdinal ?? 1;
  const w = new ByteWriter(512);
  let p = 12;
  const questions: DnsQuestion[] = [];
  for (let i = 0; i < header.qdcount; i++) {
    w.reset();
    p = readName(buf, p, w, true);
    if (p + 4 > buf.length) throw new DnsMessageError("question runs past the end of the message", p);
    questions.push({ name: w.copy(), type: u16(buf, p), class: u16(buf, p + 2) });
    p += 4;
  }
  const sections: ZoneRecord[][] = [[], [], []];
  const counts = [header.ancount, header.nscount, header.arcount];
  let tsig: TsigRecord | null = null;
  let tsigOffset = buf.length;
  for (let s = 0; s < 3; s++) {
    for (let i = 0; i < counts[s]!; i++) {
      const start = p;
      w.reset();
      p = readName(buf, p, w, true);
      const owner = w.copy();
      if (p + 10 > buf.length) throw new DnsMessageError("record header runs past the end of the message", p);
      const type = u16(buf, p);
      const cls = u16(buf, p + 2);
      const ttl = u32(buf, p + 4);
      const rdlen = u16(buf, p + 8);
      p += 10;
      if (p + rdlen > buf.length) throw new DnsMessageError(`${typeToText(type)} RDATA runs past the end`, p);
      if (type === TYPE_TSIG) {
        if (s !== 2 || i !== counts[s]! - 1)
          throw new DnsMessageError("TSIG record is not the last record of the message", start);
        tsig = decodeTsig(buf, owner, p, rdlen);
        tsigOffset = start;
        p += rdlen;
        continue;
      }
      w.reset();
      readRdata(buf, p, rdlen, type, w);
      const rdata = w.copy();
      try {
        canonicalizeWireRdata(type, rdata, typeToText(type));
      } catch (err) {
        if (err instanceof EncodeError) throw new DnsMessageError(err.message, p);
        throw err;
      }
      p += rdlen;
      sections[s]!.push({ owner, type, class: cls, ttl, rdata, file: source, line: ordinal++ });
    }
  }
  if (p !== buf.length) throw new DnsMessageError(`${buf.length - p} octets of trailing garbage`, p);
  return {
    header,
    questions,
    answers: sections[0]!,
    authority: sections[1]!,
    additional: sections[2]!,
    tsig,
    tsigOffset,
    size: buf.length,
  };
}

export interface QueryOptions {
  id: number;
  name: string | Uint8Array;
  type: number;
  class?: number;
  /** Recursion desired; off for queries to authoritative servers. */
  rd?: boolean;
}

function wireName(name: string | Uint8Array): Uint8Array {
  if (typeof name !== "string") return name;
  return nameFromText(name.endsWith(".") ? name : `${name}.`, null, false);
}

/** A query message (no EDNS). */
export function encodeQuery(q: QueryOptions): Uint8Array {
  const w = new ByteWriter(64);
  w.u16(q.id & 0xffff);
  w.u16(q.rd ? 0x0100 : 0);
  w.u16(1);
  w.u16(0);
  w.u16(0);
  w.u16(0);
  w.bytes(wireName(q.name));
  w.u16(q.type);
  w.u16(q.class ?? CLASS_IN);
  return w.copy();
}

export interface ResponseOptions {
  id: number;
  question: DnsQuestion | null;
  answers: readonly ZoneRecord[];
  rcode?: number;
  aa?: boolean;
}

/** A response with uncompressed names (what the lab server sends; compression is optional). */
export function encodeResponse(r: ResponseOptions): Uint8Array {
  const w = new ByteWriter(4096);
  w.u16(r.id & 0xffff);
  w.u16(0x8000 | (r.aa === false ? 0 : 0x0400) | ((r.rcode ?? 0) & 0xf));
  w.u16(r.question ? 1 : 0);
  w.u16(r.answers.length);
  w.u16(0);
  w.u16(0);
  if (r.question) {
    w.bytes(r.question.name);
    w.u16(r.question.type);
    w.u16(r.question.class);
  }
  for (const rec of r.answers) {
    w.bytes(rec.owner);
    w.u16(rec.type);
    w.u16(rec.class);
    w.u32(rec.ttl);
    w.u16(rec.rdata.length);
    w.bytes(rec.rdata);
  }
  return w.copy();
}

/** Size of a record in an uncompressed message (to split AXFR responses under 64 KiB). */
export function recordWireSize(rec: ZoneRecord): number {
  return rec.owner.length + 10 + rec.rdata.length;
}

export interface SoaFields {
  mname: string;
  rname: string;
  serial: number;
  refresh: number;
  retry: number;
  expire: number;
  minimum: number;
}

/** Decodes canonical SOA RDATA (two uncompressed names and five 32-bit fields). */
export function decodeSoaRdata(rd: Uint8Array): SoaFields {
  const w = new ByteWriter(256);
  const names: string[] = [];
  let p = 0;
  for (let k = 0; k < 2; k++) {
    const start = p;
    w.reset();
    p = readName(rd, p, w, false);
    names.push(nameTextOf(rd.subarray(start, p)));
  }
  if (p + 20 !== rd.length) throw new DnsMessageError("SOA RDATA has the wrong length", p);
  return {
    mname: names[0]!,
    rname: names[1]!,
    serial: u32(rd, p),
    refresh: u32(rd, p + 4),
    retry: u32(rd, p + 8),
    expire: u32(rd, p + 12),
    minimum: u32(rd, p + 16),
  };
}

function nameTextOf(wire: Uint8Array): string {
  let out = "";
  let p = 0;
  if (wire[0] === 0) return ".";
  while (p < wire.length && wire[p] !== 0) {
    const len = wire[p]!;
    out += `${String.fromCharCode(...wire.subarray(p + 1, p + 1 + len))}.`;
    p += 1 + len;
  }
  return out;
}

/** RFC 1982 serial-number arithmetic: is `a` older than `b`? */
export function serialLessThan(a: number, b: number): boolean {
  const d = (b - a) >>> 0;
  return d !== 0 && d < 0x80000000;
}

/**
 * Splits a DNS-over-TCP byte stream (RFC 1035 §4.2.2: two-octet length prefix) into
 * messages. Pure: the caller feeds whatever the socket delivered.
 */
export class TcpFrameReader {
  private pending: Uint8Array = new Uint8Array(0);

  push(chunk: Uint8Array): Uint8Array[] {
    const buf =
      this.pending.length === 0
        ? chunk
        : (() => {
            const b = new Uint8Array(this.pending.length + chunk.length);
            b.set(this.pending);
            b.set(chunk, this.pending.length);
            return b;
          })();
    const out: Uint8Array[] = [];
    let p = 0;
    while (p + 2 <= buf.length) {
      const len = (buf[p]! << 8) | buf[p + 1]!;
      if (len === 0) throw new DnsMessageError("zero-length DNS message on the stream", p);
      if (p + 2 + len > buf.length) break;
      out.push(buf.slice(p + 2, p + 2 + len));
      p += 2 + len;
    }
    this.pending = buf.slice(p);
    return out;
  }

  /** Octets received that do not yet form a whole message. */
  get buffered(): number {
    return this.pending.length;
  }
}

/** Prefixes a message with its two-octet length for TCP. */
export function tcpFrame(msg: Uint8Array): Uint8Array {
  const out = new Uint8Array(msg.length + 2);
  out[0] = msg.length >>> 8;
  out[1] = msg.length & 0xff;
  out.set(msg, 2);
  return out;
}
