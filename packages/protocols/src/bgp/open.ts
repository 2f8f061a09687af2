// Minimal OPEN decode (RFC 4271 §4.2) for BMP Peer Up: version, AS, hold time, BGP ID, capabilities
// (RFC 5492), 4-octet AS (RFC 6793) and the RFC 9072 extended optional-parameters length.
import { ipv4, toHex, u16, u32 } from "./bytes";
import { BgpMessageType } from "./codes";
import { decodeBgpMessage } from "./header";
import { type DecodeError, type Result, decodeError, fail, ok } from "./result";

export interface BgpCapability {
  code: number;
  length: number;
  valueHex: string;
}

export interface BgpOpen {
  version: number;
  /** The 2-octet "My Autonomous System" field (23456 = AS_TRANS when the real AS is 4-octet). */
  myAs: number;
  holdTime: number;
  bgpId: string;
  capabilities: BgpCapability[];
  /** From the 4-octet AS capability (code 65), if advertised. */
  fourOctetAs: number | undefined;
  /** fourOctetAs when present, else myAs. */
  asn: number;
  findings: ("truncated-parameters" | "truncated-capability")[];
}

const CAP_FOUR_OCTET_AS = 65;

export function decodeOpenBody(body: Uint8Array): Result<BgpOpen, DecodeError> {
  if (body.length < 10)
    return fail(decodeError("truncated", `OPEN body needs 10 octets, have ${body.length}`, 0));
  const version = body[0] ?? 0;
  const myAs = u16(body, 1);
  const holdTime = u16(body, 3);
  const bgpId = ipv4(body, 5);
  let optLen = body[9] ?? 0;
  let p = 10;
  let extended = false;
  // RFC 9072: length 255 followed by type 255 means 2-octet lengths follow.
  if (optLen === 255 && body[10] === 255 && body.length >= 13) {
    extended = true;
    optLen = u16(body, 11);
    p = 13;
  }
  const findings: BgpOpen["findings"] = [];
  const end = Math.min(body.length, p + optLen);
  if (p + optLen > body.length) findings.push("truncated-parameters");
  const capabilities: BgpCapability[] = [];
  let fourOctetAs: number | undefined;
  while (p < end) {
    const ptype = body[p] ?? 0;
    const hdr = extended ? 3 : 2;
    if (p + hdr > end) {
      findings.push("truncated-parameters");
      break;
    }
    const plen = extended ? u16(body, p + 1) : (body[p + 1] ?? 0);
    const vstart = p + hdr;
    const vend = vstart + plen;
    if (vend > end) {
      findings.push("truncated-parameters");
      break;
    }
    if (ptype === 2) {
      let c = vstart;
      while (c < vend) {
        if (c + 2 > vend) {
          findings.push("truncated-capability");
          break;
        }
        const code = body[c] ?? 0;
        const clen = body[c + 1] ?? 0;
        if (c + 2 + clen > vend) {
          findings.push("truncated-capability");
          break;
        }
        const value = body.subarray(c + 2, c + 2 + clen);
        capabilities.push({ code, length: clen, valueHex: toHex(value) });
        if (code === CAP_FOUR_OCTET_AS && clen === 4) fourOctetAs = u32(value, 0);
        c += 2 + clen;
      }
    }
    p = vend;
  }
  return ok({
    version,
    myAs,
    holdTime,
    bgpId,
    capabilities,
    fourOctetAs,
    asn: fourOctetAs ?? myAs,
    findings,
  });
}

/** Whole OPEN message (header included). */
export function decodeOpen(message: Uint8Array): Result<BgpOpen & { length: number }, DecodeError> {
  const m = decodeBgpMessage(message);
  if (!m.ok) return m;
  if (m.value.header.type !== BgpMessageType.Open) {
    return fail(decodeError("bad-type", `expected OPEN (1), got type ${m.value.header.type}`, 18));
  }
  const o = decodeOpenBody(m.value.body);
  if (!o.ok) return o;
  return ok({ ...o.value, length: m.value.header.length });
}
