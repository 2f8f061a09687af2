/**
 * Top-level response members besides the object: RFC 8977 sorting and paging metadata, RFC 8982
 * subsetting metadata, and the RFC 9083 §6 error body.
 */
import { member } from "./findings";
import { arr, type Ctx, isObj, type Json, links, str, strings } from "./parse-common";
import type { PagingMetadata, RdapError, SortingMetadata, SubsettingMetadata } from "./schemas";

export function parseSorting(v: unknown, p: string, ctx: Ctx): SortingMetadata | undefined {
  if (!isObj(v)) {
    ctx.f.error("sorting.structure", p, "sorting_metadata is not an object");
    return undefined;
  }
  const s: SortingMetadata = {
    availableSorts: arr(v, "availableSorts", p, ctx, "sorting.structure", (x, ip) => {
      if (!isObj(x) || typeof x.property !== "string") {
        ctx.f.error("sorting.property", ip, "available sort has no property");
        return undefined;
      }
      if (typeof x.default !== "boolean")
        ctx.f.warn("sorting.default", ip, "available sort has no boolean default");
      const jsonPath = str(x, "jsonPath", ip, ctx, "sorting.jsonPath");
      return {
        property: x.property,
        default: x.default === true,
        links: links(x, ip, ctx),
        ...(jsonPath !== undefined ? { jsonPath } : {}),
      };
    }),
  };
  const cur = str(v, "currentSort", p, ctx, "sorting.currentSort");
  if (cur !== undefined) {
    s.currentSort = cur;
    const known = new Set(s.availableSorts.map((a) => a.property));
    for (const part of cur.split(",")) {
      const prop = part.replace(/:[ad]$/, "");
      if (known.size && !known.has(prop))
        ctx.f.warn("sorting.currentSort", member(p, "currentSort"), `"${prop}" is not among availableSorts`);
    }
  }
  if (s.availableSorts.filter((a) => a.default).length > 1)
    ctx.f.warn("sorting.default", member(p, "availableSorts"), "more than one default sort");
  return s;
}

export function parsePaging(v: unknown, p: string, ctx: Ctx): PagingMetadata | undefined {
  if (!isObj(v)) {
    ctx.f.error("paging.structure", p, "paging_metadata is not an object");
    return undefined;
  }
  const m: PagingMetadata = { links: links(v, p, ctx) };
  for (const k of ["totalCount", "pageSize", "pageNumber"] as const) {
    const x = v[k];
    if (x === undefined) continue;
    if (typeof x === "number" && Number.isInteger(x) && x >= 0) m[k] = x;
    else ctx.f.error(`paging.${k}`, member(p, k), `${k} is not a non-negative integer`);
  }
  for (const l of m.links)
    if (l.rel !== "next" && l.rel !== "prev" && l.rel !== "first" && l.rel !== "last")
      ctx.f.warn(
        "paging.links",
        member(p, "links"),
        `paging link rel "${l.rel ?? ""}" is not next/prev/first/last`,
      );
  return m;
}

export function parseSubsetting(v: unknown, p: string, ctx: Ctx): SubsettingMetadata | undefined {
  if (!isObj(v) || typeof v.currentFieldSet !== "string") {
    ctx.f.error("subsetting.currentFieldSet", p, "subsetting_metadata needs a currentFieldSet string");
    return undefined;
  }
  const m: SubsettingMetadata = {
    currentFieldSet: v.currentFieldSet,
    availableFieldSets: arr(v, "availableFieldSets", p, ctx, "subsetting.structure", (x, ip) => {
      if (!isObj(x) || typeof x.name !== "string") {
        ctx.f.error("subsetting.name", ip, "available field set has no name");
        return undefined;
      }
      if (typeof x.default !== "boolean")
        ctx.f.warn("subsetting.default", ip, "available field set has no boolean default");
      const description = str(x, "description", ip, ctx, "subsetting.description");
      return {
        name: x.name,
        default: x.default === true,
        links: links(x, ip, ctx),
        ...(description !== undefined ? { description } : {}),
      };
    }),
  };
  const names = new Set(m.availableFieldSets.map((a) => a.name));
  if (names.size && !names.has(m.currentFieldSet))
    ctx.f.warn("subsetting.currentFieldSet", p, `"${m.currentFieldSet}" is not among availableFieldSets`);
  return m;
}

export function parseError(o: Json, p: string, ctx: Ctx, httpStatus?: number): RdapError {
  const e: RdapError = { errorCode: 0, description: [] };
  const code = o.errorCode;
  if (code === undefined) ctx.f.error(-12101, p, "error response has no errorCode");
  else if (typeof code === "number" && Number.isInteger(code)) e.errorCode = code;
  else ctx.f.error(-12103, member(p, "errorCode"), "errorCode is not an integer");
  const title = str(o, "title", p, ctx, -12104);
  if (title !== undefined) e.title = title;
  e.description = arr(o, "description", p, ctx, -12105, strings(ctx, -12106));
  if (httpStatus !== undefined && e.errorCode && httpStatus !== e.errorCode)
    ctx.f.warn(
      "error.status",
      member(p, "errorCode"),
      `errorCode ${e.errorCode} differs from HTTP status ${httpStatus}`,
    );
  return e;
}
