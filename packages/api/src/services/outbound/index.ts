/**
 * The console's outbound policy and HTTP client (RDAP, zone downloads, Kea Control Agents and
 * webhooks; AXFR, SOA and EPP use the policy with their own sockets). `outboundFetch({ policy,
 * allowHttp })` replaces `fetch` (same signature; 3xx is refused unless the caller passes
 * `redirect: "manual"`). Webhooks build one policy per receiver whose only allowed destination is
 * the URL an admin saved (services/webhooks.ts receiverFetch).
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
