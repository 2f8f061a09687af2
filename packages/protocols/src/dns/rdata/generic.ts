import { fromHex } from "../encoding";
import { EncodeError, MAX_RDATA_OCTETS } from "../errors";
import { lowerNameInPlace } from "../names";
import type { ByteWriter } from "../writer";
import { type TokenCursor, parseUint } from "./cursor";

/** RFC 3597 §5: `\# <length> <hex...>`. The `\#` token has already been consumed. */
export function encodeGeneric(c: TokenCursor, w: ByteWriter): void {
  const lenText = c.word("generic RDATA length");
  const len = parseUint(lenText, MAX_RDATA_OCTETS);
  if (len < 0) {
    c.back();
    throw new EncodeError(`invalid generic RDATA length '${lenText}'`);
  }
  const start = c.pos;
  const hex = c.rest("generic RDATA", len === 0);
  const bytes = fromHex(hex, "generic RDATA");
  if (bytes.length !== len) {
    c.pos = start;
    throw new EncodeError(`generic RDATA is ${bytes.length} octets but its length field says ${len}`);
  }
  w.bytes(bytes);
}

function skipCharString(rd: Uint8Array, p: number): number {
  const len = rd[p];
  if (len === undefined || p + 1 + len > rd.length)
    throw new EncodeError("truncated character-string in rdata");
  return p + 1 + len;
}

function expectEnd(rd: Uint8Array, p: number, what: string): void {
  if (p !== rd.length) throw new EncodeError(`${what}: RDATA length does not match its content`);
}

function need(rd: Uint8Array, n: number, what: string): void {
  if (rd.length < n) throw new EncodeError(`${what}: RDATA too short`);
}

/**
 * Canonicalises RDATA that arrived in wire form (RFC 3597 generic syntax of a known type):
 * lower-cases embedded names for the types RFC 4034 §6.2 / RFC 6840 §5.1 name, validating
 * the layout as it walks it, so `TYPE2 \# ...` digests exactly like the NS it encodes.
 * Also checks fixed sizes of A/AAAA. Mutates `rd`.
 */
export function canonicalizeWireRdata(type: number, rd: Uint8Array, typeName: string): void {
  switch (type) {
    case 1:
      if (rd.length !== 4) throw new EncodeError(`${typeName}: RDATA must be 4 octets`);
      return;
    case 28:
      if (rd.length !== 16) throw new EncodeError(`${typeName}: RDATA must be 16 octets`);
      return;
    case 2:
    case 3:
    case 4:
    case 5:
    case 7:
    case 8:
    case 9:
    case 12:
    case 39:
      expectEnd(rd, lowerNameInPlace(rd, 0), typeName);
      return;
    case 6: {
      const p = lowerNameInPlace(rd, lowerNameInPlace(rd, 0));
      expectEnd(rd, p + 20, typeName);
      return;
    }
    case 14:
    case 17:
      expectEnd(rd, lowerNameInPlace(rd, lowerNameInPlace(rd, 0)), typeName);
      return;
    case 15:
    case 18:
    case 21:
    case 36:
      need(rd, 3, typeName);
      expectEnd(rd, lowerNameInPlace(rd, 2), typeName);
      return;
    case 26:
      need(rd, 4, typeName);
      expectEnd(rd, lowerNameInPlace(rd, lowerNameInPlace(rd, 2)), typeName);
      return;
    case 33:
      need(rd, 7, typeName);
      expectEnd(rd, lowerNameInPlace(rd, 6), typeName);
      return;
    case 35: {
      need(rd, 5, typeName);
      let p = 4;
      for (let i = 0; i < 3; i++) p = skipCharString(rd, p);
      expectEnd(rd, lowerNameInPlace(rd, p), typeName);
      return;
    }
    case 24:
    case 46:
      need(rd, 19, typeName);
      lowerNameInPlace(rd, 18);
      return;
    case 30:
      lowerNameInPlace(rd, 0);
      return;
    case 38: {
      need(rd, 1, typeName);
      const prefix = rd[0]!;
      if (prefix > 128) throw new EncodeError(`${typeName}: prefix length above 128`);
      const p = 1 + ((128 - prefix + 7) >> 3);
      if (prefix === 0) expectEnd(rd, p, typeName);
      else expectEnd(rd, lowerNameInPlace(rd, p), typeName);
      return;
    }
    default:
      return;
  }
}
