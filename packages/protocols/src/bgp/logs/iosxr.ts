// Cisco IOS-XR bgp. WRITTEN FROM CISCO DOCUMENTATION AS REMEMBERED, not captured; treat as best effort:
//   RP/0/RSP0/CPU0:Mar  3 10:15:32.123 UTC: bgp[1080]: %ROUTING-BGP-5-ADJCHANGE : neighbor 192.0.2.2 Down - BGP Notification received, administrative shutdown (VRF: default) (AS: 64512)
//   RP/0/RSP0/CPU0:Mar  3 10:15:32.123 UTC: bgp[1080]: %ROUTING-BGP-5-NOTIFICATION : sent to neighbor 192.0.2.2 6/2 (administrative shutdown) 0 bytes
// Optional `(Shutdown communication: "text")` / trailing quoted text is taken as the communication.
import { classifyDownReason } from "./reasons";
import { type BgpLogEvent, type LogLineParser, type LogParseResult, makeEvent, unparsed } from "./types";

const NODE =
  /^(?:(.*?)\s)?(?:[A-Z0-9]+\/[A-Z0-9/]+:)?([A-Z][a-z]{2} +\d+ (?:\d{4} )?\d\d:\d\d:\d\d(?:\.\d+)?(?: [A-Z]{2,5})?):/;
const ADJ = /%ROUTING-BGP-\d-ADJCHANGE(?:_DETAIL)? ?: neighbor (\S+) (Up|Down)\b(.*)$/;
const NOTIF =
  /%ROUTING-BGP-\d-NOTIFICATION ?: (sent to|received from) neighbor (\S+) (\d+)\/(\d+) \(([^)]*)\)\s*(?:(\d+) bytes ?((?:[0-9a-fA-F]{2} ?)*))?(.*)$/;
const AS = /\(AS: (\d+)\)/;
const QUOTED = /(?:[Ss]hutdown [Cc]ommunication:? )?"((?:[^"\\]|\\.)*)"/;

function header(line: string): { timestamp: string | undefined; router: string | undefined } {
  const h = NODE.exec(line);
  if (!h) return { timestamp: undefined, router: undefined };
  // A syslog relay may put "<pri>timestamp host" before the node id; keep the last token as the router.
  const pre = h[1]?.trim().split(/\s+/);
  return { timestamp: h[2], router: pre && pre.length > 0 ? pre[pre.length - 1] : undefined };
}

function parse(line: string): LogParseResult | undefined {
  const { timestamp, router } = header(line);
  const asn = AS.exec(line)?.[1];
  const q = QUOTED.exec(line)?.[1];
  const a = ADJ.exec(line);
  if (a) {
    if (a[2] === "Up") return undefined;
    const reason = (a[3] ?? "")
      .replace(/^\s*-\s*/, "")
      .replace(/\s*\((?:VRF|AS): [^)]*\)/g, "")
      .trim();
    const cls = classifyDownReason(reason);
    return makeEvent("iosxr", line, "session-down", {
      timestamp,
      router,
      peer: a[1],
      peerAs: asn === undefined ? undefined : Number(asn),
      direction: cls.direction,
      code: cls.code,
      subcode: cls.subcode,
      reason,
      communication: q,
    });
  }
  const n = NOTIF.exec(line);
  if (!n) return unparsed("iosxr", line, "unrecognised %ROUTING-BGP line");
  const findings: BgpLogEvent["findings"] = [];
  const dataHex = n[7] ? n[7].replace(/ /g, "").toLowerCase() : undefined;
  if (dataHex) findings.push("hex-only");
  return makeEvent("iosxr", line, "notification", {
    timestamp,
    router,
    peer: n[2],
    peerAs: asn === undefined ? undefined : Number(asn),
    direction: n[1] === "sent to" ? "sent" : "received",
    code: Number(n[3]),
    subcode: Number(n[4]),
    loggedName: n[5],
    dataHex,
    communication: q,
    findings,
  });
}

export const iosxrParser: LogLineParser = {
  format: "iosxr",
  candidate: (line) =>
    line.includes("%ROUTING-BGP-") && (line.includes("ADJCHANGE") || line.includes("NOTIFICATION")),
  parse,
};
