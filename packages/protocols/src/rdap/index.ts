/**
 * @netops/protocols/rdap — pure RDAP: RFC 9083 response model and tolerant parsing with
 * conformance findings, RFC 7095 jCard, RFC 8977 sorting/paging and RFC 8982 subsetting
 * metadata, RFC 9537 redactions, RFC 9082 query building, RFC 9224 bootstrap. No I/O.
 */
export * from "./schemas";
export { type Finding, type Severity, MAX_FINDINGS } from "./findings";
export { decodeJCard } from "./jcard";
export {
  DEFAULT_JSON_LIMITS,
  type JsonLimits,
  type JsonResult,
  jsonNestingDepth,
  parseJsonText,
} from "./json";
export {
  type ParsedRdap,
  type ParseOptions,
  type ParseOutcome,
  type ResponseKind,
  parseRdapResponse,
  parseRdapText,
} from "./parse";
export {
  type LookupQuery,
  QueryError,
  type RdapQuery,
  type SearchOptions,
  type SearchQuery,
  type SortKey,
  formatSort,
  isSearch,
  parseSort,
  queryPath,
  queryUrl,
} from "./query";
export {
  type Classification,
  classifyQuery,
  pickQuery,
  type QueryType,
  RDAP_QUERY_TYPES,
  type RdapQueryType,
  SEARCH_BY,
  toAsciiName,
} from "./classify";
export {
  type BaseUrlResult,
  Bootstrap,
  type BootstrapOverrides,
  type BootstrapRegistry,
  type BootstrapService,
  type RegistryKind,
  type RegistryParse,
  parseBootstrapRegistry,
} from "./bootstrap";
export { snapshotRegistries } from "./bootstrap-data/index";
export {
  type IpAddress,
  type IpPrefix,
  type IpVersion,
  formatIp,
  parseIp,
  parseIPv4,
  parseIPv6,
  parsePrefix,
  prefixContains,
} from "./ip";
export { EVENT_ACTIONS, NOTICE_TYPES, RDAP_MEDIA_TYPE, ROLES, STATUS_VALUES } from "./values";
export {
  pageLinks,
  type PageLinks,
  relatedRdapLinks,
  summarizeMetadata,
  type MetadataSummary,
} from "./metadata";
export {
  errorBody,
  FIELD_SETS,
  type FieldSet,
  matchesPattern,
  type SearchKind,
  type SearchRequest,
  type ServeResult,
  SORT_PROPERTIES,
  serveSearch,
  sortValue,
  subset,
} from "./responder";
