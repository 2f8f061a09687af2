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
 *
 * Files: dhcpd-lexer.ts (tokens), dhcpd-values.ts (numbers, dates), dhcpd-statements.ts (the
 * statements inside a block → lease/host fields), dhcpd-types.ts (items and options); this file
 * holds the block structure: opening, closing, recovery and what each closed block emits.
 */

import { parseAddress, parseIPv4 } from "./address";
import {
  decodeUtf8,
  hexBytes,
  lexLine,
  srcOf,
  T_OPEN,
  T_SEMI,
  T_STRING,
  T_WORD,
  type Token,
} from "./dhcpd-lexer";
import {
  clientStatement,
  dhcpdDate,
  type Frame,
  finishLease,
  hostStatement,
  leaseStatement,
  type Report,
} from "./dhcpd-statements";
import type { DhclientLease, DhcpdParseItem, DhcpdParserOptions } from "./dhcpd-types";
import { uint } from "./dhcpd-values";
import { leaseError } from "./errors";
import { bytesToHex, normalizeHex } from "./hwaddr";
import { LineSplitter } from "./lines";
import { emptyLease, type LeaseType } from "./model";
import { parseAll } from "./stream";

export {
  type ClientLeaseItem,
  DHCPD_BINDING_STATES,
  type DhclientLease,
  type DhcpdHost,
  type DhcpdParseItem,
  type DhcpdParserOptions,
  type HostItem,
} from "./dhcpd-types";
export { parseDhcpdDate } from "./dhcpd-values";

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

  private readonly err: Report = (code, line, field, reason, text) => {
    this.out.push(leaseError("dhcpd", code, line, field, reason, text));
  };

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
    if (!lexLine(text, lineNo, this.onToken)) {
      const field = this.stmt[0]?.src ?? null;
      this.err("unterminated-string", lineNo, field, "string not closed before end of line", text);
      this.stmt = [];
      this.markBad();
    }
  }

  /** Words and strings build the statement; `{`, `}` and `;` act on it. */
  private readonly onToken = (tok: Token): void => {
    if (tok.t === T_WORD || tok.t === T_STRING) this.stmt.push(tok);
    else this.token(tok);
  };

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
        return clientStatement(top, s, this.err);
      case "host":
        return hostStatement(top, s, this.err);
      case "ia":
        if (w0 === "cltt") {
          const t = dhcpdDate(s, top, this.err);
          if (t !== undefined) top.cltt = t;
          top.raw.cltt = srcOf(s.slice(1));
          return;
        }
        top.raw[w0] = srcOf(s.slice(1));
        return;
      case "lease":
      case "addr":
        return leaseStatement(top, s, this.err);
    }
  }
}

export function parseDhcpdLeases(
  input: string | Iterable<string>,
  options?: DhcpdParserOptions,
): DhcpdParseItem[] {
  return parseAll(new DhcpdLeaseParser(options), input);
}
