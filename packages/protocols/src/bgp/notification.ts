// NOTIFICATION message (RFC 4271 §4.5): error code, subcode, data. Cease/2 and Cease/4 data is a Shutdown
// Communication (RFC 9003); Cease/9 (Hard Reset, RFC 8538 §3) data is an encapsulated code/subcode/data.
import { toHex } from "./bytes";
import {
  BgpErrorCode,
  BgpMessageType,
  CeaseSubcode,
  carriesShutdownCommunication,
  errorCodeName,
  errorSubcodeName,
  isKnownError,
} from "./codes";
import { type HeaderOptions, decodeBgpMessage, encodeBgpMessage } from "./header";
import { type DecodeError, type EncodeError, type Result, decodeError, fail, ok } from "./result";
import {
  type ShutdownCommunication,
  type ShutdownEncodeOptions,
  decodeShutdownCommunicationHex,
  encodeShutdownCommunication,
} from "./shutdown";

export interface HardReset {
  /** The encapsulated NOTIFICATION; undefined when Cease/9 arrived without the two mandatory octets. */
  inner: BgpNotification | undefined;
  findings: ("missing-encapsulated" | "nested-hard-reset")[];
}

export interface BgpNotification {
  code: number;
  subcode: number;
  codeName: string;
  subcodeName: string;
  /** Both code and subcode are registered. */
  known: boolean;
  dataHex: string;
  dataLength: number;
  /** Present for Cease/2 and Cease/4 only (other subcodes' data is opaque, see the FRR 6/3 sample). */
  shutdown?: ShutdownCommunication;
  /** Present for Cease/9 only. */
  hardReset?: HardReset;
}

// An encapsulated Hard Reset should not nest, but a hostile peer can; stop decoding after this depth.
const MAX_HARD_RESET_DEPTH = 2;

/** Decodes the NOTIFICATION body (after the 19-octet header). */
export function decodeNotificationBody(body: Uint8Array): Result<BgpNotification, DecodeError> {
  return decodeBody(body, 0, toHex(body));
}

/** As decodeNotificationBody, given `bodyHex` = toHex(body): the hex fields are slices of it. */
export function decodeNotificationBodyHex(
  body: Uint8Array,
  bodyHex: string,
): Result<BgpNotification, DecodeError> {
  return decodeBody(body, 0, bodyHex);
}

function decodeBody(body: Uint8Array, depth: number, bodyHex: string): Result<BgpNotification, DecodeError> {
  if (body.length < 2) {
    return fail(
      decodeError("truncated", `NOTIFICATION needs code and subcode, have ${body.length} octets`, 0),
    );
  }
  const code = body[0] ?? 0;
  const subcode = body[1] ?? 0;
  const data = body.subarray(2);
  const dataHex = bodyHex.slice(4);
  const n: BgpNotification = {
    code,
    subcode,
    codeName: errorCodeName(code),
    subcodeName: errorSubcodeName(code, subcode),
    known: isKnownError(code, subcode),
    dataHex,
    dataLength: data.length,
  };
  if (carriesShutdownCommunication(code, subcode)) {
    n.shutdown = decodeShutdownCommunicationHex(data, dataHex);
  } else if (code === BgpErrorCode.Cease && subcode === CeaseSubcode.HardReset) {
    if (data.length < 2) {
      n.hardReset = { inner: undefined, findings: ["missing-encapsulated"] };
    } else if (depth >= MAX_HARD_RESET_DEPTH) {
      n.hardReset = { inner: undefined, findings: ["nested-hard-reset"] };
    } else {
      const inner = decodeBody(data, depth + 1, dataHex);
      const findings: HardReset["findings"] = [];
      if (
        inner.ok &&
        inner.value.code === BgpErrorCode.Cease &&
        inner.value.subcode === CeaseSubcode.HardReset
      ) {
        findings.push("nested-hard-reset");
      }
      n.hardReset = { inner: inner.ok ? inner.value : undefined, findings };
    }
  }
  return ok(n);
}

export interface DecodedNotificationMessage {
  length: number;
  notification: BgpNotification;
}

/** Decodes a whole BGP message (header included) that must be a NOTIFICATION. */
export function decodeNotification(
  message: Uint8Array,
  options: HeaderOptions = {},
): Result<DecodedNotificationMessage, DecodeError> {
  const m = decodeBgpMessage(message, options);
  if (!m.ok) return m;
  if (m.value.header.type !== BgpMessageType.Notification) {
    return fail(decodeError("bad-type", `expected NOTIFICATION (3), got type ${m.value.header.type}`, 18));
  }
  const n = decodeNotificationBody(m.value.body);
  if (!n.ok) return fail({ ...n.error, offset: (n.error.offset ?? 0) + 19 });
  return ok({ length: m.value.header.length, notification: n.value });
}

export interface NotificationInput {
  code: number;
  subcode: number;
  data?: Uint8Array;
}

function octet(v: number): boolean {
  return Number.isInteger(v) && v >= 0 && v <= 255;
}

/** Full NOTIFICATION message (header included). */
export function encodeNotification(
  n: NotificationInput,
  options: HeaderOptions = {},
): Result<Uint8Array, EncodeError> {
  if (!octet(n.code) || !octet(n.subcode)) {
    return fail({ code: "out-of-range", message: "code and subcode must be octets" });
  }
  const data = n.data ?? new Uint8Array(0);
  const body = new Uint8Array(2 + data.length);
  body[0] = n.code;
  body[1] = n.subcode;
  body.set(data, 2);
  return encodeBgpMessage(BgpMessageType.Notification, body, options);
}

/** Cease/2 or Cease/4 with a Shutdown Communication (validated: UTF-8, ≤255 or ≤128 octets). */
export function encodeShutdownNotification(
  subcode: typeof CeaseSubcode.AdministrativeShutdown | typeof CeaseSubcode.AdministrativeReset,
  text: string,
  options: ShutdownEncodeOptions = {},
): Result<Uint8Array, EncodeError> {
  const comm = encodeShutdownCommunication(text, options);
  if (!comm.ok) return comm;
  return encodeNotification({ code: BgpErrorCode.Cease, subcode, data: comm.value });
}

/** Cease/9 Hard Reset wrapping another NOTIFICATION's code/subcode/data (RFC 8538 §3). */
export function encodeHardResetNotification(inner: NotificationInput): Result<Uint8Array, EncodeError> {
  if (!octet(inner.code) || !octet(inner.subcode)) {
    return fail({ code: "out-of-range", message: "code and subcode must be octets" });
  }
  const innerData = inner.data ?? new Uint8Array(0);
  const data = new Uint8Array(2 + innerData.length);
  data[0] = inner.code;
  data[1] = inner.subcode;
  data.set(innerData, 2);
  return encodeNotification({ code: BgpErrorCode.Cease, subcode: CeaseSubcode.HardReset, data });
}

/** One-line human summary, e.g. `Cease/Administrative Shutdown (6/2): "text"`; hex for anything uninterpretable. */
export function describeNotification(n: BgpNotification): string {
  let s = `${n.codeName}/${n.subcodeName} (${n.code}/${n.subcode})`;
  if (n.hardReset?.inner) s += ` encapsulating ${describeNotification(n.hardReset.inner)}`;
  const sc = n.shutdown;
  if (sc) {
    if (sc.status === "ok") s += `: ${JSON.stringify(sc.text)}`;
    else if (sc.status !== "absent") s += ` [${sc.status}] data ${sc.rawHex}`;
    if (sc.trailingHex) s += ` trailing ${sc.trailingHex}`;
  } else if (!n.hardReset && n.dataLength > 0) {
    s += ` data ${n.dataHex}`;
  }
  return s;
}
