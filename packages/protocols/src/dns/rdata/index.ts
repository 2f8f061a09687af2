import { EncodeError } from "../errors";
import type { ByteWriter } from "../writer";
import {
  type Encoder,
  encodeA,
  encodeAAAA,
  encodeHINFO,
  encodeISDN,
  encodeNAPTR,
  encodeName,
  encodePrefName,
  encodePX,
  encodeSOA,
  encodeSRV,
  encodeTwoNames,
  encodeTXT,
  encodeX25,
} from "./basic";
import type { TokenCursor } from "./cursor";
import {
  encodeBase64,
  encodeCERT,
  encodeCSYNC,
  encodeDNSKEY,
  encodeDS,
  encodeHIP,
  encodeIPSECKEY,
  encodeNSEC,
  encodeNSEC3,
  encodeNSEC3PARAM,
  encodeRRSIG,
  encodeSSHFP,
  encodeTLSA,
  encodeZONEMD,
} from "./dnssec";
import { encodeGeneric } from "./generic";
import { encodeLOC } from "./loc";
import { encodeAPL, encodeCAA, encodeEUI48, encodeEUI64, encodeURIRecord } from "./misc";
import { encodeSVCB } from "./svcb";

export { canonicalizeWireRdata } from "./generic";
export { TokenCursor } from "./cursor";

/** Presentation-format encoders by type code. Anything else must use RFC 3597 `\#`. */
const ENCODERS: ReadonlyMap<number, Encoder> = new Map<number, Encoder>([
  [1, encodeA],
  [2, encodeName],
  [3, encodeName],
  [4, encodeName],
  [5, encodeName],
  [6, encodeSOA],
  [7, encodeName],
  [8, encodeName],
  [9, encodeName],
  [12, encodeName],
  [13, encodeHINFO],
  [14, encodeTwoNames],
  [15, encodePrefName],
  [16, encodeTXT],
  [17, encodeTwoNames],
  [18, encodePrefName],
  [19, encodeX25],
  [20, encodeISDN],
  [21, encodePrefName],
  [23, encodeName],
  [24, encodeRRSIG],
  [25, encodeDNSKEY],
  [26, encodePX],
  [28, encodeAAAA],
  [29, encodeLOC],
  [33, encodeSRV],
  [35, encodeNAPTR],
  [36, encodePrefName],
  [37, encodeCERT],
  [39, encodeName],
  [42, encodeAPL],
  [43, encodeDS],
  [44, encodeSSHFP],
  [45, encodeIPSECKEY],
  [46, encodeRRSIG],
  [47, encodeNSEC],
  [48, encodeDNSKEY],
  [49, encodeBase64],
  [50, encodeNSEC3],
  [51, encodeNSEC3PARAM],
  [52, encodeTLSA],
  [53, encodeTLSA],
  [55, encodeHIP],
  [59, encodeDS],
  [60, encodeDNSKEY],
  [61, encodeBase64],
  [62, encodeCSYNC],
  [63, encodeZONEMD],
  [64, encodeSVCB],
  [65, encodeSVCB],
  [99, encodeTXT],
  [108, encodeEUI48],
  [109, encodeEUI64],
  [256, encodeURIRecord],
  [257, encodeCAA],
  [32768, encodeDS],
  [32769, encodeDS],
]);

/** Types that have a presentation-format encoder here (others parse only as `\#`). */
export function hasPresentationEncoder(type: number): boolean {
  return ENCODERS.has(type);
}

/**
 * Encodes the remaining tokens of `c` as RDATA of `type` into `w`. Returns true when the
 * RFC 3597 generic form was used (then names are still in input case and the caller
 * canonicalises the wire form).
 */
export function encodeRdata(type: number, c: TokenCursor, w: ByteWriter, lower: boolean): boolean {
  if (c.peek() === "\\#" && !c.peekQuoted()) {
    c.pos++;
    encodeGeneric(c, w);
    return true;
  }
  const enc = ENCODERS.get(type);
  if (enc === undefined) {
    throw new EncodeError(
      `no presentation format is known for ${c.typeName}; write it in RFC 3597 form (\\# length hex)`,
      "bad_rdata",
    );
  }
  enc(c, w, lower);
  c.done();
  return false;
}
