/** The lease table as CSV: the export's URL filter, its rows, and spreadsheet-safe fields. */
import { type LeaseFilter, type LeaseRow, leaseFilterSchema, leasePage } from "./query";
import type { SqlRunner } from "./sql";
import { isoFromEpoch } from "./view";
import { LEASE_CSV_HEADER, leaseCsvLine } from "@netops/protocols/dhcp";

/**
 * The lease-table filter from URL parameters named as on the web page (`cidr`, `state` and
 * `source` as comma lists, `mac`, `hostname`, `clientId`), checked like the API input: a value
 * the API would refuse is an error here too, never silently dropped from the export.
 */
export function exportFilter(params: URLSearchParams): { filter: LeaseFilter } | { issues: string[] } {
  const known = new Set(["cidr", "state", "source", "mac", "hostname", "clientId"]);
  const issues: string[] = [];
  for (const k of new Set(params.keys())) {
    if (!known.has(k)) issues.push(`${k}: unknown parameter`);
    else if (params.getAll(k).length > 1) issues.push(`${k}: given more than once (use a comma list)`);
  }
  const list = (k: string) => {
    const v = params.get(k);
    return v === null || v === "" ? undefined : v.split(",");
  };
  const text = (k: string) => {
    const v = params.get(k);
    return v === null || v === "" ? undefined : v;
  };
  const source = list("source");
  const candidate = {
    cidr: text("cidr"),
    state: list("state"),
    sourceId: source?.map((x) => (/^[0-9]{1,9}$/.test(x) ? Number(x) : Number.NaN)),
    mac: text("mac"),
    hostname: text("hostname"),
    clientId: text("clientId"),
  };
  const r = leaseFilterSchema.safeParse(candidate);
  if (!r.success)
    for (const i of r.error.issues) {
      const [head, ...rest] = i.path;
      const name = head === "sourceId" ? "source" : String(head);
      issues.push(`${[name, ...rest].join(".")}: ${i.message}`);
    }
  return issues.length > 0 || !r.success ? { issues } : { filter: r.data };
}

/**
 * The whole filter as CSV, one keyset page of `pageSize` rows (at most 500) per chunk (header first), for the
 * streamed export route. Each page is a fresh indexed query, so the caller can wait for a slow
 * reader between chunks without holding a cursor or a read transaction open.
 */
export async function* csvChunks(
  raw: SqlRunner,
  names: Map<number, { name: string }>,
  filter: LeaseFilter,
  pageSize = 500,
): AsyncGenerator<string> {
  yield CSV_HEADER;
  let cursor: string | undefined;
  for (;;) {
    const page = await leasePage(raw, { ...filter, limit: pageSize, ...(cursor && { cursor }) });
    if (page.items.length > 0) yield page.items.map((l) => csvLine(l, names)).join("");
    if (!page.nextCursor) return;
    cursor = page.nextCursor;
  }
}

export const CSV_HEADER = LEASE_CSV_HEADER;

/** A stored lease as a CSV line (the format is shared with the mock API, @netops/protocols/dhcp lease-csv.ts). */
export function csvLine(l: LeaseRow, names: Map<number, { name: string }>): string {
  return leaseCsvLine({
    ...l,
    starts: isoFromEpoch(l.starts),
    ends: isoFromEpoch(l.ends),
    cltt: isoFromEpoch(l.cltt),
    sourceName: names.get(l.sourceId)?.name ?? "",
  });
}
