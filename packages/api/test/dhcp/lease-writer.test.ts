/**
 * A source's first read stores what its file says, on either engine (NETOPS_TEST_DB=postgres runs
 * PostgreSQL's COPY into a staging table and the upsert from it, once per batch and per delete marker):
 * every lease once, the last record of an address winning also across statements and batches, a
 * delete marker removing what came before it, and text with quotes, backslashes, commas, braces,
 * "NULL" and non-ASCII kept exactly.
 */
import type { DhcpLease } from "@netops/protocols/dhcp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LEASE_COLUMNS, LeaseWriter, leaseRow } from "../../src/features/dhcp/ingest";
import { openSql, type Sql } from "../../src/sql";
import { type TestDb, testDb } from "../fixtures";

let t: TestDb;
let sql: Sql;
beforeAll(async () => {
  t = testDb("lease-writer");
  sql = await openSql(t.db);
  await t.db.dhcpSource.create({ data: { id: 1, name: "s", kind: "kea-memfile", location: "/dev/null" } });
});
afterAll(async () => {
  await sql.close();
  await t.close();
});

const NAMES = [null, 'quo"te', "back\\slash", "com,ma", "{brace}", "sp ace", "ünï €", "NULL", ""];

function lease(n: number, line: number, over: Partial<DhcpLease> = {}): DhcpLease {
  return {
    format: "kea-csv",
    family: 4,
    address: `10.0.${n >> 8}.${n & 255}`,
    addressKey: `v4:0a00${n.toString(16).padStart(4, "0")}`,
    prefixLength: 32,
    leaseType: "V4",
    hwAddress: `02:00:00:00:${((n >> 8) & 255).toString(16).padStart(2, "0")}:${(n & 255).toString(16).padStart(2, "0")}`,
    hwType: 1,
    clientId: n % 5 === 0 ? null : `01:02:${(n % 256).toString(16).padStart(2, "0")}`,
    iaid: n % 3 === 0 ? null : n,
    hostname: NAMES[n % NAMES.length] ?? null,
    state: n % 50 === 0 ? "declined" : "bound",
    deleted: false,
    starts: 1_700_000_000 + n,
    ends: n % 7 === 0 ? null : 1_700_003_600 + n,
    cltt: 1_700_000_000 + n,
    validLifetime: 3600,
    preferredLifetime: null,
    subnetId: 1 + (n % 4),
    poolId: null,
    fqdnFwd: null,
    fqdnRev: null,
    userContext: null,
    failover: null,
    server: null,
    line,
    raw: {},
    ...over,
  };
}

describe("LeaseWriter first read", () => {
  it("stores the file's final word for every address, across statements and batches", async () => {
    const N = 12_500;
    const file: DhcpLease[] = [];
    for (let n = 0; n < N; n++) file.push(lease(n, file.length + 1));
    // Renewed later in the file (some in the same statement, some in a later one or the next batch).
    for (let n = 0; n < N; n += 97)
      file.push(lease(n, file.length + 1, { ends: 1_800_000_000, hostname: "renewed" }));
    // Removed by a delete marker, then one of them back again.
    for (let n = 5; n < N; n += 1001) file.push(lease(n, file.length + 1, { deleted: true }));
    file.push(lease(5, file.length + 1, { hostname: "back" }));
    const writer = new LeaseWriter(sql);
    const now = 1_700_100_000;
    let upserted = 0;
    for (let i = 0; i < file.length; i += 11_000)
      upserted += (await writer.apply(1, file.slice(i, i + 11_000), 1, now, true)).upserted;
    expect(upserted).toBe(file.filter((l) => !l.deleted).length);

    const expected = new Map<string, DhcpLease>();
    for (const l of file) {
      if (l.deleted) expected.delete(l.addressKey);
      else expected.set(l.addressKey, l);
    }
    const cols = LEASE_COLUMNS.split(",").map((c) => c.trim());
    const rows = await sql.all<Record<string, unknown>>(
      `SELECT ${LEASE_COLUMNS} FROM DhcpLease WHERE sourceId = ? ORDER BY addressKey`,
      1,
    );
    const want = [...expected.values()]
      .sort((a, b) => (a.addressKey < b.addressKey ? -1 : 1))
      .map((l) => leaseRow(1, l, 1, now));
    expect(rows.map((r) => cols.map((c) => r[c]))).toEqual(want);
    expect(rows.find((r) => r.addressKey === lease(5, 0).addressKey)?.hostname).toBe("back");
    expect(await writer.count(1)).toBe(expected.size);
  });
});
