// BGP message header (RFC 4271 §4.1): 16-octet all-ones marker, 2-octet length, 1-octet type.
import { BgpMessageType, MESSAGE_TYPE_NAMES } from "./codes";
import { type DecodeError, type EncodeError, type Result, decodeError, fail, ok } from "./result";
import { u16 } from "./bytes";

export const BGP_HEADER_LENGTH = 19;
export const BGP_MAX_MESSAGE_LENGTH = 4096;
/** RFC 8654 Extended Message support raises the limit for everything but OPEN and KEEPALIVE. */
export const BGP_EXTENDED_MAX_MESSAGE_LENGTH = 65535;

// Minimum total lengths per type (RFC 4271 §4.2–4.5, RFC 2918 for ROUTE-REFRESH).
const MIN_LENGTH: Readonly<Record<number, number>> = { 1: 29, 2: 23, 3: 21, 4: 19, 5: 23 };

export interface BgpHeader {
  length: number;
  type: number;
  typeName: string | undefined;
}

export interface BgpMessage {
  header: BgpHeader;
  /** The octets after the header, exactly `header.length - 19` of them. */
  body: Uint8Array;
}

export interface HeaderOptions {
  /** Accept lengths up to 65535 (RFC 8654). Default false: 4096. */
  extendedMessages?: boolean;
  /** Accept types other than 1–5 (they still get typeName undefined). Default false. */
  allowUnknownTypes?: boolean;
}

export function decodeBgpHeader(
  buf: Uint8Array,
  options: HeaderOptions = {},
): Result<BgpHeader, DecodeError> {
  if (buf.length < BGP_HEADER_LENGTH) {
    return fail(
      decodeError("truncated", `need ${BGP_HEADER_LENGTH} octets for a header, have ${buf.length}`, 0),
    );
  }
  for (let i = 0; i < 16; i++) {
    if (buf[i] !== 0xff) return fail(decodeError("bad-marker", "marker is not all ones", i));
  }
  const length = u16(buf, 16);
  const type = buf[18] ?? 0;
  const max = options.extendedMessages ? BGP_EXTENDED_MAX_MESSAGE_LENGTH : BGP_MAX_MESSAGE_LENGTH;
  if (length < BGP_HEADER_LENGTH || length > max) {
    return fail(
      decodeError("bad-length", `message length ${length} outside ${BGP_HEADER_LENGTH}..${max}`, 16),
    );
  }
  const typeName = MESSAGE_TYPE_NAMES[type];
  if (typeName === undefined && !options.allowUnknownTypes) {
    return fail(decodeError("bad-type", `unknown message type ${type}`, 18));
  }
  const min = MIN_LENGTH[type];
  if (min !== undefined && (length < min || (type === BgpMessageType.Keepalive && length !== min))) {
    return fail(decodeError("bad-length", `length ${length} invalid for ${typeName} (minimum ${min})`, 16));
  }
  return ok({ length, type, typeName });
}

/** Header plus body; octets past `length` are ignored (callers frame streams themselves). */
export function decodeBgpMessage(
  buf: Uint8Array,
  options: HeaderOptions = {},
): Result<BgpMessage, DecodeError> {
  const h = decodeBgpHeader(buf, options);
  if (!h.ok) return h;
  if (buf.length < h.value.length) {
    return fail(decodeError("truncated", `message says ${h.value.length} octets, have ${buf.length}`, 16));
  }
  return ok({ header: h.value, body: buf.subarray(BGP_HEADER_LENGTH, h.value.length) });
}

export function encodeBgpMessage(
  type: number,
  body: Uint8Array,
  options: HeaderOptions = {},
): Result<Uint8Array, EncodeError> {
  const max = options.extendedMessages ? BGP_EXTENDED_MAX_MESSAGE_LENGTH : BGP_MAX_MESSAGE_LENGTH;
  const length = BGP_HEADER_LENGTH + body.length;
  if (length > max)
    return fail({ code: "too-long", message: `message would be ${length} octets (max ${max})` });
  if (!Number.isInteger(type) || type < 0 || type > 255) {
    return fail({ code: "out-of-range", message: `type ${type} is not an octet` });
  }
  const out = new Uint8Array(length);
  out.fill(0xff, 0, 16);
  out[16] = length >> 8;
  out[17] = length & 0xff;
  out[18] = type;
  out.set(body, BGP_HEADER_LENGTH);
  return ok(out);
}
