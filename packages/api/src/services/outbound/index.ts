/**
 * The console's outbound policy and HTTP client (RDAP, zone downloads, Kea Control Agents; AXFR,
 * SOA and EPP use the policy with their own sockets). Webhooks can use the same pair:
 * `new OutboundPolicy({ service: "webhook", configKey, defaultPort: 443, allow, publicPorts: [443] })`
 * and `outboundFetch({ policy, allowHttp })` in place of `fetch` (same signature; 3xx is refused
 * unless the caller passes `redirect: "manual"`).
 */
export {
  type CanonicalHost,
  canonicalHost,
  type Destination,
  parseDestination,
  specialAddress,
} from "./address";
export { OutboundError, type OutboundErrorCode, unreachableText } from "./errors";
export { type OutboundFetch, type OutboundFetchOptions, outboundFetch, urlRefusal } from "./http";
export {
  type AllowEntry,
  OutboundPolicy,
  type OutboundPolicyOptions,
  type Pinned,
  pinnedLookup,
} from "./policy";
