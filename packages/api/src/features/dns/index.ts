export { dnsRouter, MAX_UPLOAD_BYTES } from "./router";
export * from "./schemas";
export { DEFAULT_DNS_LIMITS, DnsService, dnsServerPolicy } from "./service";
export { confinedPath, type DnsLimits, FetchError } from "./sources";
export { axfr, parseServer, querySoa, serverText, TransportError } from "./transport";
