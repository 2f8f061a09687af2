// RSerPool (ASAP RFC 5352, ENRP RFC 5353, parameters RFC 5354, policies RFC 5356) and rsplib's
// Component Status Protocol: pure codecs, a streaming capture reader and the handlespace model.
export * from "./bytes";
export * from "./capture";
export * from "./checksum";
export * from "./codec";
export * from "./csp";
export * from "./describe";
export * from "./encode-params";
export * from "./errors";
export * from "./message";
export * from "./packet";
export * from "./params";
export * from "./pcap";
export * from "./policy";
export * from "./sctp";
export * from "./handlespace";
export * from "./pcap-write";
export * from "./links";
