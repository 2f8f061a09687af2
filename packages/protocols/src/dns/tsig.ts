/**
 * TSIG (RFC 8945): HMAC signing of a query and verification of the (possibly multi-message)
 * response. HMAC is computation, not I/O; the clock is passed in.
 */
import { tsigHmac } from "#tsig-hmac";
import { fromBase64 } from "./encoding";
import { nameFromText, nameToText } from "./names";
import { type DnsMessage, TYPE_TSIG, CLASS_ANY, rcodeText } from "./message";
import { ByteWriter } from "./writer";

/** Algorithm names (RFC 8945 §6) and their node:crypto digests. */
export const TSIG_ALGORITHMS = {
  "hmac-sha1": "sha1",
  "hmac-sha224": "sha224",
  "hmac-sha256": "sha256",
  "hmac-sha384": "sha384",
  "hmac-sha512": "sha512",
} as const;
export type TsigAlgorithm = keyof typeof TSIG_ALGORITHMS;

export interface TsigKey {
  /** Key name, e.g. "xfr-key." */
  name: string;
  algorithm: TsigAlgorithm;
  secret: Uint8Array;
}

export class TsigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TsigError";
  }
}

export function isTsigAlgorithm(s: string): s is TsigAlgorithm {
  return Object.hasOwn(TSIG_ALGORITHMS, s);
}

/** Parses `name:algorithm:base64secret` (the form kdig -y and the CLI use; algorithm optional). */
export function parseTsigSpec(spec: string): TsigKey {
  const parts = spec.split(":");
  let alg = "hmac-sha256";
  let name: string;
  let secret: string;
  if (parts.length === 3)
    [alg, name, secret] = isTsigAlgorithm(parts[0]!)
      ? (parts as [string, string, string])
      : [parts[1]!, parts[0]!, parts[2]!];
  else if (parts.length === 2) [name, secret] = parts as [string, string];
  else throw new TsigError("TSIG key must be name:algorithm:base64secret");
  alg = alg.toLowerCase().replace(/\.$/, "");
  if (!isTsigAlgorithm(alg))
    throw new TsigError(
      `unsupported TSIG algorithm '${alg}' (use ${Object.keys(TSIG_ALGORITHMS).join(", ")})`,
    );
  const bytes = fromBase64(secret, "TSIG secret");
  if (bytes.length === 0) throw new TsigError("TSIG secret is empty");
  return { name: name.endsWith(".") ? name : `${name}.`, algorithm: alg, secret: bytes };
}

function u48(w: ByteWriter, v: number): void {
  w.u16(Math.floor(v / 2 ** 32) & 0xffff);
  w.u32(v >>> 0);
}

function variables(
  w: ByteWriter,
  key: TsigKey,
  time: number,
  fudge: number,
  error: number,
  other: Uint8Array,
): void {
  w.bytes(nameFromText(key.name));
  w.u16(CLASS_ANY);
  w.u32(0);
  w.bytes(nameFromText(`${key.algorithm}.`));
  u48(w, time);
  w.u16(fudge);
  w.u16(error);
  w.u16(other.length);
  w.bytes(other);
}

function hmac(key: TsigKey, data: Uint8Array): Uint8Array {
  return tsigHmac.mac(TSIG_ALGORITHMS[key.algorithm], key.secret, data);
}

/** Appends a TSIG RR to a query (RFC 8945 §5.1). `time` is in seconds since the epoch. */
export function signQuery(
  msg: Uint8Array,
  key: TsigKey,
  time: number,
  fudge = 300,
): { message: Uint8Array; mac: Uint8Array } {
  const d = new ByteWriter(msg.length + 128);
  d.bytes(msg);
  variables(d, key, time, fudge, 0, new Uint8Array(0));
  const mac = hmac(key, d.copy());
  const w = new ByteWriter(msg.length + 128);
  w.bytes(msg);
  w.patchU16(10, ((msg[10]! << 8) | msg[11]!) + 1);
  w.bytes(nameFromText(key.name));
  w.u16(TYPE_TSIG);
  w.u16(CLASS_ANY);
  w.u32(0);
  const rdStart = w.len;
  w.u16(0);
  w.bytes(nameFromText(`${key.algorithm}.`));
  u48(w, time);
  w.u16(fudge);
  w.u16(mac.length);
  w.bytes(mac);
  w.u16((msg[0]! << 8) | msg[1]!);
  w.u16(0);
  w.u16(0);
  w.patchU16(rdStart, w.len - rdStart - 2);
  return { message: w.copy(), mac };
}

/** The message as it was before the TSIG RR was added: RR cut, ARCOUNT − 1, original ID. */
function stripped(raw: Uint8Array, m: DnsMessage): Uint8Array {
  const out = raw.slice(0, m.tsigOffset);
  const ar = ((out[10]! << 8) | out[11]!) - 1;
  out[10] = ar >>> 8;
  out[11] = ar & 0xff;
  out[0] = m.tsig!.originalId >>> 8;
  out[1] = m.tsig!.originalId & 0xff;
  return out;
}

const TSIG_ERRORS: Record<number, string> = { 16: "BADSIG", 17: "BADKEY", 18: "BADTIME", 22: "BADTRUNC" };

/**
 * Verifies the responses to a signed query in order (RFC 8945 §5.3): the first and the last
 * message must be signed, and at most 99 unsigned messages may come between signed ones.
 */
export class TsigResponseVerifier {
  private prevMac: Uint8Array;
  private unsigned: Uint8Array[] = [];
  private count = 0;

  constructor(
    private readonly key: TsigKey,
    requestMac: Uint8Array,
    private readonly nowSeconds: () => number,
  ) {
    this.prevMac = requestMac;
  }

  /** Checks one response message; throws TsigError when it must be rejected. */
  verify(raw: Uint8Array, m: DnsMessage): void {
    const first = this.count === 0;
    this.count++;
    const t = m.tsig;
    if (t === null) {
      if (first) {
        throw new TsigError(
          `the server did not sign its response (rcode ${rcodeText(m.header.rcode)}); is the key known to it?`,
        );
      }
      this.unsigned.push(raw);
      if (this.unsigned.length >= 100)
        throw new TsigError("100 consecutive unsigned messages in the transfer");
      return;
    }
    if (nameToText(t.keyName) !== nameToText(nameFromText(this.key.name)))
      throw new TsigError(`response signed with key ${nameToText(t.keyName)}, not ${this.key.name}`);
    if (nameToText(t.algorithm) !== `${this.key.algorithm}.`)
      throw new TsigError(`response signed with ${nameToText(t.algorithm)}, not ${this.key.algorithm}`);
    if (t.error !== 0)
      throw new TsigError(`the server rejected our TSIG: ${TSIG_ERRORS[t.error] ?? `error ${t.error}`}`);
    const d = new ByteWriter(raw.length + 256);
    d.u16(this.prevMac.length);
    d.bytes(this.prevMac);
    for (const u of this.unsigned) d.bytes(u);
    d.bytes(stripped(raw, m));
    if (first) variables(d, this.key, t.timeSigned, t.fudge, t.error, t.otherData);
    else {
      u48(d, t.timeSigned);
      d.u16(t.fudge);
    }
    const expect = hmac(this.key, d.copy());
    if (!tsigHmac.equal(t.mac, expect)) throw new TsigError(`bad TSIG MAC on response message ${this.count}`);
    const now = this.nowSeconds();
    if (Math.abs(now - t.timeSigned) > t.fudge)
      throw new TsigError(`TSIG time ${t.timeSigned} is more than ${t.fudge} s from our clock (${now})`);
    this.prevMac = t.mac;
    this.unsigned = [];
  }

  /** After the last message: it must have been signed. */
  finish(): void {
    if (this.unsigned.length > 0) throw new TsigError("the last message of the transfer was not signed");
  }
}
