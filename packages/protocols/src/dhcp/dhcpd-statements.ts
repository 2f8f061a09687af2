/**
 * dhcpd statements inside a block, mapped onto the block's record: a lease (v4 `lease` or v6
 * `iaaddr`/`iaprefix`), a `host`, or a dhclient lease. A statement that cannot be read is reported
 * through `err` and marks its block bad (the block is then dropped when it closes).
 */

import { parseAddress } from "./address";
import { decodeUtf8, srcOf, T_STRING, type Token } from "./dhcpd-lexer";
import { DHCPD_BINDING_STATES, type DhclientLease, type DhcpdHost } from "./dhcpd-types";
import { parseDhcpdDate, uint } from "./dhcpd-values";
import type { LeaseParseError } from "./errors";
import { bytesToHex, HARDWARE_TYPES, normalizeHex } from "./hwaddr";
import type { DhcpLease, LeaseType } from "./model";

export type Report = (
  code: LeaseParseError["code"],
  line: number,
  field: string | null,
  reason: string,
  text: string,
) => void;

/** An open block: what the statements inside it fill in. */
export interface LeaseFrame {
  k: "lease" | "addr";
  line: number;
  bad: boolean;
  lease: DhcpLease;
}
export interface IaFrame {
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
export interface HostFrame {
  k: "host";
  line: number;
  bad: boolean;
  host: DhcpdHost;
}
export interface OtherFrame {
  k: "other" | "skip";
  line: number;
  bad: boolean;
  name: string;
  body: string[];
}
export interface ClientFrame {
  k: "client";
  line: number;
  bad: boolean;
  lease: DhclientLease;
}
export type Frame = LeaseFrame | IaFrame | HostFrame | OtherFrame | ClientFrame;

/** Returns epoch seconds, null for `never`, undefined after reporting an error. */
export function dhcpdDate(s: Token[], frame: Frame, err: Report): number | null | undefined {
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
    err("bad-date", line, w0, r, srcOf(s));
    frame.bad = true;
    return undefined;
  }
  err("bad-date", line, w0, "expected '<weekday> yyyy/mm/dd hh:mm:ss', 'never' or 'epoch <n>'", srcOf(s));
  frame.bad = true;
  return undefined;
}

export function leaseStatement(f: LeaseFrame, s: Token[], err: Report): void {
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
      const t = dhcpdDate(s, f, err);
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
        err("syntax", line, w0, "expected '[next|rewind] binding state <state>'", srcOf(s));
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
      const hw = hardware(s, f, err);
      if (hw) {
        l.hwType = hw.type;
        l.hwAddress = hw.addr;
      }
      return;
    }
    case "uid": {
      l.raw.uid = rest;
      const id = clientId(s, f, err);
      if (id !== undefined) l.clientId = id;
      return;
    }
    case "client-hostname":
    case "hostname": {
      l.raw[w0] = rest;
      const t = s[1];
      if (s.length !== 2 || !t) {
        err("syntax", line, w0, `expected ${w0} "<name>"`, srcOf(s));
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
        err("bad-number", line, w0, `invalid ${w0}`, srcOf(s));
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
        err("syntax", line, w0, "expected 'set <name> = <value>'", srcOf(s));
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

function hardware(s: Token[], f: Frame, err: Report): { type: number | null; addr: string } | null {
  const line = s[0]!.line;
  if (s.length !== 3) {
    err("syntax", line, "hardware", "expected 'hardware <type> <address>'", srcOf(s));
    f.bad = true;
    return null;
  }
  const typeName = s[1]!.src;
  const addr = normalizeHex(s[2]!.src, 20);
  if (addr === null) {
    err("bad-hwaddr", line, "hardware", `invalid hardware address ${s[2]!.src.slice(0, 80)}`, srcOf(s));
    f.bad = true;
    return null;
  }
  const m = /^unknown-(\d+)$/.exec(typeName);
  return { type: HARDWARE_TYPES[typeName] ?? (m ? Number(m[1]) : null), addr };
}

/** Client identifier from `uid "<octets>"` or `uid 01:02:...`; undefined after reporting an error. */
function clientId(s: Token[], f: Frame, err: Report): string | undefined {
  const t = s[1];
  const line = s[0]!.line;
  const v = s.length !== 2 || !t ? null : t.t === T_STRING ? bytesToHex(t.bytes!) : normalizeHex(t.src, 255);
  if (v === null || v === "") {
    err("bad-client-id", line, s[0]!.src, "invalid client identifier", srcOf(s));
    f.bad = true;
    return undefined;
  }
  return v;
}

export function clientStatement(f: ClientFrame, s: Token[], err: Report): void {
  const l = f.lease;
  const w0 = s[0]!.src;
  const rest = srcOf(s.slice(1));
  if (w0 === "option") {
    l.options[s[1]?.src ?? ""] = srcOf(s.slice(2));
    return;
  }
  l.raw[w0] = rest;
  if (w0 === "renew" || w0 === "rebind" || w0 === "expire") {
    const t = dhcpdDate(s, f, err);
    if (t !== undefined) l[w0] = t;
  } else if (w0 === "interface") {
    const t = s[1];
    l.interface = t ? (t.t === T_STRING ? decodeUtf8(t.bytes!) : t.src) : null;
  } else if (w0 === "fixed-address") {
    const a = s.length === 2 ? parseAddress(s[1]!.src) : null;
    if (a === null) {
      err("bad-address", s[0]!.line, w0, "invalid fixed-address", srcOf(s));
      f.bad = true;
      return;
    }
    l.address = a.text;
  }
}

export function hostStatement(f: HostFrame, s: Token[], err: Report): void {
  const h = f.host;
  const w0 = s[0]!.src;
  const line = s[0]!.line;
  const rest = srcOf(s.slice(1));
  h.raw[w0] = rest;
  switch (w0) {
    case "hardware": {
      const hw = hardware(s, f, err);
      if (hw) {
        h.hwType = hw.type;
        h.hwAddress = hw.addr;
      }
      return;
    }
    case "uid": {
      const id = clientId(s, f, err);
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
        err("bad-address", line, w0, "empty fixed-address", srcOf(s));
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

/** A closed lease block's derived fields. */
export function finishLease(l: DhcpLease): DhcpLease {
  // v4 has no lifetime statement: the lease length is ends − starts when both are known.
  if (l.family === 4 && l.starts !== null && l.ends !== null && l.ends >= l.starts) {
    const len = l.ends - l.starts;
    if (len <= 0xffffffff) l.validLifetime = len;
  }
  return l;
}
