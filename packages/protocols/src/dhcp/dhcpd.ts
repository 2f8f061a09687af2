/**
 * ISC dhcpd lease database (dhcpd.leases / dhcpd6.leases, see dhcpd.leases(5)).
 *
 * Grammar handled: `#` comments; top-level `lease <ipv4> { ... }`, `host <name> { ... }`,
 * `ia-na|ia-ta|ia-pd "<iaid+duid>" { cltt ...; iaaddr <ipv6> { ... } | iaprefix <cidr> { ... } }`,
 * `server-duid ...;`, `authoring-byte-order little-endian|big-endian;`, `db-time-format ...;` and
 * any other top-level statement or block (e.g. `failover peer "x" state { ... }`), which is passed
 * through as a directive. Inside leases: starts/ends/tstp/tsfp/atsfp/cltt with
 * `<weekday> yyyy/mm/dd hh:mm:ss` (UTC), `never` or `epoch <seconds>`; `binding state`,
 * `next binding state`, `rewind binding state`; `hardware <type> <mac>`; `uid` as a quoted string
 * (octal/hex/C escapes) or colon hex; `client-hostname`/`hostname`; `set name = value`; `option
 * ...`; preferred-life/max-life; `on <event> { ... }` (skipped); flags such as `abandoned;`.
 *
 * dhcpd appends a new copy of a lease each time it changes, so later blocks for the same address
 * replace earlier ones: the parser emits every block in file order; `LeaseTable` keeps the last.
 *
 * Records are parsed line by line (dhcpd never writes a newline inside a string). Any error inside
 * a block drops that block (reported with the line and statement), and parsing resumes after it. A
 * block left open is detected when a top-level keyword (`lease`, `host`, `ia-*`, ...) starts a
 * statement inside it, or at end of input.
 *
 * Also reads ISC dhclient's client-side file (`lease { ... }` without an address): those come out as
 * "client-lease" items, since a client's copy is not a server binding.
 *
 * IAID: the first 4 octets of an ia-* string are the IAID in the byte order of the host that wrote
 * the file (hence `authoring-byte-order`); the rest is the client DUID. Without that statement the
 * `byteOrder` option decides (default little-endian, which is what x86/ARM servers write).
 */

import { parseAddress, parseIPv4 } from "./address";
import { type LeaseParseError, leaseError } from "./errors";
import { bytesToHex, HARDWARE_TYPES, normalizeHex } from "./hwaddr";
import { LineSplitter } from "./lines";
import {
  type DhcpLease,
  emptyLease,
  type LeaseParseItem,
  type LeaseState,
  type LeaseType,
  type ParserOptions,
} from "./model";
import { parseAll } from "./stream";

export const DHCPD_BINDING_STATES: Readonly<Record<string, LeaseState>> = {
  free: "free",
  active: "bound",
  expired: "expired",
  released: "released",
  abandoned: "abandoned",
  reset: "free", // failover: an operator reset the lease; it is free again
  backup: "backup",
  bootp: "bound", // BOOTP binding (dhcpd 4.x writes these as active + `ends never`, older ones as bootp)
};

/** A `host` declaration written to the lease file by OMAPI (dynamic host reservations). */
export interface DhcpdHost {
  name: string;
  hwAddress: string | null;
  hwType: number | null;
  clientId: string | null;
  fixedAddresses: string[];
  /** `deleted;` marks a host removed via OMAPI: it cancels earlier declarations with the same name. */
  deleted: boolean;
  line: number;
  raw: Record<string, string>;
}

export interface HostItem {
  kind: "host";
  host: DhcpdHost;
}

/**
 * A lease from ISC dhclient's own file (`lease { interface ...; fixed-address ...; option ...;
 * renew/rebind/expire ...; }`): what a client holds, not a server binding, so it is not a DhcpLease.
 */
export interface DhclientLease {
  interface: string | null;
  address: string | null;
  renew: number | null;
  rebind: number | null;
  expire: number | null;
  /** `option <name>` → value text as written. */
  options: Record<string, string>;
  line: number;
  raw: Record<string, string>;
}

export interface ClientLeaseItem {
  kind: "client-lease";
  lease: DhclientLease;
}

export type DhcpdParseItem = LeaseParseItem | HostItem | ClientLeaseItem;

export interface DhcpdParserOptions extends ParserOptions {
  /** IAID byte order when the file has no `authoring-byte-order` statement (default little-endian). */
  byteOrder?: "little-endian" | "big-endian";
}

const T_WORD = 0;
const T_STRING = 1;
const T_OPEN = 2;
const T_CLOSE = 3;
const T_SEMI = 4;

interface Token {
  t: number;
  /** Source text as written (strings keep their quotes and escapes). */
  src: string;
  /** Decoded octets of a string token. */
  bytes: number[] | null;
  line: number;
}

const TOP_LEVEL = new Set([
  "lease",
  "host",
  "ia-na",
  "ia-ta",
  "ia-pd",
  "server-duid",
  "authoring-byte-order",
  "failover",
]);

interface LeaseFrame {
  k: "lease" | "addr";
  line: number;
  bad: boolean;
  lease: DhcpLease;
}
interface IaFrame {
  k: "ia";
  line: number;
  bad: boolean;
  type: LeaseType;
  iaid: number;
  duid: string;
  cltt: number | null;
  raw: Record<string, string>;
  children: DhcpLease[];
}
interface HostFrame {
  k: "host";
  line: number;
  bad: boolean;
  host: DhcpdHost;
}
interface OtherFrame {
  k: "other" | "skip";
  line: number;
  bad: boolean;
  name: string;
  body: string[];
}
interface ClientFrame {
  k: "client";
  line: number;
  bad: boolean;
  lease: DhclientLease;
}
type Frame = LeaseFrame | IaFrame | HostFrame | OtherFrame | ClientFrame;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function digits(s: string, from: number, to: number): number {
  if (to <= from) return -1;
  let v = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

function uint(s: string, max: number): number {
  const v = s.length > 16 ? -1 : digits(s, 0, s.length);
  return v > max ? -1 : v;
}

/** "yyyy/mm/dd" + "hh:mm:ss" in UTC → epoch seconds; a string reason when impossible. */
export function parseDhcpdDate(date: string, time: string): number | string {
  const s1 = date.indexOf("/");
  const s2 = date.indexOf("/", s1 + 1);
  const c1 = time.indexOf(":");
  const c2 = time.indexOf(":", c1 + 1);
  if (s1 < 0 || s2 < 0 || c1 < 0 || c2 < 0) return `malformed date/time "${date} ${time}"`;
  const y = digits(date, 0, s1);
  const mo = digits(date, s1 + 1, s2);
  const d = digits(date, s2 + 1, date.length);
  const h = digits(time, 0, c1);
  const mi = digits(time, c1 + 1, c2);
  const se = digits(time, c2 + 1, time.length);
  if (y < 0 || mo < 0 || d < 0 || h < 0 || mi < 0 || se < 0) return `malformed date/time "${date} ${time}"`;
  if (y < 1970 || y > 9999) return `year ${y} out of range`;
  if (mo < 1 || mo > 12) return `month ${mo} does not exist`;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const dim = mo === 2 && leap ? 29 : DAYS_IN_MONTH[mo - 1]!;
  if (d < 1 || d > dim) return `day ${d} does not exist in ${y}/${mo}`;
  if (h > 23) return `hour ${h} out of range`;
  if (mi > 59) return `minute ${mi} out of range`;
  if (se > 59) return `second ${se} out of range`;
  return Date.UTC(y, mo - 1, d, h, mi, se) / 1000;
}

function decodeUtf8(bytes: number[]): string {
  let out = "";
  for (const b of bytes) {
    if (b > 127) return new TextDecoder().decode(new Uint8Array(bytes));
    out += String.fromCharCode(b);
  }
  return out;
}

export class DhcpdLeaseParser {
  private out: DhcpdParseItem[] = [];
  private readonly lines: LineSplitter;
  private readonly server: string | null;
  private littleEndian: boolean;
  private stack: Frame[] = [];
  private stmt: Token[] = [];

  constructor(options: DhcpdParserOptions = {}) {
    this.server = options.server ?? null;
    this.littleEndian = options.byteOrder !== "big-endian";
    this.lines = new LineSplitter(
      (text, lineNo) => this.safeLine(text, lineNo),
      (lineNo, head) => {
        this.err("line-too-long", lineNo, null, "line exceeds the maximum length", head);
        this.stmt = [];
        this.markBad();
      },
      options.maxLineLength,
    );
  }

  push(chunk: string): DhcpdParseItem[] {
    this.lines.push(chunk);
    const o = this.out;
    this.out = [];
    return o;
  }

  end(): DhcpdParseItem[] {
    this.lines.end();
    if (this.stmt.length > 0) {
      const first = this.stmt[0]!;
      this.err(
        "syntax",
        first.line,
        first.src,
        "input ended inside a statement (missing ';')",
        this.stmtText(),
      );
      this.stmt = [];
      this.markBad();
    }
    this.unwind("input ended inside");
    const o = this.out;
    this.out = [];
    return o;
  }

  private err(
    code: LeaseParseError["code"],
    line: number,
    field: string | null,
    reason: string,
    text: string,
  ) {
    this.out.push(leaseError("dhcpd", code, line, field, reason, text));
  }

  private markBad(): void {
    const top = this.stack[this.stack.length - 1];
    if (top) top.bad = true;
  }

  private stmtText(): string {
    return this.stmt.map((t) => t.src).join(" ");
  }

  /** Last-resort guard: a parser bug must surface as an error item, never as an exception. */
  private safeLine(text: string, lineNo: number): void {
    try {
      this.line(text, lineNo);
    } catch (e) {
      this.err("syntax", lineNo, null, `internal: ${e instanceof Error ? e.message : String(e)}`, text);
      this.stmt = [];
      this.markBad();
    }
  }

  private line(text: string, lineNo: number): void {
    const n = text.length;
    let i = 0;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9 || c === 11 || c === 12) {
        i++;
        continue;
      }
      if (c === 35) return; // '#' comment to end of line
      if (c === 123 || c === 125 || c === 59) {
        const tok: Token = {
          t: c === 123 ? T_OPEN : c === 125 ? T_CLOSE : T_SEMI,
          src: text[i]!,
          bytes: null,
          line: lineNo,
        };
        i++;
        this.token(tok);
        continue;
      }
      if (c === 34) {
        const r = this.readString(text, i, lineNo);
        if (r === null) {
          const field = this.stmt[0]?.src ?? null;
          this.err("unterminated-string", lineNo, field, "string not closed before end of line", text);
          this.stmt = [];
          this.markBad();
          return;
        }
        i = r.end;
        this.stmt.push(r.token);
        continue;
      }
      let j = i + 1;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (
          d === 32 ||
          d === 9 ||
          d === 11 ||
          d === 12 ||
          d === 123 ||
          d === 125 ||
          d === 59 ||
          d === 34 ||
          d === 35
        )
          break;
        j++;
      }
      this.stmt.push({ t: T_WORD, src: text.slice(i, j), bytes: null, line: lineNo });
      i = j;
    }
  }

  /** dhcpd's conflex string rules: \t \r \n \b, \ooo (1-3 octal digits), \xHH, otherwise literal. */
  private readString(text: string, start: number, lineNo: number): { token: Token; end: number } | null {
    const bytes: number[] = [];
    const n = text.length;
    let i = start + 1;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 34) {
        return { token: { t: T_STRING, src: text.slice(start, i + 1), bytes, line: lineNo }, end: i + 1 };
      }
      if (c === 92) {
        if (i + 1 >= n) return null;
        const e = text.charCodeAt(i + 1);
        if (e >= 48 && e <= 55) {
          let v = 0;
          let k = i + 1;
          while (k < n && k < i + 4 && text.charCodeAt(k) >= 48 && text.charCodeAt(k) <= 55) {
            v = v * 8 + (text.charCodeAt(k) - 48);
            k++;
          }
          bytes.push(v & 255);
          i = k;
          continue;
        }
        if ((e === 120 || e === 88) && i + 2 < n) {
          let v = 0;
          let k = i + 2;
          while (k < n && k < i + 4) {
            const h = hexv(text.charCodeAt(k));
            if (h < 0) break;
            v = v * 16 + h;
            k++;
          }
          if (k > i + 2) {
            bytes.push(v);
            i = k;
            continue;
          }
        }
        bytes.push(e === 116 ? 9 : e === 114 ? 13 : e === 110 ? 10 : e === 98 ? 8 : e);
        i += 2;
        continue;
      }
      if (c < 0x80) bytes.push(c);
      else
        for (const b of new TextEncoder().encode(String.fromCodePoint(text.codePointAt(i)!))) bytes.push(b);
      i += c >= 0xd800 && c <= 0xdbff ? 2 : 1;
    }
    return null;
  }

  private token(tok: Token): void {
    if (tok.t === T_SEMI) {
      const s = this.stmt;
      this.stmt = [];
      if (s.length > 0) this.statement(s);
      return;
    }
    if (tok.t === T_OPEN) {
      const s = this.stmt;
      this.stmt = [];
      this.open(s, tok.line);
      return;
    }
    // '}'
    if (this.stmt.length > 0) {
      const first = this.stmt[0]!;
      this.err("syntax", first.line, first.src, "statement not terminated by ';'", this.stmtText());
      this.stmt = [];
      this.markBad();
    }
    this.close(tok.line);
  }

  /** Drops every open block with an "unterminated-block" error (innermost first). */
  private unwind(why: string): void {
    while (this.stack.length > 0) {
      const f = this.stack.pop()!;
      if (f.k === "skip" || f.k === "addr") continue; // reported through the enclosing block
      const name = f.k === "ia" ? f.type : f.k === "other" ? f.name : f.k === "client" ? "lease" : f.k;
      this.err("unterminated-block", f.line, name, `${why} a ${name} block opened here (missing '}')`, name);
    }
  }

  private recoverIfTopLevel(s: Token[]): void {
    const w = s[0];
    if (this.stack.length > 0 && w && w.t === T_WORD && TOP_LEVEL.has(w.src)) {
      this.unwind(`'${w.src}' on line ${w.line} started inside`);
    }
  }

  private open(s: Token[], line: number) {
    this.recoverIfTopLevel(s);
    const top = this.stack[this.stack.length - 1];
    const w0 = s[0]?.src ?? "";
    const startLine = s[0]?.line ?? line;
    const skip = (bad: boolean): void => {
      this.stack.push({ k: "skip", line: startLine, bad, name: w0, body: [] });
    };
    if (top === undefined) {
      if (w0 === "lease" && s.length === 2 && s[1]!.t === T_WORD) {
        const v4 = parseIPv4(s[1]!.src);
        const a = v4 < 0 ? null : parseAddress(s[1]!.src);
        if (a === null) {
          this.err(
            "bad-address",
            startLine,
            "lease",
            `invalid lease address ${s[1]!.src.slice(0, 80)}`,
            srcOf(s),
          );
          return skip(true);
        }
        const lease = emptyLease("dhcpd", 4, startLine, this.server);
        lease.address = a.text;
        lease.addressKey = a.key;
        this.stack.push({ k: "lease", line: startLine, bad: false, lease });
        return;
      }
      if ((w0 === "ia-na" || w0 === "ia-ta" || w0 === "ia-pd") && s.length === 2) {
        const idTok = s[1]!;
        const bytes = idTok.t === T_STRING ? idTok.bytes! : hexBytes(idTok.src);
        const type: LeaseType = w0 === "ia-na" ? "IA_NA" : w0 === "ia-ta" ? "IA_TA" : "IA_PD";
        if (bytes === null || bytes.length < 5) {
          this.err(
            "bad-client-id",
            startLine,
            w0,
            "IA identifier must hold a 4-octet IAID and a DUID",
            srcOf(s),
          );
          return skip(true);
        }
        const iaid = this.littleEndian
          ? (bytes[0]! | (bytes[1]! << 8) | (bytes[2]! << 16) | (bytes[3]! << 24)) >>> 0
          : ((bytes[0]! << 24) | (bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]!) >>> 0;
        this.stack.push({
          k: "ia",
          line: startLine,
          bad: false,
          type,
          iaid,
          duid: bytesToHex(bytes.slice(4)),
          cltt: null,
          raw: { [w0]: idTok.src },
          children: [],
        });
        return;
      }
      if (w0 === "host" && s.length === 2) {
        const nameTok = s[1]!;
        const name = nameTok.t === T_STRING ? decodeUtf8(nameTok.bytes!) : nameTok.src;
        this.stack.push({
          k: "host",
          line: startLine,
          bad: false,
          host: {
            name,
            hwAddress: null,
            hwType: null,
            clientId: null,
            fixedAddresses: [],
            deleted: false,
            line: startLine,
            raw: {},
          },
        });
        return;
      }
      if (w0 === "lease" && s.length === 1) {
        // dhclient.leases: a client lease has no address in its header.
        const lease: DhclientLease = {
          interface: null,
          address: null,
          renew: null,
          rebind: null,
          expire: null,
          options: {},
          line: startLine,
          raw: {},
        };
        this.stack.push({ k: "client", line: startLine, bad: false, lease });
        return;
      }
      if (w0 === "lease" || w0 === "host" || w0.startsWith("ia-")) {
        this.err("syntax", startLine, w0, `malformed ${w0} declaration`, srcOf(s));
        return skip(true);
      }
      this.stack.push({ k: "other", line: startLine, bad: false, name: srcOf(s), body: [] });
      return;
    }
    if (top.k === "ia" && (w0 === "iaaddr" || w0 === "iaprefix") && s.length === 2) {
      const text = s[1]!.src;
      const slash = text.indexOf("/");
      const a = parseAddress(slash < 0 ? text : text.slice(0, slash));
      const plen = slash < 0 ? (w0 === "iaaddr" ? 128 : -1) : uint(text.slice(slash + 1), 128);
      if (a === null || a.family !== 6 || plen < 0 || (w0 === "iaaddr") !== slash < 0) {
        // Only this address is dropped; the IA's other addresses stay.
        this.err("bad-address", startLine, w0, `invalid ${w0} ${text.slice(0, 80)}`, srcOf(s));
        return skip(false);
      }
      const lease = emptyLease("dhcpd", 6, startLine, this.server);
      lease.address = a.text;
      lease.addressKey = a.key;
      lease.prefixLength = plen;
      lease.leaseType = w0 === "iaprefix" ? "IA_PD" : top.type;
      lease.raw[w0] = text;
      this.stack.push({ k: "addr", line: startLine, bad: false, lease });
      return;
    }
    // Nested blocks we do not interpret (`on expiry { ... }`, unknown sub-blocks): skipped, noted in raw.
    if (top.k === "lease" || top.k === "addr") top.lease.raw[srcOf(s)] = "{…}";
    skip(false);
  }

  private close(line: number): void {
    const f = this.stack.pop();
    if (f === undefined) {
      this.err("syntax", line, null, "'}' without an open block", "}");
      return;
    }
    const parent = this.stack[this.stack.length - 1];
    switch (f.k) {
      case "skip":
        if (f.bad && parent) parent.bad = true;
        return;
      case "other":
        if (!f.bad)
          this.out.push({ kind: "directive", name: f.name, value: f.body.join("; "), line: f.line });
        return;
      case "client":
        if (!f.bad) this.out.push({ kind: "client-lease", lease: f.lease });
        return;
      case "host":
        if (!f.bad) this.out.push({ kind: "host", host: f.host });
        return;
      case "lease":
        if (!f.bad) this.out.push({ kind: "lease", lease: finishLease(f.lease) });
        return;
      case "addr":
        // A bad address drops only itself: the IA's other addresses are still valid leases.
        if (parent && parent.k === "ia" && !f.bad) parent.children.push(f.lease);
        return;
      case "ia":
        if (f.bad) return;
        for (const l of f.children) {
          l.iaid = f.iaid;
          l.clientId = f.duid;
          if (l.cltt === null) l.cltt = f.cltt;
          l.raw = { ...f.raw, ...l.raw };
          this.out.push({ kind: "lease", lease: finishLease(l) });
        }
        return;
    }
  }

  private statement(s: Token[]) {
    this.recoverIfTopLevel(s);
    const top = this.stack[this.stack.length - 1];
    const w0 = s[0]!.src;
    const line = s[0]!.line;
    if (top === undefined) {
      if (w0 === "authoring-byte-order" && s.length === 2) {
        const v = s[1]!.src;
        if (v !== "little-endian" && v !== "big-endian") {
          this.err("bad-value", line, w0, `unknown byte order ${v.slice(0, 40)}`, srcOf(s));
          return;
        }
        this.littleEndian = v === "little-endian";
        this.out.push({ kind: "directive", name: w0, value: v, line });
        return;
      }
      if (w0 === "server-duid" && s.length === 2) {
        const t = s[1]!;
        const hex = t.t === T_STRING ? bytesToHex(t.bytes!) : normalizeHex(t.src, 130);
        if (hex === null || hex === "") {
          this.err("bad-client-id", line, w0, "invalid server DUID", srcOf(s));
          return;
        }
        this.out.push({ kind: "directive", name: w0, value: hex, line });
        return;
      }
      this.out.push({ kind: "directive", name: w0, value: srcOf(s.slice(1)), line });
      return;
    }
    switch (top.k) {
      case "skip":
        return;
      case "other":
        top.body.push(srcOf(s));
        return;
      case "client":
        return this.clientStatement(top, s);
      case "host":
        return this.hostStatement(top, s);
      case "ia":
        if (w0 === "cltt") {
          const t = this.date(s, top);
          if (t !== undefined) top.cltt = t;
          top.raw.cltt = srcOf(s.slice(1));
          return;
        }
        top.raw[w0] = srcOf(s.slice(1));
        return;
      case "lease":
      case "addr":
        return this.leaseStatement(top, s);
    }
  }

  /** Returns epoch seconds, null for `never`, undefined after reporting an error. */
  private date(s: Token[], frame: Frame): number | null | undefined {
    const w0 = s[0]!.src;
    const line = s[0]!.line;
    const a = s.slice(1).map((t) => t.src);
    if (a.length === 1 && a[0] === "never") return null;
    if (a.length === 2 && a[0] === "epoch") {
      const v = uint(a[1]!, Number.MAX_SAFE_INTEGER);
      if (v >= 0) return v;
    } else if (a.length === 3 || a.length === 2) {
      const date = a[a.length - 2]!;
      const time = a[a.length - 1]!;
      const weekdayOk = a.length === 2 || /^[0-6]$/.test(a[0]!);
      const r = weekdayOk ? parseDhcpdDate(date, time) : `weekday ${a[0]} out of range`;
      if (typeof r === "number") return r;
      this.err("bad-date", line, w0, r, srcOf(s));
      frame.bad = true;
      return undefined;
    }
    this.err(
      "bad-date",
      line,
      w0,
      "expected '<weekday> yyyy/mm/dd hh:mm:ss', 'never' or 'epoch <n>'",
      srcOf(s),
    );
    frame.bad = true;
    return undefined;
  }

  private leaseStatement(f: LeaseFrame, s: Token[]): void {
    const l = f.lease;
    const w0 = s[0]!.src;
    const line = s[0]!.line;
    const rest = srcOf(s.slice(1));
    switch (w0) {
      case "starts":
      case "ends":
      case "cltt":
      case "tstp":
      case "tsfp":
      case "atsfp": {
        l.raw[w0] = rest;
        const t = this.date(s, f);
        if (t === undefined) return;
        if (w0 === "starts") l.starts = t;
        else if (w0 === "ends") l.ends = t;
        else if (w0 === "cltt") l.cltt = t;
        else {
          l.failover ??= { tstp: null, tsfp: null, atsfp: null };
          l.failover[w0 as "tstp" | "tsfp" | "atsfp"] = t;
        }
        return;
      }
      case "binding":
      case "next":
      case "rewind": {
        const k = w0 === "binding" ? 1 : 2;
        if (s.length !== k + 2 || s[k - 1]!.src !== "binding" || s[k]!.src !== "state") {
          this.err("syntax", line, w0, "expected '[next|rewind] binding state <state>'", srcOf(s));
          f.bad = true;
          return;
        }
        const key = w0 === "binding" ? "binding state" : `${w0} binding state`;
        const v = s[k + 1]!.src;
        l.raw[key] = v;
        if (w0 === "binding") l.state = DHCPD_BINDING_STATES[v] ?? "unknown";
        return;
      }
      case "hardware": {
        l.raw.hardware = rest;
        const hw = this.hardware(s, f);
        if (hw) {
          l.hwType = hw.type;
          l.hwAddress = hw.addr;
        }
        return;
      }
      case "uid": {
        l.raw.uid = rest;
        const id = this.clientId(s, f);
        if (id !== undefined) l.clientId = id;
        return;
      }
      case "client-hostname":
      case "hostname": {
        l.raw[w0] = rest;
        const t = s[1];
        if (s.length !== 2 || !t) {
          this.err("syntax", line, w0, `expected ${w0} "<name>"`, srcOf(s));
          f.bad = true;
          return;
        }
        // client-hostname (what the client sent) wins over the older `hostname` statement.
        if (w0 === "client-hostname" || l.hostname === null)
          l.hostname = t.t === T_STRING ? decodeUtf8(t.bytes!) : t.src;
        return;
      }
      case "preferred-life":
      case "max-life": {
        l.raw[w0] = rest;
        const v = s.length === 2 ? uint(s[1]!.src, 0xffffffff) : -1;
        if (v < 0) {
          this.err("bad-number", line, w0, `invalid ${w0}`, srcOf(s));
          f.bad = true;
          return;
        }
        if (w0 === "max-life") l.validLifetime = v;
        else l.preferredLifetime = v;
        return;
      }
      case "set": {
        // set <name> = <value>;  (the '=' may be glued to either side)
        const text = srcOf(s.slice(1));
        const eq = text.indexOf("=");
        const name = eq < 0 ? "" : text.slice(0, eq).trim();
        if (eq < 0 || name === "" || /\s/.test(name)) {
          this.err("syntax", line, w0, "expected 'set <name> = <value>'", srcOf(s));
          f.bad = true;
          return;
        }
        l.raw[`set ${name}`] = text.slice(eq + 1).trim();
        return;
      }
      case "option": {
        const name = s[1]?.src ?? "";
        l.raw[`option ${name}`] = srcOf(s.slice(2));
        return;
      }
      default:
        l.raw[w0] = rest;
    }
  }

  private hardware(s: Token[], f: Frame): { type: number | null; addr: string } | null {
    const line = s[0]!.line;
    if (s.length !== 3) {
      this.err("syntax", line, "hardware", "expected 'hardware <type> <address>'", srcOf(s));
      f.bad = true;
      return null;
    }
    const typeName = s[1]!.src;
    const addr = normalizeHex(s[2]!.src, 20);
    if (addr === null) {
      this.err(
        "bad-hwaddr",
        line,
        "hardware",
        `invalid hardware address ${s[2]!.src.slice(0, 80)}`,
        srcOf(s),
      );
      f.bad = true;
      return null;
    }
    const m = /^unknown-(\d+)$/.exec(typeName);
    return { type: HARDWARE_TYPES[typeName] ?? (m ? Number(m[1]) : null), addr };
  }

  /** Client identifier from `uid "<octets>"` or `uid 01:02:...`; undefined after reporting an error. */
  private clientId(s: Token[], f: Frame): string | undefined {
    const t = s[1];
    const line = s[0]!.line;
    const v =
      s.length !== 2 || !t ? null : t.t === T_STRING ? bytesToHex(t.bytes!) : normalizeHex(t.src, 255);
    if (v === null || v === "") {
      this.err("bad-client-id", line, s[0]!.src, "invalid client identifier", srcOf(s));
      f.bad = true;
      return undefined;
    }
    return v;
  }

  private clientStatement(f: ClientFrame, s: Token[]) {
    const l = f.lease;
    const w0 = s[0]!.src;
    const rest = srcOf(s.slice(1));
    if (w0 === "option") {
      l.options[s[1]?.src ?? ""] = srcOf(s.slice(2));
      return;
    }
    l.raw[w0] = rest;
    if (w0 === "renew" || w0 === "rebind" || w0 === "expire") {
      const t = this.date(s, f);
      if (t !== undefined) l[w0] = t;
    } else if (w0 === "interface") {
      const t = s[1];
      l.interface = t ? (t.t === T_STRING ? decodeUtf8(t.bytes!) : t.src) : null;
    } else if (w0 === "fixed-address") {
      const a = s.length === 2 ? parseAddress(s[1]!.src) : null;
      if (a === null) {
        this.err("bad-address", s[0]!.line, w0, "invalid fixed-address", srcOf(s));
        f.bad = true;
        return;
      }
      l.address = a.text;
    }
  }

  private hostStatement(f: HostFrame, s: Token[]): void {
    const h = f.host;
    const w0 = s[0]!.src;
    const line = s[0]!.line;
    const rest = srcOf(s.slice(1));
    h.raw[w0] = rest;
    switch (w0) {
      case "hardware": {
        const hw = this.hardware(s, f);
        if (hw) {
          h.hwType = hw.type;
          h.hwAddress = hw.addr;
        }
        return;
      }
      case "uid": {
        const id = this.clientId(s, f);
        if (id !== undefined) h.clientId = id;
        return;
      }
      case "fixed-address":
      case "fixed-address6": {
        for (const part of rest.split(",")) {
          const p = part.trim();
          const a = parseAddress(p);
          // Host names are legal here (resolved by dhcpd at load time); keep them verbatim.
          if (p !== "") h.fixedAddresses.push(a ? a.text : p);
        }
        if (h.fixedAddresses.length === 0) {
          this.err("bad-address", line, w0, "empty fixed-address", srcOf(s));
          f.bad = true;
        }
        return;
      }
      case "deleted":
        h.deleted = true;
        return;
      default:
        return;
    }
  }
}

function hexv(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

function hexBytes(s: string): number[] | null {
  const h = normalizeHex(s, 255);
  if (h === null) return null;
  const out: number[] = [];
  for (let i = 0; i < h.length; i += 3) out.push(Number.parseInt(h.slice(i, i + 2), 16));
  return out;
}

function srcOf(s: Token[]): string {
  let out = "";
  for (let i = 0; i < s.length; i++) out += (i ? " " : "") + s[i]!.src;
  return out;
}

function finishLease(l: DhcpLease): DhcpLease {
  // v4 has no lifetime statement: the lease length is ends − starts when both are known.
  if (l.family === 4 && l.starts !== null && l.ends !== null && l.ends >= l.starts) {
    const len = l.ends - l.starts;
    if (len <= 0xffffffff) l.validLifetime = len;
  }
  return l;
}

export function parseDhcpdLeases(
  input: string | Iterable<string>,
  options?: DhcpdParserOptions,
): DhcpdParseItem[] {
  return parseAll(new DhcpdLeaseParser(options), input);
}
