import { decodeKeyIdCursor, encodeKeyIdCursor, keysetPage, takeFor } from "@netops/protocols";
import {
  hexPrefix,
  hostnamePrefix,
  type LeaseFilter,
  type LeasePageInput,
  leaseFilterSchema,
  leasePageSchema,
  parseAddress,
  parseCidr,
} from "@netops/protocols/dhcp";
import type { SqlRunner } from "./sql";

// The filter and page schemas are shared with the mock API (@netops/protocols/dhcp lease-filter.ts).
export { type LeaseFilter, type LeasePageInput, leaseFilterSchema, leasePageSchema };

export interface LeaseRow {
  id: number;
  sourceId: number;
  addressKey: string;
  address: string;
  family: number;
  prefixLength: number;
  leaseType: string;
  hwAddress: string | null;
  clientId: string | null;
  iaid: number | null;
  hostname: string | null;
  state: string;
  starts: number | null;
  ends: number | null;
  cltt: number | null;
  subnetId: number | null;
}

const COLUMNS =
  "id, sourceId, addressKey, address, family, prefixLength, leaseType, hwAddress, clientId, iaid, hostname, state, starts, ends, cltt, subnetId";

// The typed-prefix rules (hexPrefix, hostnamePrefix) live in @netops/protocols/dhcp, shared with the mock API.

/** Upper bound of a prefix range: every string starting with `p` is >= p and < prefixEnd(p). */
function prefixEnd(p: string): string {
  return `${p}\uffff`;
}

interface Built {
  where: string[];
  params: unknown[];
  /** Index to use: the prefix-search index when one applies, else the address order. */
  index: string | null;
  /** The prefix search that chose `index` (column and range), for the density probe in leasePage. */
  search: { column: string; low: string; high: string } | null;
}

const ADDRESS_INDEX = "DhcpLease_addressKey_id_idx";
const STATE_INDEX = "DhcpLease_state_addressKey_id_idx";
/**
 * A prefix matching at least this many leases is searched in address order instead (see leasePage).
 * Counting up to it on the covering prefix index, and sorting fewer than it, stay around a
 * millisecond each at 1,000,000 leases.
 */
const DENSE_PREFIX = 20_000;

export function buildWhere(f: LeaseFilter): Built {
  const where: string[] = [];
  const params: unknown[] = [];
  let index: string | null = null;
  let found: Built["search"] = null;
  if (f.cidr) {
    const c = parseCidr(f.cidr);
    if (c) {
      where.push("addressKey BETWEEN ? AND ?");
      params.push(c.lowKey, c.highKey);
    }
  }
  if (f.state && f.state.length > 0) {
    where.push(`state IN (${f.state.map(() => "?").join(",")})`);
    params.push(...f.state);
    // (state, addressKey, id): each listed state is a range already in address order, and SQLite
    // stops reading a state once LIMIT rows sort before it. Scanning the address index instead
    // looked up every row of a /16 to find the rare declined ones (p95 52 ms at 1M leases).
    index = STATE_INDEX;
  }
  if (f.sourceId && f.sourceId.length > 0) {
    where.push(`sourceId IN (${f.sourceId.map(() => "?").join(",")})`);
    params.push(...f.sourceId);
  }
  const search = (column: string, value: string, idx: string) => {
    where.push(`${column} >= ? AND ${column} < ?`);
    params.push(value, prefixEnd(value));
    if (found === null) {
      found = { column, low: value, high: prefixEnd(value) };
      index = idx;
    }
  };
  if (f.mac) {
    const p = hexPrefix(f.mac);
    if (p) search("hwAddress", p, "DhcpLease_hwAddress_addressKey_idx");
  }
  if (f.clientId) {
    const p = hexPrefix(f.clientId);
    if (p) search("clientId", p, "DhcpLease_clientId_addressKey_idx");
  }
  const host = hostnamePrefix(f.hostname);
  if (host) search("hostnameKey", host, "DhcpLease_hostnameKey_addressKey_idx");
  return { where, params, index, search: found };
}

/**
 * One page of leases in address order (numeric, v4 before v6), by keyset: the cursor is the last
 * row's (addressKey, id), so a deep page costs the same as the first.
 */
export async function leasePage(
  raw: SqlRunner,
  input: LeasePageInput,
): Promise<{ items: LeaseRow[]; nextCursor: string | null }> {
  const q = leasePageSchema.parse(input);
  const { where, params, index, search } = buildWhere(q);
  const after = q.cursor ? decodeKeyIdCursor(q.cursor) : null;
  if (after) {
    where.push("(addressKey, id) > (?, ?)");
    params.push(after.key, after.id);
  }
  let use = index ?? ADDRESS_INDEX;
  if (search) {
    // A prefix index returns its matches in prefix order, so they are sorted before the LIMIT. Few
    // matches: sort them. Many (e.g. "host-1" matching a third of the table): walk the address
    // order and filter, which finds a page after about limit × total / matches rows. The probe
    // counts on the covering prefix index and stops at DENSE_PREFIX.
    const probe = await raw.get<{ n: number }>(
      `SELECT count(*) AS n FROM (SELECT 1 FROM DhcpLease INDEXED BY ${use} WHERE ${search.column} >= ? AND ${search.column} < ? LIMIT ?) AS m`,
      search.low,
      search.high,
      DENSE_PREFIX,
    );
    if ((probe?.n ?? 0) >= DENSE_PREFIX) use = q.state?.length ? STATE_INDEX : ADDRESS_INDEX;
  }
  const filter = where.length ? `WHERE ${where.join(" AND ")}` : "";
  // Deferred join: order and limit on the index alone (its entries carry addressKey and the rowid
  // id), then read only the page's rows from the table.
  const sql =
    use === index && search
      ? `SELECT ${COLUMNS} FROM DhcpLease WHERE id IN (SELECT id FROM DhcpLease INDEXED BY ${use} ${filter} ORDER BY addressKey, id LIMIT ?) ORDER BY addressKey, id`
      : `SELECT ${COLUMNS} FROM DhcpLease INDEXED BY ${use} ${filter} ORDER BY addressKey, id LIMIT ?`;
  const rows = await raw.all<LeaseRow>(sql, ...params, takeFor(q.limit));
  return keysetPage(rows, q.limit, (l) => encodeKeyIdCursor({ key: l.addressKey, id: l.id }));
}

export async function leaseById(raw: SqlRunner, id: number): Promise<LeaseRow | null> {
  return (await raw.get<LeaseRow>(`SELECT ${COLUMNS} FROM DhcpLease WHERE id = ?`, id)) ?? null;
}

/** Looks a typed address up to its key, for "jump to address". */
export function addressKeyOf(text: string): string | null {
  return parseAddress(text.trim())?.key ?? null;
}
