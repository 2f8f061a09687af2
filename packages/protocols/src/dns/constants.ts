/** RR type mnemonics (IANA "Resource Record (RR) TYPEs"). Unlisted types use the RFC 3597 TYPEnnn form. */
export const RR_TYPES: Readonly<Record<string, number>> = Object.freeze({
  A: 1,
  NS: 2,
  MD: 3,
  MF: 4,
  CNAME: 5,
  SOA: 6,
  MB: 7,
  MG: 8,
  MR: 9,
  NULL: 10,
  WKS: 11,
  PTR: 12,
  HINFO: 13,
  MINFO: 14,
  MX: 15,
  TXT: 16,
  RP: 17,
  AFSDB: 18,
  X25: 19,
  ISDN: 20,
  RT: 21,
  NSAP: 22,
  "NSAP-PTR": 23,
  SIG: 24,
  KEY: 25,
  PX: 26,
  GPOS: 27,
  AAAA: 28,
  LOC: 29,
  NXT: 30,
  EID: 31,
  NIMLOC: 32,
  SRV: 33,
  ATMA: 34,
  NAPTR: 35,
  KX: 36,
  CERT: 37,
  A6: 38,
  DNAME: 39,
  SINK: 40,
  OPT: 41,
  APL: 42,
  DS: 43,
  SSHFP: 44,
  IPSECKEY: 45,
  RRSIG: 46,
  NSEC: 47,
  DNSKEY: 48,
  DHCID: 49,
  NSEC3: 50,
  NSEC3PARAM: 51,
  TLSA: 52,
  SMIMEA: 53,
  HIP: 55,
  NINFO: 56,
  RKEY: 57,
  TALINK: 58,
  CDS: 59,
  CDNSKEY: 60,
  OPENPGPKEY: 61,
  CSYNC: 62,
  ZONEMD: 63,
  SVCB: 64,
  HTTPS: 65,
  DSYNC: 66,
  SPF: 99,
  UINFO: 100,
  UID: 101,
  GID: 102,
  UNSPEC: 103,
  NID: 104,
  L32: 105,
  L64: 106,
  LP: 107,
  EUI48: 108,
  EUI64: 109,
  TKEY: 249,
  TSIG: 250,
  IXFR: 251,
  AXFR: 252,
  MAILB: 253,
  MAILA: 254,
  URI: 256,
  CAA: 257,
  AVC: 258,
  DOA: 259,
  AMTRELAY: 260,
  RESINFO: 261,
  TA: 32768,
  DLV: 32769,
});

export const RRType = {
  A: 1,
  NS: 2,
  CNAME: 5,
  SOA: 6,
  NULL: 10,
  PTR: 12,
  MX: 15,
  TXT: 16,
  AAAA: 28,
  OPT: 41,
  DS: 43,
  RRSIG: 46,
  NSEC: 47,
  DNSKEY: 48,
  NSEC3: 50,
  ZONEMD: 63,
} as const;

export const DNS_CLASSES: Readonly<Record<string, number>> = Object.freeze({
  IN: 1,
  CS: 2,
  CH: 3,
  HS: 4,
  NONE: 254,
  ANY: 255,
});

export const CLASS_IN = 1;

const TYPE_NAMES: Map<number, string> = new Map(Object.entries(RR_TYPES).map(([k, v]) => [v, k]));
const CLASS_NAMES: Map<number, string> = new Map(Object.entries(DNS_CLASSES).map(([k, v]) => [v, k]));

/** OPT and the Q/Meta range have no zone-file meaning (RFC 6895 §3.1). */
const META_TYPES = new Set([41, 249, 250, 251, 252, 253, 254, 255]);

export function isMetaType(type: number): boolean {
  return META_TYPES.has(type) || (type >= 128 && type <= 255);
}

/** Mnemonic or TYPEnnn → number, or undefined. Case-insensitive, as in RFC 1035 §5.1. */
export function typeFromText(text: string): number | undefined {
  // Hot path: zone files almost always spell types in upper case, and a few types make up
  // most records; comparing with constants avoids hashing the fresh token string.
  switch (text) {
    case "A":
      return 1;
    case "NS":
      return 2;
    case "AAAA":
      return 28;
    case "TXT":
      return 16;
    case "MX":
      return 15;
    case "CNAME":
      return 5;
    case "DS":
      return 43;
    case "RRSIG":
      return 46;
    case "NSEC":
      return 47;
  }
  const exact = RR_TYPES[text];
  if (exact !== undefined) return exact;
  const up = text.toUpperCase();
  const known = RR_TYPES[up];
  if (known !== undefined) return known;
  if (up.startsWith("TYPE")) return parseCode(up.slice(4));
  return undefined;
}

export function classFromText(text: string): number | undefined {
  if (text === "IN") return CLASS_IN;
  const up = text.toUpperCase();
  const known = DNS_CLASSES[up];
  if (known !== undefined) return known;
  if (up.startsWith("CLASS")) return parseCode(up.slice(5));
  return undefined;
}

function parseCode(digits: string): number | undefined {
  if (digits.length === 0 || digits.length > 5 || !/^[0-9]+$/.test(digits)) return undefined;
  const n = Number(digits);
  return n <= 0xffff ? n : undefined;
}

export function typeToText(type: number): string {
  return TYPE_NAMES.get(type) ?? `TYPE${type}`;
}

export function classToText(cls: number): string {
  return CLASS_NAMES.get(cls) ?? `CLASS${cls}`;
}

/**
 * Types whose embedded domain names are lower-cased in canonical form: RFC 4034 §6.2 item 3
 * as amended by RFC 6840 §5.1, which removes NSEC (its next-domain name keeps its case) and
 * keeps RRSIG. dnspython (NSEC._to_wire: "NSEC downcasing ... was removed by RFC 6840") and
 * the RFC 8976 test suites (wessels/zonemd-test-cases, unbound) agree, so ZONEMD digests use
 * this list too. HINFO is in the RFC list but carries no names. SIG is kept for legacy zones.
 */
export const LOWERCASE_NAME_TYPES: ReadonlySet<number> = new Set([
  2, 3, 4, 5, 6, 7, 8, 9, 12, 14, 15, 17, 18, 21, 24, 26, 30, 35, 36, 33, 39, 38, 46,
]);

/** DNSSEC algorithm mnemonics (IANA), accepted wherever an algorithm number is. */
export const DNSSEC_ALGORITHMS: Readonly<Record<string, number>> = Object.freeze({
  RSAMD5: 1,
  DH: 2,
  DSA: 3,
  RSASHA1: 5,
  "DSA-NSEC3-SHA1": 6,
  "RSASHA1-NSEC3-SHA1": 7,
  RSASHA256: 8,
  RSASHA512: 10,
  "ECC-GOST": 12,
  ECDSAP256SHA256: 13,
  ECDSAP384SHA384: 14,
  ED25519: 15,
  ED448: 16,
  INDIRECT: 252,
  PRIVATEDNS: 253,
  PRIVATEOID: 254,
});

/** RFC 4398 §2.1 certificate type mnemonics. */
export const CERT_TYPES: Readonly<Record<string, number>> = Object.freeze({
  PKIX: 1,
  SPKI: 2,
  PGP: 3,
  IPKIX: 4,
  ISPKI: 5,
  IPGP: 6,
  ACPKIX: 7,
  IACPKIX: 8,
  URI: 253,
  OID: 254,
});
