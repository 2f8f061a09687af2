/**
 * dnsmasq lease file (`dhcp-leasefile`), as written by lease_update_file() in dnsmasq's lease.c:
 *
 *   v4:   <expiry> <hwaddr> <ipv4> <hostname|*> <client-id|*>
 *   duid <server DUID>                       (only when DHCPv6 is active)
 *   v6:   <expiry> [T]<iaid> <ipv6> <hostname|*> <client DUID|*>
 *
 * expiry is epoch seconds, 0 for an infinite lease. hwaddr is colon hex, prefixed by "<type>-"
 * (two hex digits) when the ARP type is not Ethernet or the address is empty. A "T" before the
 * IAID marks a temporary address (IA_TA). dnsmasq rewrites the whole file and removes expired
 * leases, so every row is a current binding ("bound"). Rows are told apart by the address family.
 * Not handled: builds with HAVE_BROKEN_RTC write the lease length instead of the expiry time;
 * nothing in the file says so, so such files get wrong `ends` values.
 */

import { parseAddress } from "./address";
import { type LeaseParseError, leaseError } from "./errors";
import { normalizeHex } from "./hwaddr";
import { LineSplitter } from "./lines";
import { emptyLease, type LeaseParseItem, type ParserOptions } from "./model";
import { parseAll } from "./stream";

const FIELDS = ["expiry", "hwaddr", "address", "hostname", "client_id"] as const;
const FIELDS6 = ["expiry", "iaid", "address", "hostname", "duid"] as const;

function splitWs(s: string): string[] {
  const out: string[] = [];
  let i = 0;
  const n = s.length;
  while (i < n) {
    while (i < n && (s.charCodeAt(i) === 32 || s.charCodeAt(i) === 9)) i++;
    if (i >= n) break;
    let j = i;
    while (j < n && s.charCodeAt(j) !== 32 && s.charCodeAt(j) !== 9) j++;
    out.push(s.slice(i, j));
    i = j;
  }
  return out;
}

function uint(s: string, max: number): number {
  if (s.length === 0 || s.length > 16) return -1;
  let v = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v > max ? -1 : v;
}

export class DnsmasqLeaseParser {
  private out: LeaseParseItem[] = [];
  private readonly lines: LineSplitter;
  private readonly server: string | null;

  constructor(options: ParserOptions = {}) {
    this.server = options.server ?? null;
    this.lines = new LineSplitter(
      (text, lineNo, terminated) => this.line(text, lineNo, terminated),
      (lineNo, head) =>
        this.out.push(
          leaseError("dnsmasq", "line-too-long", lineNo, null, "line exceeds the maximum length", head),
        ),
      options.maxLineLength,
    );
  }

  push(chunk: string): LeaseParseItem[] {
    this.lines.push(chunk);
    const o = this.out;
    this.out = [];
    return o;
  }

  end(): LeaseParseItem[] {
    this.lines.end();
    const o = this.out;
    this.out = [];
    return o;
  }

  private err(
    code: LeaseParseError["code"],
    lineNo: number,
    field: string | null,
    reason: string,
    text: string,
  ) {
    this.out.push(leaseError("dnsmasq", code, lineNo, field, reason, text));
  }

  private line(text: string, lineNo: number, terminated: boolean) {
    const f = splitWs(text);
    if (f.length === 0) return;
    if (f[0] === "duid") {
      const duid = f.length === 2 ? normalizeHex(f[1]!, 130) : null;
      if (duid === null) this.err("bad-client-id", lineNo, "duid", "malformed server DUID line", text);
      else this.out.push({ kind: "directive", name: "duid", value: duid, line: lineNo });
      return;
    }
    if (f.length !== 5) {
      const truncated = !terminated && f.length < 5;
      this.err(
        truncated ? "truncated-row" : "column-count",
        lineNo,
        null,
        `expected 5 fields, got ${f.length}${truncated ? " (input ended mid-row)" : ""}`,
        text,
      );
      return;
    }
    const [expiryText, second, addrText, hostText, idText] = f as [string, string, string, string, string];
    const names = addrText.indexOf(":") === -1 ? FIELDS : FIELDS6;
    const expiry = uint(expiryText, Number.MAX_SAFE_INTEGER);
    if (expiry < 0) return this.err("bad-number", lineNo, "expiry", `invalid expiry ${expiryText}`, text);
    const addr = parseAddress(addrText);
    if (addr === null) return this.err("bad-address", lineNo, "address", `invalid address ${addrText}`, text);
    let clientId: string | null = null;
    if (idText !== "*") {
      clientId = normalizeHex(idText, 255);
      if (clientId === null)
        return this.err(
          "bad-client-id",
          lineNo,
          names[4],
          `invalid ${names[4]} ${idText.slice(0, 80)}`,
          text,
        );
    }
    const raw: Record<string, string> = {};
    for (let i = 0; i < 5; i++) raw[names[i]!] = f[i]!;
    const lease = emptyLease("dnsmasq", addr.family, lineNo, this.server);
    lease.address = addr.text;
    lease.addressKey = addr.key;
    lease.clientId = clientId;
    lease.hostname = hostText === "*" ? null : hostText;
    lease.state = "bound";
    lease.ends = expiry === 0 ? null : expiry;
    lease.raw = raw;
    if (addr.family === 4) {
      let hw = second;
      // "<type>-" prefix: dnsmasq writes it for non-Ethernet types and empty addresses; its MACs
      // otherwise use colons, so a dash-separated MAC is not mistaken for a prefix.
      if (hw.length >= 3 && hw.charCodeAt(2) === 45 && hw.indexOf("-", 3) === -1) {
        const t = Number.parseInt(hw.slice(0, 2), 16);
        if (!/^[0-9a-fA-F]{2}$/.test(hw.slice(0, 2)))
          return this.err("bad-hwaddr", lineNo, "hwaddr", `invalid hardware type in ${hw}`, text);
        lease.hwType = t;
        hw = hw.slice(3);
      } else {
        lease.hwType = 1;
      }
      if (hw.length !== 0) {
        lease.hwAddress = normalizeHex(hw, 20);
        if (lease.hwAddress === null)
          return this.err("bad-hwaddr", lineNo, "hwaddr", `invalid hardware address ${second}`, text);
      } else {
        lease.hwType = lease.hwType === 1 ? null : lease.hwType;
      }
    } else {
      const temp = second.charCodeAt(0) === 84; // "T"
      const iaid = uint(temp ? second.slice(1) : second, 0xffffffff);
      if (iaid < 0) return this.err("bad-number", lineNo, "iaid", `invalid IAID ${second}`, text);
      lease.iaid = iaid;
      lease.leaseType = temp ? "IA_TA" : "IA_NA";
    }
    this.out.push({ kind: "lease", lease });
  }
}

export function parseDnsmasqLeases(
  input: string | Iterable<string>,
  options?: ParserOptions,
): LeaseParseItem[] {
  return parseAll(new DnsmasqLeaseParser(options), input);
}
