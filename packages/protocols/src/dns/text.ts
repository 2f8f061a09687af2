import { classToText, typeToText } from "./constants";
import { toHex } from "./encoding";
import { nameToText } from "./names";
import type { ZoneRecord } from "./parser";

/** RFC 3597 §5 generic presentation of RDATA: `\# <length> <hex>`. */
export function rdataToGeneric(rdata: Uint8Array): string {
  return rdata.length === 0 ? "\\# 0" : `\\# ${rdata.length} ${toHex(rdata)}`;
}

/**
 * One-line presentation of a record with generic RDATA. Lossless for every type, so it is
 * what logs and round-trip tests use; it re-parses to identical wire data.
 */
export function recordToText(rec: ZoneRecord): string {
  return `${nameToText(rec.owner)} ${rec.ttl} ${classToText(rec.class)} ${typeToText(rec.type)} ${rdataToGeneric(rec.rdata)}`;
}
