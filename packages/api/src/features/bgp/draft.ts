// Turns what the collectors see (BMP messages, parsed log lines) into event drafts with a natural key.
import {
  type BgpLogEvent,
  type BgpNotification,
  type BmpMessage,
  encodeNotification,
  fromHex,
  parseLogTimestamp,
  toHex,
} from "@netops/protocols/bgp";
import type { BgpDirection, BgpEventFields, BgpEventKind } from "./schema";

/** An event ready to store: the decoded fields, when it happened, and what makes it unique. */
export interface BgpEventDraft extends BgpEventFields {
  at: Date;
  /** What makes this observation unique (hashed into the natural key). */
  identity: string[];
}

function notificationFields(n: BgpNotification) {
  const sc = n.shutdown;
  const data = fromHex(n.dataHex) ?? new Uint8Array(0);
  const pdu = encodeNotification({ code: n.code, subcode: n.subcode, data });
  return {
    code: n.code,
    subcode: n.subcode,
    codeName: n.codeName,
    subcodeName: n.subcodeName,
    text: sc?.status === "ok" ? (sc.text ?? null) : null,
    textBytes: sc?.length ?? null,
    status: sc?.status ?? null,
    findings: [...(sc?.findings ?? []), ...(n.hardReset?.findings ?? [])],
    rawHex: pdu.ok ? toHex(pdu.value) : n.dataHex,
  };
}

const EMPTY = {
  code: null,
  subcode: null,
  codeName: null,
  subcodeName: null,
  text: null,
  textBytes: null,
  status: null,
  findings: [] as string[],
  rawHex: null,
};

/**
 * Peer Up / Peer Down become events; everything else (Initiation, stats, route monitoring) does not.
 * The per-peer header's timestamp is part of the key, so a router that reconnects and resends the same
 * Peer Down adds nothing; a zero timestamp (router does not stamp) falls back to the receive time.
 */
export function draftFromBmp(m: BmpMessage, router: string, receivedAt: Date): BgpEventDraft | null {
  if (m.kind !== "peer-down" && m.kind !== "peer-up") return null;
  const p = m.peer;
  const stamped = p.timestampSeconds > 0;
  const at = stamped
    ? new Date(p.timestampSeconds * 1000 + Math.floor(p.timestampMicroseconds / 1000))
    : receivedAt;
  const base = {
    at,
    router,
    peerAddress: p.address,
    peerAs: p.asn,
    peerName: null,
    rawLine: null,
    source: "bmp" as const,
    format: null,
  };
  const stamp = stamped ? `${p.timestampSeconds}.${p.timestampMicroseconds}` : `rx${receivedAt.getTime()}`;
  if (m.kind === "peer-up") {
    return {
      ...base,
      ...EMPTY,
      kind: "up",
      direction: "unknown",
      reason: "Peer Up",
      identity: ["bmp", router, p.address, p.distinguisherHex, stamp, "up"],
    };
  }
  const n = m.notification;
  // Reasons 1/2/6: the monitored router closed the session; 3/4: the peer did (RFC 7854 §4.9).
  const direction: BgpDirection =
    m.reason === 1 || m.reason === 2 || m.reason === 6
      ? "sent"
      : m.reason === 3 || m.reason === 4
        ? "received"
        : "unknown";
  const fields = n ? notificationFields(n) : { ...EMPTY, rawHex: m.dataHex || null };
  return {
    ...base,
    ...fields,
    findings: [...fields.findings, ...m.findings],
    kind: "down",
    direction,
    reason:
      m.fsmEventCode !== undefined
        ? `${m.reasonName ?? `reason ${m.reason}`} (FSM event ${m.fsmEventCode})`
        : (m.reasonName ?? `reason ${m.reason}`),
    identity: ["bmp", router, p.address, p.distinguisherHex, stamp, "down", String(m.reason), m.dataHex],
  };
}

/** A parsed log line; `router` is the syslog host / source address or the file's configured router. */
export function draftFromLog(
  e: BgpLogEvent,
  fallbackRouter: string,
  source: "syslog" | "file",
  receivedAt: Date,
  line: string = e.raw,
): BgpEventDraft {
  const router = e.router ?? fallbackRouter;
  const text = e.communication ?? null;
  const bytes =
    e.communicationHex !== undefined
      ? e.communicationHex.length / 2
      : text !== null
        ? Buffer.byteLength(text, "utf8")
        : null;
  const kind: BgpEventKind = e.event === "session-down" ? "down" : "notification";
  return {
    at: parseLogTimestamp(e.timestamp, receivedAt) ?? receivedAt,
    router,
    peerAddress: e.peer ?? null,
    peerAs: e.peerAs ?? null,
    peerName: e.peerName ?? null,
    kind,
    direction: e.direction ?? "unknown",
    code: e.code ?? null,
    subcode: e.subcode ?? null,
    codeName: e.codeName ?? null,
    subcodeName: e.subcodeName ?? null,
    text,
    textBytes: bytes,
    status: text !== null ? "ok" : null,
    findings: [...e.findings],
    rawHex: e.communicationHex ?? e.dataHex ?? null,
    rawLine: line,
    reason: e.reason ?? null,
    source,
    format: e.format,
    // The same line from syslog and from the file is one event; a replayed file is the same lines.
    identity: ["log", router, line],
  };
}
