/** What a reader needs from RFC 8977/8982 metadata and links: current sort, count, pages, field set. */
import type { ParsedRdap } from "./parse";
import type { Link, RdapObject } from "./schemas";
import { RDAP_MEDIA_TYPE } from "./values";

export interface PageLinks {
  next?: string;
  prev?: string;
  first?: string;
  last?: string;
}

export interface MetadataSummary {
  resultCount?: number;
  currentSort?: string;
  availableSorts: string[];
  totalCount?: number;
  pageSize?: number;
  pageNumber?: number;
  pages: PageLinks;
  currentFieldSet?: string;
  availableFieldSets: string[];
}

/** Paging links of RFC 8977 §2.4 (in paging_metadata.links), resolved against nothing: as sent. */
export function pageLinks(r: ParsedRdap): PageLinks {
  const out: PageLinks = {};
  for (const l of r.top.paging?.links ?? []) {
    const rel = l.rel as keyof PageLinks | undefined;
    if (rel === "next" || rel === "prev" || rel === "first" || rel === "last") out[rel] ??= l.href;
  }
  return out;
}

const isRdapType = (l: Link): boolean =>
  (l.type ?? "").split(";")[0]?.trim().toLowerCase() === RDAP_MEDIA_TYPE;

/**
 * `related` links to other RDAP servers (e.g. the registrar's for a thin registry's domain):
 * only those whose media type is RDAP JSON, and not pointing back at the object itself.
 */
export function relatedRdapLinks(o: RdapObject): string[] {
  const self = o.links.find((l) => l.rel === "self")?.href;
  const out = new Set<string>();
  for (const l of o.links) if (l.rel === "related" && isRdapType(l) && l.href !== self) out.add(l.href);
  return [...out];
}

export function summarizeMetadata(r: ParsedRdap): MetadataSummary {
  const s: MetadataSummary = {
    availableSorts: r.top.sorting?.availableSorts.map((a) => a.property) ?? [],
    pages: pageLinks(r),
    availableFieldSets: r.top.subsetting?.availableFieldSets.map((a) => a.name) ?? [],
  };
  if (r.results) s.resultCount = r.results.length;
  if (r.top.sorting?.currentSort !== undefined) s.currentSort = r.top.sorting.currentSort;
  const p = r.top.paging;
  if (p?.totalCount !== undefined) s.totalCount = p.totalCount;
  if (p?.pageSize !== undefined) s.pageSize = p.pageSize;
  if (p?.pageNumber !== undefined) s.pageNumber = p.pageNumber;
  if (r.top.subsetting) s.currentFieldSet = r.top.subsetting.currentFieldSet;
  return s;
}
