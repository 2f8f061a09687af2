// BIRD 2 <RMT> lines. CAPTURED from BIRD 2.0.12 (file log and syslog, see test vectors):
//   2026-11-21 06:07:28.402 <RMT> to_a: Received: Administrative shutdown: "Maintenance window #42: …"
//   <27>Nov 21 06:25:13 bird: to_a: Received: Administrative reset: "…"
//   … <RMT> to_frr: Received: Invalid NEXT_HOP attribute: 4003047f000001
// "Received" = NOTIFICATION from the peer, "Error" = one BIRD sent. BIRD does not escape quotes and turns
// control characters into spaces, so the quoted text is lossy; non-communication data is hex (max 16 octets).
// The peer address is not in the line (only the protocol name), so `peer` stays undefined.
import { parseSyslogPrefix } from "./syslog";
import { type BgpLogEvent, type LogLineParser, type LogParseResult, makeEvent, unparsed } from "./types";

// bgp_msg_table[] in BIRD's proto/bgp/packets.c (names as BIRD prints them).
const BIRD_NAMES: ReadonlyMap<string, readonly [number, number]> = new Map<string, readonly [number, number]>(
  [
    ["Invalid message header", [1, 0]],
    ["Connection not synchronized", [1, 1]],
    ["Bad message length", [1, 2]],
    ["Bad message type", [1, 3]],
    ["Invalid OPEN message", [2, 0]],
    ["Unsupported version number", [2, 1]],
    ["Bad peer AS", [2, 2]],
    ["Bad BGP identifier", [2, 3]],
    ["Unsupported optional parameter", [2, 4]],
    ["Authentication failure", [2, 5]],
    ["Unacceptable hold time", [2, 6]],
    ["Required capability missing", [2, 7]],
    ["No supported AFI/SAFI", [2, 8]],
    ["Role mismatch", [2, 11]],
    ["Invalid UPDATE message", [3, 0]],
    ["Malformed attribute list", [3, 1]],
    ["Unrecognized well-known attribute", [3, 2]],
    ["Missing mandatory attribute", [3, 3]],
    ["Invalid attribute flags", [3, 4]],
    ["Invalid attribute length", [3, 5]],
    ["Invalid ORIGIN attribute", [3, 6]],
    ["AS routing loop", [3, 7]],
    ["Invalid NEXT_HOP attribute", [3, 8]],
    ["Optional attribute error", [3, 9]],
    ["Invalid network field", [3, 10]],
    ["Malformed AS_PATH", [3, 11]],
    ["Hold timer expired", [4, 0]],
    ["Finite state machine error", [5, 0]],
    ["Unexpected message in OpenSent state", [5, 1]],
    ["Unexpected message in OpenConfirm state", [5, 2]],
    ["Unexpected message in Established state", [5, 3]],
    ["Cease", [6, 0]],
    ["Maximum number of prefixes reached", [6, 1]],
    ["Administrative shutdown", [6, 2]],
    ["Peer de-configured", [6, 3]],
    ["Administrative reset", [6, 4]],
    ["Connection rejected", [6, 5]],
    ["Other configuration change", [6, 6]],
    ["Connection collision resolution", [6, 7]],
    ["Out of Resources", [6, 8]],
    ["Hard reset", [6, 9]],
    ["BFD session down", [6, 10]],
    ["Invalid ROUTE-REFRESH message", [7, 0]],
    ["Invalid ROUTE-REFRESH message length", [7, 1]],
    ["Send hold timer expired", [8, 0]],
  ],
);

const LINE = /^(.*?)(?:<RMT> |\bbird(?:\[\d+\])?: )(\S+): (Received|Error): (.*)$/;
const UNKNOWN = /^Unknown error (\d+)\.(\d+)$/;

function parse(line: string): LogParseResult | undefined {
  const m = LINE.exec(line);
  if (!m) return unparsed("bird", line, "not a BIRD <RMT> Received/Error line");
  const [, prefix = "", proto, dir, rest = ""] = m;
  const { timestamp, host } = parseSyslogPrefix(prefix);
  const sep = rest.indexOf(": ");
  const name = sep < 0 ? rest : rest.slice(0, sep);
  const data = sep < 0 ? undefined : rest.slice(sep + 2);
  let code: number | undefined;
  let subcode: number | undefined;
  const known = BIRD_NAMES.get(name);
  const unk = UNKNOWN.exec(name);
  const findings: BgpLogEvent["findings"] = [];
  if (known) [code, subcode] = known;
  else if (unk) {
    code = Number(unk[1]);
    subcode = Number(unk[2]);
  } else findings.push("unknown-error-name");
  let communication: string | undefined;
  let dataHex: string | undefined;
  if (data !== undefined) {
    if (data.length >= 2 && data.startsWith('"') && data.endsWith('"')) {
      communication = data.slice(1, -1);
      findings.push("ambiguous-escaping");
    } else if (/^[0-9a-f]+$/.test(data)) {
      dataHex = data;
      findings.push("hex-only");
      // bgp_log_error() prints at most 16 octets of data.
      if (data.length >= 32) findings.push("data-truncated-by-logger");
    } else {
      return unparsed("bird", line, "unrecognised data after the error name");
    }
  }
  return makeEvent("bird", line, "notification", {
    timestamp,
    router: host,
    peerName: proto,
    direction: dir === "Received" ? "received" : "sent",
    code,
    subcode,
    loggedName: name,
    communication,
    dataHex,
    findings,
  });
}

export const birdParser: LogLineParser = {
  format: "bird",
  candidate: (line) =>
    (line.includes(": Received: ") || line.includes(": Error: ")) &&
    (line.includes("<RMT>") || line.includes("bird")),
  parse,
};
