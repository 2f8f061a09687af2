// GoBGP (logrus). CAPTURED from GoBGP 3.10 text format (`gobgpd -p`):
//   time="…" level=warning msg="received notification" Code=6 Communicated-Reason="text" Data="[]" Key=127.0.0.1 Subcode=2 Topic=Peer
//   time="…" level=info msg="Peer Down" Key=127.0.0.1 Reason="notification-received code 6(cease) subcode 2(administrative shutdown)" …
// The JSON form (gobgpd without -p) is written from logrus' JSONFormatter documentation, not captured:
// same keys, []byte Data as base64, invalid UTF-8 already replaced by U+FFFD (lossy).
// GoBGP keeps at most 128 octets as Communicated-Reason and prints the rest in Data as decimal octets.
import { bytesToText, logfmtValueBytes, parseLogfmt } from "./escapes";
import { type BgpLogEvent, type LogLineParser, type LogParseResult, makeEvent, unparsed } from "./types";
import { classifyDownReason } from "./reasons";

const PEER_DOWN = /^notification-(received|sent) code (\d+)\(([^)]*)\) subcode (\d+)\(([^)]*)\)$/;

function decimalBytes(v: string): Uint8Array | undefined {
  const inner = v.replace(/^"?\[/, "").replace(/\]"?$/, "").trim();
  if (inner === "") return new Uint8Array(0);
  const parts = inner.split(/\s+/);
  // GoBGP/logrus truncates long slices with "..." — keep what is there.
  const nums = parts.filter((p) => p !== "...").map(Number);
  if (nums.some((n) => !Number.isInteger(n) || n < 0 || n > 255)) return undefined;
  return Uint8Array.from(nums);
}

function base64Bytes(v: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(v)) return undefined;
  try {
    const bin = atob(v);
    return Uint8Array.from(bin, (c) => c.charCodeAt(0));
  } catch {
    return undefined;
  }
}

interface Fields {
  time: string | undefined;
  msg: string | undefined;
  key: string | undefined;
  code: string | undefined;
  subcode: string | undefined;
  reasonBytes: Uint8Array | undefined;
  hasReason: boolean;
  data: Uint8Array | undefined;
  peerDownReason: string | undefined;
  dataTruncated: boolean;
}

// Shared instances (same defaults as before: UTF-8, U+FFFD for bad bytes, leading BOM dropped);
// a decode without `stream` keeps no state between calls.
const utf8Decoder = new TextDecoder();
const utf8Encoder = new TextEncoder();

function fromLogfmt(line: string): Fields | undefined {
  const f = parseLogfmt(line);
  const unq = (v: string | undefined) => (v === undefined ? undefined : logfmtValueBytes(v));
  const text = (v: string | undefined) => {
    const b = unq(v);
    return b === undefined ? undefined : utf8Decoder.decode(b);
  };
  const cr = f.get("Communicated-Reason");
  const data = f.get("Data");
  return {
    time: text(f.get("time")),
    msg: text(f.get("msg")),
    key: text(f.get("Key")),
    code: f.get("Code"),
    subcode: f.get("Subcode"),
    hasReason: cr !== undefined,
    reasonBytes: cr === undefined ? undefined : unq(cr),
    data: data === undefined ? undefined : decimalBytes(data),
    peerDownReason: text(f.get("Reason")),
    dataTruncated: data?.includes("...") ?? false,
  };
}

function fromJson(line: string): Fields | undefined {
  let o: unknown;
  try {
    o = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof o !== "object" || o === null) return undefined;
  const r = o as Record<string, unknown>;
  const s = (k: string) => (typeof r[k] === "string" ? (r[k] as string) : undefined);
  const n = (k: string) => (typeof r[k] === "number" ? String(r[k]) : s(k));
  const cr = s("Communicated-Reason");
  const d = r.Data;
  let data: Uint8Array | undefined;
  if (typeof d === "string") data = base64Bytes(d) ?? decimalBytes(d);
  else if (Array.isArray(d) && d.every((x) => typeof x === "number")) data = Uint8Array.from(d as number[]);
  return {
    time: s("time"),
    msg: s("msg"),
    key: s("Key"),
    code: n("Code"),
    subcode: n("Subcode"),
    hasReason: cr !== undefined,
    reasonBytes: cr === undefined ? undefined : utf8Encoder.encode(cr),
    data,
    peerDownReason: s("Reason"),
    dataTruncated: false,
  };
}

function parse(line: string): LogParseResult | undefined {
  const trimmed = line.trimStart();
  const f = trimmed.startsWith("{") ? fromJson(trimmed) : fromLogfmt(line);
  if (!f || f.msg === undefined) return unparsed("gobgp", line, "no logrus msg field");
  if (f.msg === "Peer Down") {
    const reason = f.peerDownReason ?? "";
    const m = PEER_DOWN.exec(reason);
    const cls = classifyDownReason(reason);
    return makeEvent("gobgp", line, "session-down", {
      timestamp: f.time,
      peer: f.key,
      reason,
      direction: m ? (m[1] === "received" ? "received" : "sent") : cls.direction,
      code: m ? Number(m[2]) : cls.code,
      subcode: m ? Number(m[4]) : cls.subcode,
      loggedName: m ? `${m[3]}/${m[5]}` : undefined,
    });
  }
  if (f.msg !== "received notification" && f.msg !== "sent notification") return undefined;
  const code = Number(f.code);
  const subcode = Number(f.subcode);
  if (
    !Number.isInteger(code) ||
    !Number.isInteger(subcode) ||
    f.code === undefined ||
    f.subcode === undefined
  ) {
    return unparsed("gobgp", line, "notification without numeric Code/Subcode");
  }
  const findings: BgpLogEvent["findings"] = [];
  let communication: string | undefined;
  let communicationHex: string | undefined;
  let dataHex: string | undefined;
  const data = f.data ?? new Uint8Array(0);
  if (f.hasReason) {
    if (f.reasonBytes === undefined) return unparsed("gobgp", line, "undecodable Communicated-Reason");
    let bytes = f.reasonBytes;
    // Exactly 128 octets + more Data: GoBGP split a longer communication (RFC 8203 limit). Join them;
    // a 128-octet text followed by real trailing octets would be indistinguishable.
    if (bytes.length === 128 && data.length > 0) {
      const joined = new Uint8Array(bytes.length + data.length);
      joined.set(bytes);
      joined.set(data, bytes.length);
      bytes = joined;
      findings.push("split-at-128");
      if (f.dataTruncated) findings.push("data-truncated-by-logger");
    } else if (data.length > 0) {
      dataHex = bytesToText(data).hex;
    }
    if (bytes.length > 0) {
      const t = bytesToText(bytes);
      communication = t.text;
      communicationHex = t.hex;
      if (!t.validUtf8) findings.push("invalid-utf8");
    }
  } else if (data.length > 0) {
    dataHex = bytesToText(data).hex;
    findings.push("hex-only");
    if (f.dataTruncated) findings.push("data-truncated-by-logger");
  }
  return makeEvent("gobgp", line, "notification", {
    timestamp: f.time,
    peer: f.key,
    direction: f.msg === "received notification" ? "received" : "sent",
    code,
    subcode,
    communication,
    communicationHex,
    dataHex,
    findings,
  });
}

export const gobgpParser: LogLineParser = {
  format: "gobgp",
  candidate: (line) => line.includes(' notification"') || line.includes('"Peer Down"'),
  parse,
};
