/**
 * @netops/protocols/dns — pure DNS zone-file parsing, canonical wire form and RFC 8976 ZONEMD.
 * No I/O: callers feed text and resolve $INCLUDE themselves.
 */
export {
  compareBytes,
  compareNames,
  compareRecords,
  canonicalOrder,
  nameSortKey,
  recordToWire,
  writeRecordWire,
  type CanonicalResult,
} from "./canonical";
export {
  CLASS_IN,
  DNS_CLASSES,
  LOWERCASE_NAME_TYPES,
  RR_TYPES,
  RRType,
  classFromText,
  classToText,
  typeFromText,
  typeToText,
} from "./constants";
export { fromBase64, fromHex, toHex } from "./encoding";
export {
  DEFAULT_LIMITS,
  MAX_CHARSTRING_OCTETS,
  MAX_LABEL_OCTETS,
  MAX_NAME_OCTETS,
  MAX_RDATA_OCTETS,
  ZoneParseError,
  type ZoneErrorCode,
  type ZoneLimits,
} from "./errors";
export { bytesEqual, isAtOrBelow, labelCount, nameFromText, nameToText } from "./names";
export {
  ZoneParser,
  bytesToLatin1,
  parseZone,
  parseZoneStream,
  type IncludeRequest,
  type IncludeResolver,
  type IncludeSource,
  type ParseBatch,
  type ParseResult,
  type ParserSnapshot,
  type ZoneParserOptions,
  type ZoneRecord,
} from "./parser";
export { recordToText, rdataToGeneric } from "./text";
export { parseTtl } from "./ttl";
export {
  ZONEMD_HASH_SHA384,
  ZONEMD_HASH_SHA512,
  ZONEMD_SCHEME_SIMPLE,
  computeZoneDigests,
  decodeZonemdRdata,
  encodeZonemdRdata,
  generateZonemd,
  verifyZoneStream,
  verifyZoneText,
  verifyZonemd,
  zonemdDigestSize,
  zonemdPlaceholder,
  type GeneratedZonemd,
  type ZoneDigest,
  type ZonemdCheck,
  type ZonemdCheckOutcome,
  type ZonemdCounts,
  type ZonemdOptions,
  type ZonemdRdata,
  type ZonemdStatus,
  type ZonemdTiming,
  type ZonemdVerdict,
  type HasherFactory,
  type ZoneHasher,
  verifyWireZone,
} from "./zonemd";
export { WireZone, type RecordSink, type WireZoneParts } from "./wire-zone";
export {
  CLASS_ANY,
  DnsMessageError,
  RCODES,
  TYPE_AXFR,
  TYPE_TSIG,
  TcpFrameReader,
  decodeHeader,
  decodeMessage,
  decodeSoaRdata,
  encodeQuery,
  encodeResponse,
  rcodeText,
  recordWireSize,
  serialLessThan,
  tcpFrame,
  type DecodeOptions,
  type DnsHeader,
  type DnsMessage,
  type DnsQuestion,
  type QueryOptions,
  type ResponseOptions,
  type SoaFields,
  type TsigRecord,
} from "./message";
export {
  TSIG_ALGORITHMS,
  TsigError,
  TsigResponseVerifier,
  isTsigAlgorithm,
  parseTsigSpec,
  signQuery,
  type TsigAlgorithm,
  type TsigKey,
} from "./tsig";
export { AxfrCollector, AxfrError, DEFAULT_AXFR_LIMITS, type AxfrLimits } from "./axfr";
export { recordToPresentation } from "./present";
export { DNS_FAILED_STATUSES, dnsHealth, type DnsHealth } from "./health";
export { ZoneUpload, zonemdCheckSummary, type ZoneUploadOptions, type ZoneUploadVerdict } from "./upload";
