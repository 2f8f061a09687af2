// ASAP (RFC 5352 §2) and ENRP (RFC 5353 §2) messages: a 4-octet header (type, flags, length that
// includes the header) and, for ENRP, the sending and receiving server identifiers.

import type { Param, ParamList, UnknownParam } from "./params";

export const ASAP_TYPES: Readonly<Record<number, string>> = {
  1: "ASAP Registration",
  2: "ASAP Deregistration",
  3: "ASAP Registration Response",
  4: "ASAP Deregistration Response",
  5: "ASAP Handle Resolution",
  6: "ASAP Handle Resolution Response",
  7: "ASAP Endpoint Keep-Alive",
  8: "ASAP Endpoint Keep-Alive Acknowledgement",
  9: "ASAP Endpoint Unreachable",
  10: "ASAP Server Announce",
  11: "ASAP Cookie",
  12: "ASAP Cookie Echo",
  13: "ASAP Business Card",
  14: "ASAP Error",
};
export const ASAP = {
  registration: 1,
  deregistration: 2,
  registrationResponse: 3,
  deregistrationResponse: 4,
  handleResolution: 5,
  handleResolutionResponse: 6,
  endpointKeepAlive: 7,
  endpointKeepAliveAck: 8,
  endpointUnreachable: 9,
  serverAnnounce: 10,
  cookie: 11,
  cookieEcho: 12,
  businessCard: 13,
  error: 14,
} as const;

export const ENRP_TYPES: Readonly<Record<number, string>> = {
  1: "ENRP Presence",
  2: "ENRP Handle Table Request",
  3: "ENRP Handle Table Response",
  4: "ENRP Handle Update",
  5: "ENRP List Request",
  6: "ENRP List Response",
  7: "ENRP Init Takeover",
  8: "ENRP Init Takeover Ack",
  9: "ENRP Takeover Server",
  10: "ENRP Error",
};
export const ENRP = {
  presence: 1,
  handleTableRequest: 2,
  handleTableResponse: 3,
  handleUpdate: 4,
  listRequest: 5,
  listResponse: 6,
  initTakeover: 7,
  initTakeoverAck: 8,
  takeoverServer: 9,
  error: 10,
} as const;

export const UPDATE_ACTIONS: Readonly<Record<number, string>> = { 0: "ADD_PE", 1: "DEL_PE" };

interface MessageBase extends ParamList {
  type: number;
  name: string;
  flags: number;
  length: number;
  /** Named flag bits that are set or clear for this message type (R, H, W, M, T). */
  bits: Record<string, boolean>;
}
export interface AsapMessage extends MessageBase {
  protocol: "asap";
  /** Endpoint Keep-Alive and Server Announce carry the registrar's identifier after the header. */
  serverId?: number;
}
export interface EnrpMessage extends MessageBase {
  protocol: "enrp";
  senderId: number;
  receiverId: number;
  /** Init Takeover, Init Takeover Ack, Takeover Server. */
  targetId?: number;
  /** Handle Update: 0 ADD_PE, 1 DEL_PE. */
  updateAction?: number;
}
export type RserpoolMessage = AsapMessage | EnrpMessage;
export type { Param, UnknownParam };

/** The flag bits each message type defines (bit value by name); others must be zero but are kept. */
export const ASAP_BITS: Readonly<Record<number, Record<string, number>>> = {
  3: { R: 0x01 },
  4: { R: 0x01 },
  7: { H: 0x01 },
};
export const ENRP_BITS: Readonly<Record<number, Record<string, number>>> = {
  1: { R: 0x01 },
  2: { W: 0x01 },
  3: { M: 0x02, R: 0x01 },
  4: { T: 0x01 },
  6: { R: 0x01 },
};

export function namedBits(
  table: Readonly<Record<number, Record<string, number>>>,
  type: number,
  flags: number,
) {
  const out: Record<string, boolean> = {};
  for (const [k, v] of Object.entries(table[type] ?? {})) out[k] = (flags & v) !== 0;
  return out;
}

/** First parameter of a kind, typed. */
export function param<K extends Param["kind"]>(
  m: { params: Param[] },
  kind: K,
): Extract<Param, { kind: K }> | undefined {
  return m.params.find((p) => p.kind === kind) as Extract<Param, { kind: K }> | undefined;
}
export function paramsOf<K extends Param["kind"]>(
  m: { params: Param[] },
  kind: K,
): Extract<Param, { kind: K }>[] {
  return m.params.filter((p) => p.kind === kind) as Extract<Param, { kind: K }>[];
}
