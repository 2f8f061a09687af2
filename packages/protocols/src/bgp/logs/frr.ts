// FRRouting bgpd. CAPTURED from FRR 8.4.4 (`log file`, rfc3164 and rfc5424 destinations):
//   2026/11/21 06:09:57.075 BGP: [H7QV4-WR3ZD] %NOTIFICATION: received from neighbor 127.0.0.1 6/2 (Cease/Administrative Shutdown) "text"
//   … [HZN6M-XRM1G] %NOTIFICATION: sent to neighbor 127.0.0.1 6/4 (Cease/Administrative Reset) 0 bytes
//   … [PXVXG-TFNNT] %ADJCHANGE: neighbor 127.0.0.1(Unknown) in vrf default Down Admin. shutdown
// Text uses \xHH for non-printables/non-ASCII and \x22 for quotes but leaves "\" alone (ambiguous).
// The "(Hard Reset)" tag after %NOTIFICATION is from FRR ≥ 8.3 source, not captured here.
import { bytesToText, unescapeFrr } from "./escapes";
import { parseSyslogPrefix } from "./syslog";
import { type BgpLogEvent, type LogLineParser, type LogParseResult, makeEvent, unparsed } from "./types";
import { classifyDownReason } from "./reasons";

const NOTIF =
  /^(.*?)%NOTIFICATION(\(Hard Reset\))?: (sent to|received from) neighbor ([^\s(]+)(?:\(([^)]*)\))?(?: in vrf (\S+))? (\d+)\/(\d+) \(([^)]*)\)\s*(.*)$/;
const BYTES = /^(\d+) bytes ?((?:[0-9a-f]{2} ?)*)$/;
const ADJ = /^(.*?)%ADJCHANGE: neighbor ([^\s(]+)(?:\(([^)]*)\))?(?: in vrf (\S+))? (Up|Down)\b ?(.*)$/;

function prefixInfo(prefix: string) {
  return parseSyslogPrefix(prefix);
}

function parse(line: string): LogParseResult | undefined {
  if (line.includes("%ADJCHANGE:")) {
    const a = ADJ.exec(line);
    if (!a) return unparsed("frr", line, "unrecognised %ADJCHANGE line");
    if (a[5] === "Up") return undefined;
    const { timestamp, host } = prefixInfo(a[1] ?? "");
    const reason = (a[6] ?? "").trim();
    const cls = classifyDownReason(reason);
    return makeEvent("frr", line, "session-down", {
      timestamp,
      router: host,
      peer: a[2],
      peerName: a[3] === "Unknown" ? undefined : a[3],
      reason,
      direction: cls.direction,
      code: cls.code,
      subcode: cls.subcode,
    });
  }
  const m = NOTIF.exec(line);
  if (!m) return unparsed("frr", line, "unrecognised %NOTIFICATION line");
  const { timestamp, host } = prefixInfo(m[1] ?? "");
  const findings: BgpLogEvent["findings"] = [];
  const rest = m[10] ?? "";
  let communication: string | undefined;
  let communicationHex: string | undefined;
  let dataHex: string | undefined;
  if (rest.startsWith('"') && rest.endsWith('"') && rest.length >= 2) {
    const u = unescapeFrr(rest.slice(1, -1));
    const t = bytesToText(u.bytes);
    communication = t.text;
    communicationHex = t.hex;
    if (!t.validUtf8) findings.push("invalid-utf8");
    if (u.literalBackslash) findings.push("ambiguous-escaping");
  } else {
    const b = BYTES.exec(rest);
    if (!b) return unparsed("frr", line, "unrecognised NOTIFICATION data");
    dataHex = (b[2] ?? "").replace(/ /g, "");
    const n = Number(b[1]);
    if (n > 0) findings.push("hex-only");
    if (dataHex.length / 2 < n) findings.push("data-truncated-by-logger");
  }
  return makeEvent("frr", line, "notification", {
    timestamp,
    router: host,
    peer: m[4],
    peerName: m[5],
    direction: m[3] === "sent to" ? "sent" : "received",
    code: m[2] ? 6 : Number(m[7]),
    subcode: m[2] ? 9 : Number(m[8]),
    loggedName: m[9],
    communication,
    communicationHex,
    dataHex,
    reason: m[2] ? `Hard Reset encapsulating ${m[7]}/${m[8]}` : undefined,
    findings,
  });
}

export const frrParser: LogLineParser = {
  format: "frr",
  candidate: (line) => line.includes("%NOTIFICATION") || line.includes("%ADJCHANGE:"),
  parse,
};
