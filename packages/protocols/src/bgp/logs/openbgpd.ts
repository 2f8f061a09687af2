// OpenBGPD bgpd. WRITTEN FROM SOURCE/DOCUMENTATION (logmsg.c log_notification(), session.c), not captured:
//   bgpd[123]: neighbor 192.0.2.1 (upstream-a): received notification: Cease, administratively down
//   bgpd[123]: neighbor 192.0.2.1: sending notification: Cease, administrative reset
//   bgpd[123]: neighbor 192.0.2.1 (upstream-a): received shutdown reason: "maintenance [REF056255]"
// The reason comes on its own line ("shutdown-reason" event); log_reason() escapes it with strnvis(3).
import { bytesToText, unescapeVis } from "./escapes";
import { parseSyslogPrefix } from "./syslog";
import { type BgpLogEvent, type LogLineParser, type LogParseResult, makeEvent, unparsed } from "./types";

// errnames[] / suberr_*_names[] from OpenBGPD's log.h.
const CODES: ReadonlyMap<string, number> = new Map([
  ["Header error", 1],
  ["error in message header", 1],
  ["error in OPEN message", 2],
  ["update error", 3],
  ["error in UPDATE message", 3],
  ["HoldTimer expired", 4],
  ["Finite State Machine error", 5],
  ["Cease", 6],
  ["error in ROUTE-REFRESH message", 7],
  ["sendholdtime expired", 8],
]);

const SUBCODES: Readonly<Record<number, readonly (string | undefined)[]>> = {
  1: ["none", "synchronization error", "wrong length", "unknown message type"],
  2: [
    "none",
    "version mismatch",
    "AS unacceptable",
    "BGPID invalid",
    "optional parameter error",
    "authentication error",
    "unacceptable holdtime",
    "unsupported capability",
    undefined,
    undefined,
    undefined,
    "role mismatch",
  ],
  3: [
    "none",
    "attribute list error",
    "unknown well-known attribute",
    "well-known attribute missing",
    "attribute flags error",
    "attribute length wrong",
    "origin unacceptable",
    "loop detected",
    "nexthop unacceptable",
    "optional attribute error",
    "network unacceptable",
    "AS-Path unacceptable",
  ],
  5: [
    "unspecified error",
    "received unexpected message in OpenSent",
    "received unexpected message in OpenConfirm",
    "received unexpected message in Established",
  ],
  6: [
    "none",
    "max-prefix exceeded",
    "administratively down",
    "peer unconfigured",
    "administrative reset",
    "connection rejected",
    "other config change",
    "collision",
    "resource exhaustion",
    "hard reset",
    "sendholdtime expired",
  ],
  7: ["none", "invalid message length"],
};

const PEER = /(?:^|\s)neighbor (\S+?)(?: \(([^)]*)\))?: /;
const NOTIF = /^(received|sending) notification: ([^,]+)(?:, (?:unknown subcode (\d+)|(.+)))?$/;
const REASON = /^received shutdown reason: "(.*)"$/;

function parse(line: string): LogParseResult | undefined {
  const p = PEER.exec(line);
  if (!p) return unparsed("openbgpd", line, "no 'neighbor ADDR:' prefix");
  const { timestamp, host } = parseSyslogPrefix(line.slice(0, p.index + 1));
  const msg = line.slice(p.index + p[0].length);
  const base = { timestamp, router: host, peer: p[1], peerName: p[2] };
  const r = REASON.exec(msg);
  if (r) {
    const t = bytesToText(unescapeVis(r[1] ?? ""));
    const findings: BgpLogEvent["findings"] = t.validUtf8 ? [] : ["invalid-utf8"];
    return makeEvent("openbgpd", line, "shutdown-reason", {
      ...base,
      direction: "received",
      communication: t.text,
      communicationHex: t.hex,
      findings,
    });
  }
  const n = NOTIF.exec(msg);
  if (!n) return unparsed("openbgpd", line, "unrecognised notification text");
  const code = CODES.get(n[2] ?? "");
  let subcode: number | undefined = n[3] !== undefined ? Number(n[3]) : undefined;
  if (code !== undefined && subcode === undefined) {
    const names = SUBCODES[code];
    const idx = n[4] === undefined ? -1 : (names?.indexOf(n[4]) ?? -1);
    subcode = n[4] === undefined ? 0 : idx >= 0 ? idx : undefined;
  }
  const findings: BgpLogEvent["findings"] =
    code === undefined || subcode === undefined ? ["unknown-error-name"] : [];
  return makeEvent("openbgpd", line, "notification", {
    ...base,
    direction: n[1] === "received" ? "received" : "sent",
    code,
    subcode: code === undefined ? undefined : subcode,
    loggedName: n[4] === undefined ? n[2] : `${n[2]}, ${n[4]}`,
    findings,
  });
}

export const openbgpdParser: LogLineParser = {
  format: "openbgpd",
  candidate: (line) =>
    line.includes("neighbor ") &&
    (line.includes(" notification: ") || line.includes("received shutdown reason")),
  parse,
};
