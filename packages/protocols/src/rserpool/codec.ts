// Decoders and encoders of whole ASAP and ENRP messages. Decoders throw RserpoolDecodeError with the
// offset (relative to `base`, the position of b[0] in what the caller holds) and never anything else.

import { u16, u32, u8, Writer } from "./bytes";
import { encodeParam } from "./encode-params";
import { fail } from "./errors";
import {
  ASAP_BITS,
  ASAP_TYPES,
  type AsapMessage,
  ENRP_BITS,
  ENRP_TYPES,
  type EnrpMessage,
  namedBits,
} from "./message";
import { decodeParams, type Param, TOP_LEVEL } from "./params";

/** Largest message accepted (an ENRP Handle Table Response of a big handlespace still fits). */
export const MAX_MESSAGE = 65535;

function header(b: Uint8Array, base: number, min: number, what: string): number {
  if (b.length === 0) fail("empty", base, what, "empty payload (no message)");
  if (b.length < min) fail("truncated", base, `${what} header`, `needs ${min} bytes, got ${b.length}`);
  const length = u16(b, 2);
  if (length < min) fail("length", base + 2, `${what} length`, `${length} is below the ${min}-byte header`);
  if (length > b.length)
    fail("truncated", base + 2, `${what} length`, `says ${length}, only ${b.length} bytes`);
  if (length < b.length)
    fail("length", base + 2, `${what} length`, `says ${length}, payload has ${b.length} bytes`);
  return length;
}

export function decodeAsap(b: Uint8Array, base = 0): AsapMessage {
  const length = header(b, base, 4, "ASAP message");
  const type = u8(b, 0);
  const flags = u8(b, 1);
  const name = ASAP_TYPES[type];
  if (!name) fail("type", base, "ASAP message type", `unknown type ${type}`);
  let o = 4;
  let serverId: number | undefined;
  if (type === 7 || type === 10) {
    if (length < 8) fail("length", base + 2, `${name} length`, `${length}, at least 8 needed`);
    serverId = u32(b, 4);
    o = 8;
  }
  const list = decodeParams(b, o, length, base, TOP_LEVEL, name);
  const m: AsapMessage = {
    protocol: "asap",
    type,
    name,
    flags,
    length,
    bits: namedBits(ASAP_BITS, type, flags),
    ...list,
  };
  if (serverId !== undefined) m.serverId = serverId;
  return m;
}

export function decodeEnrp(b: Uint8Array, base = 0): EnrpMessage {
  const length = header(b, base, 12, "ENRP message");
  const type = u8(b, 0);
  const flags = u8(b, 1);
  const name = ENRP_TYPES[type];
  if (!name) fail("type", base, "ENRP message type", `unknown type ${type}`);
  let o = 12;
  let targetId: number | undefined;
  let updateAction: number | undefined;
  if (type >= 7 && type <= 9) {
    if (length < 16) fail("length", base + 2, `${name} length`, `${length}, at least 16 needed`);
    targetId = u32(b, 12);
    o = 16;
  } else if (type === 4) {
    if (length < 16) fail("length", base + 2, `${name} length`, `${length}, at least 16 needed`);
    updateAction = u16(b, 12);
    if (updateAction > 1)
      fail("value", base + 12, "Handle Update action", `${updateAction} is neither ADD_PE nor DEL_PE`);
    o = 16;
  }
  const list = decodeParams(b, o, length, base, TOP_LEVEL, name);
  const m: EnrpMessage = {
    protocol: "enrp",
    type,
    name,
    flags,
    length,
    bits: namedBits(ENRP_BITS, type, flags),
    senderId: u32(b, 4),
    receiverId: u32(b, 8),
    ...list,
  };
  if (targetId !== undefined) m.targetId = targetId;
  if (updateAction !== undefined) m.updateAction = updateAction;
  return m;
}

export interface AsapInput {
  type: number;
  flags?: number;
  serverId?: number;
  params: Param[];
}
export interface EnrpInput {
  type: number;
  flags?: number;
  senderId: number;
  receiverId: number;
  targetId?: number;
  updateAction?: number;
  params: Param[];
}

function finish(w: Writer): Uint8Array {
  w.setU16(2, w.length);
  return w.done();
}

export function encodeAsap(m: AsapInput): Uint8Array {
  const w = new Writer()
    .u8(m.type)
    .u8(m.flags ?? 0)
    .u16(0);
  if (m.type === 7 || m.type === 10) w.u32(m.serverId ?? 0);
  for (const p of m.params) encodeParam(w, p);
  return finish(w);
}

export function encodeEnrp(m: EnrpInput): Uint8Array {
  const w = new Writer()
    .u8(m.type)
    .u8(m.flags ?? 0)
    .u16(0)
    .u32(m.senderId)
    .u32(m.receiverId);
  if (m.type >= 7 && m.type <= 9) w.u32(m.targetId ?? 0);
  if (m.type === 4) w.u16(m.updateAction ?? 0).u16(0);
  for (const p of m.params) encodeParam(w, p);
  return finish(w);
}
