/**
 * Values from IANA's "RDAP JSON Values" registry (RFC 9083 §10.2) and the RDAP extensions
 * registry entries this client understands. Unknown values are findings, not failures.
 */
export const STATUS_VALUES = new Set([
  "validated",
  "renew prohibited",
  "update prohibited",
  "transfer prohibited",
  "delete prohibited",
  "proxy",
  "private",
  "removed",
  "obscured",
  "associated",
  "active",
  "inactive",
  "locked",
  "pending create",
  "pending renew",
  "pending transfer",
  "pending update",
  "pending delete",
  // RFC 8056 (EPP status mapping)
  "add period",
  "auto renew period",
  "client delete prohibited",
  "client hold",
  "client renew prohibited",
  "client transfer prohibited",
  "client update prohibited",
  "pending restore",
  "redemption period",
  "renew period",
  "server delete prohibited",
  "server renew prohibited",
  "server transfer prohibited",
  "server update prohibited",
  "server hold",
  "transfer period",
  // RFC 9083 §10.2.2 additions
  "administrative",
  "reserved",
]);

export const EVENT_ACTIONS = new Set([
  "registration",
  "reregistration",
  "last changed",
  "expiration",
  "deletion",
  "reinstantiation",
  "transfer",
  "locked",
  "unlocked",
  "last update of RDAP database",
  "registrar expiration",
  "enum validation expiration",
]);

export const ROLES = new Set([
  "registrant",
  "technical",
  "administrative",
  "abuse",
  "billing",
  "registrar",
  "reseller",
  "sponsor",
  "proxy",
  "notifications",
  "noc",
]);

export const NOTICE_TYPES = new Set([
  "result set truncated due to authorization",
  "result set truncated due to excessive load",
  "result set truncated due to unexplainable reasons",
  "object truncated due to authorization",
  "object truncated due to excessive load",
  "object truncated due to unexplainable reasons",
  "object redacted due to authorization",
]);

export const VARIANT_RELATIONS = new Set([
  "registered",
  "unregistered",
  "registration restricted",
  "open registration",
  "conjoined",
]);

/** Media type of RDAP JSON (RFC 7480 §4.2); `related` links are followed only with this type. */
export const RDAP_MEDIA_TYPE = "application/rdap+json";

/** rdapConformance identifiers of the extensions whose members we read. */
export const EXTENSION_IDS = {
  sorting: "sorting",
  paging: "paging",
  subsetting: "subsetting",
  redacted: "redacted",
  cidr0: "cidr0",
} as const;
