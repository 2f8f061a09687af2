/**
 * Tolerant RDAP response parsing (RFC 9083 + RFC 8977/8982/9537 members). Anything a server
 * sends that has the shape of an RDAP response parses; what does not conform is dropped from the
 * typed model and reported as a finding. Only a body that is not an RDAP response at all fails.
 *
 * Files: parse-common.ts (members every object has, the typed readers), parse-objects.ts (the
 * object classes), parse-metadata.ts (sorting, paging, subsetting, error bodies); this file tells
 * the response kinds apart and checks the top level (rdapConformance, declared extensions).
 */
import { Findings, type Finding, member } from "./findings";
import { type JsonLimits, parseJsonText } from "./json";
import {
  arr,
  CLASS_CODES,
  type Ctx,
  isObj,
  parseNotice,
  parseRedactions,
  str,
  strings,
} from "./parse-common";
import { parseError, parsePaging, parseSorting, parseSubsetting } from "./parse-metadata";
import { nested, parseObject } from "./parse-objects";
import type { RdapError, RdapObject, SearchResultMember, TopLevel } from "./schemas";
import { SEARCH_RESULT_MEMBERS } from "./schemas";

export { parseLink } from "./parse-common";
export { parseObject } from "./parse-objects";

export type ResponseKind = "object" | "search" | "error" | "help";

export interface ParsedRdap {
  kind: ResponseKind;
  /** For `object`: the object; for `search`: the results. */
  object?: RdapObject;
  searchMember?: SearchResultMember;
  results?: RdapObject[];
  error?: RdapError;
  top: TopLevel;
  findings: Finding[];
}

export type ParseOutcome = { ok: true; response: ParsedRdap } | { ok: false; reason: string };

export interface ParseOptions {
  /** Nested objects (entities of entities …) deeper than this are dropped with a finding. */
  maxObjectDepth?: number;
  /** HTTP status the response came with, to check error responses against. */
  httpStatus?: number;
}

/** Parses a decoded JSON value as an RDAP response. */
export function parseRdapResponse(json: unknown, options: ParseOptions = {}): ParseOutcome {
  if (!isObj(json))
    return {
      ok: false,
      reason: `an RDAP response is a JSON object, this is ${Array.isArray(json) ? "an array" : typeof json}`,
    };
  const ctx: Ctx = { f: new Findings(), maxDepth: options.maxObjectDepth ?? 16, used: new Set() };
  const p = "$";
  const searchMember = (Object.keys(SEARCH_RESULT_MEMBERS) as SearchResultMember[]).find(
    (k) => json[k] !== undefined,
  );
  const cls = json.objectClassName;
  let kind: ResponseKind;
  if (typeof cls === "string") {
    if (!(cls in CLASS_CODES))
      return { ok: false, reason: `objectClassName "${cls}" is not an RDAP object class` };
    kind = "object";
  } else if (searchMember) kind = "search";
  else if (json.errorCode !== undefined) kind = "error";
  else if (json.rdapConformance !== undefined || json.notices !== undefined) kind = "help";
  else
    return {
      ok: false,
      reason:
        "not an RDAP response: no objectClassName, search results, errorCode, rdapConformance or notices",
    };

  const top: TopLevel = {
    rdapConformance: arr(json, "rdapConformance", p, ctx, -10500, strings(ctx, -10501)),
    notices: arr(json, "notices", p, ctx, -10700, (v, ip) => parseNotice(v, ip, ctx)),
    redacted: [],
  };
  if (!top.rdapConformance.includes("rdap_level_0"))
    ctx.f.error(-10503, member(p, "rdapConformance"), "rdapConformance is missing or lacks rdap_level_0");
  const lang = str(json, "lang", p, ctx, -10800);
  if (lang !== undefined) top.lang = lang;
  if (json.sorting_metadata !== undefined) {
    ctx.used.add("sorting");
    top.sorting = parseSorting(json.sorting_metadata, member(p, "sorting_metadata"), ctx);
  }
  if (json.paging_metadata !== undefined) {
    ctx.used.add("paging");
    top.paging = parsePaging(json.paging_metadata, member(p, "paging_metadata"), ctx);
  }
  if (json.subsetting_metadata !== undefined) {
    ctx.used.add("subsetting");
    top.subsetting = parseSubsetting(json.subsetting_metadata, member(p, "subsetting_metadata"), ctx);
  }
  for (const k of ["sorting", "paging", "subsetting"] as const) if (top[k] === undefined) delete top[k];

  const out: ParsedRdap = { kind, top, findings: ctx.f.list };
  if (kind === "object") {
    out.object = parseObject(json, p, ctx, 0);
    if (out.object) top.redacted = out.object.redacted;
  } else if (kind === "search" && searchMember) {
    out.searchMember = searchMember;
    out.results = nested(json, searchMember, p, ctx, -1, SEARCH_RESULT_MEMBERS[searchMember]);
    top.redacted = parseRedactions(json, p, ctx);
    const size = top.paging?.pageSize;
    if (size !== undefined && out.results.length > size)
      ctx.f.warn(
        "paging.pageSize",
        "$.paging_metadata.pageSize",
        `${out.results.length} results exceed pageSize ${size}`,
      );
  } else if (kind === "error") {
    out.error = parseError(json, p, ctx, options.httpStatus);
  }
  for (const ext of ctx.used)
    if (
      !top.rdapConformance.includes(ext) &&
      !(ext === "redacted" && top.rdapConformance.includes("redacted_0"))
    )
      ctx.f.warn(
        "extension.undeclared",
        member(p, "rdapConformance"),
        `members of the "${ext}" extension are used but "${ext}" is not declared`,
      );
  return { ok: true, response: out };
}

/** Parses response text: JSON limits first, then `parseRdapResponse`. */
export function parseRdapText(
  text: string,
  options: ParseOptions & { json?: JsonLimits } = {},
): ParseOutcome {
  const j = parseJsonText(text, options.json);
  if (!j.ok) return j;
  return parseRdapResponse(j.value, options);
}
