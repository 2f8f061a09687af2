// Junos rpd. WRITTEN FROM JUNIPER DOCUMENTATION AS REMEMBERED, not captured; treat as best effort:
//   rpd[1868]: bgp_read_message:3047: NOTIFICATION received from 192.0.2.2 (External AS 64512): code 6 (Cease) subcode 2 (Administratively Shutdown), Reason: maintenance
//   rpd[1868]: bgp_send: NOTIFICATION sent to 192.0.2.2+179 (External AS 64512): code 6 (Cease) subcode 4 (Administratively Reset)
// The communication is accepted as `Reason: text`, `message "text"` or `shutdown communication: "text"`.
import { parseSyslogPrefix } from "./syslog";
import { type BgpLogEvent, type LogLineParser, type LogParseResult, makeEvent, unparsed } from "./types";

const NOTIF =
  /\bNOTIFICATION (received from|sent to) ([0-9A-Fa-f:.]+)(?:\+\d+)?(?: \((?:(?:External|Internal) )?AS (\d+)\))?:?\s*(.*)$/;
const CODE = /\bcode (\d+)(?: \(([^)]*)\))?(?:,? subcode (\d+)(?: \(([^)]*)\))?)?/;
const TEXT = /(?:Reason: |message |[Ss]hutdown [Cc]ommunication:? )(?:"(.*)"|(.+))$/;

function parse(line: string): LogParseResult | undefined {
  const m = NOTIF.exec(line);
  if (!m) return unparsed("junos", line, "unrecognised NOTIFICATION line");
  const rest = m[4] ?? "";
  const c = CODE.exec(rest);
  if (!c) return unparsed("junos", line, "no 'code N' in NOTIFICATION line");
  const { timestamp, host } = parseSyslogPrefix(line.slice(0, m.index));
  const t = TEXT.exec(rest.slice((c.index ?? 0) + c[0].length));
  const findings: BgpLogEvent["findings"] = [];
  return makeEvent("junos", line, "notification", {
    timestamp,
    router: host,
    peer: m[2],
    peerAs: m[3] === undefined ? undefined : Number(m[3]),
    direction: m[1] === "received from" ? "received" : "sent",
    code: Number(c[1]),
    subcode: c[3] === undefined ? 0 : Number(c[3]),
    loggedName: [c[2], c[4]].filter((x) => x !== undefined).join("/") || undefined,
    communication: t ? (t[1] ?? t[2]) : undefined,
    findings,
  });
}

export const junosParser: LogLineParser = {
  format: "junos",
  candidate: (line) => line.includes("NOTIFICATION received from") || line.includes("NOTIFICATION sent to"),
  parse,
};
