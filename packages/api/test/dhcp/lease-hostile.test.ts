/**
 * Lease text that could break a bulk write, on either engine (NETOPS_TEST_DB=postgres sends a first
 * read through COPY): tabs, newlines, carriage returns, backslashes and COPY's own markers (`\N`,
 * `\.`) are stored exactly; a NUL character or a value over MAX_TEXT_BYTES is refused with the
 * line, field and reason, the writer writing nothing of that batch and the collector listing the
 * record as rejected while storing the rest. An IAID of 2^32 - 1 (RFC 8415: 32-bit unsigned) goes
 * from a Kea memfile through the collector and back out of the API unchanged.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import type { DhcpLease } from "@netops/protocols/dhcp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LEASE_COLUMNS, LeaseWriter, leaseRow } from "../../src/features/dhcp/ingest";
import { copyField, MAX_TEXT_BYTES, UnstorableLeaseError } from "../../src/features/dhcp/lease-copy";
import { openSql, type Sql } from "../../src/sql";
import { type TestDb, testDb } from "../fixtures";
import { callAs, routerFixture } from "./helpers";

const HOSTILE = [
  "tab\there",
  "new\nline",
  "carriage\rreturn",
  "\r\n",
  "back\\slash",
  "\\",
  "ends with a backslash\\",
  "\\N",
  "\\.",
  "\\.\n\\.",
  "\\t\\n literally",
  'quo"te,com{ma}',
  "ünï €\u2028\u{1f600}",
  "\u0001\u0007\b\f\v\u001f\u007f",
  "",
  "h".repeat(MAX_TEXT_BYTES),
  "é".repeat(MAX_TEXT_BYTES / 2),
];

function lease(n: number, over: Partial<DhcpLease> = {}): DhcpLease {
  return {
    format: "kea-csv",
    family: 4,
    address: `10.1.${n >> 8}.${n & 255}`,
    addressKey: `v4:0a01${n.toString(16).padStart(4, "0")}`,
    prefixLength: 32,
    leaseType: "V4",
    hwAddress: `02:00:00:00:00:${(n & 255).toString(16).padStart(2, "0")}`,
    hwType: 1,
    clientId: null,
    iaid: null,
    hostname: null,
    state: "bound",
    deleted: false,
    starts: 1_700_000_000,
    ends: 1_700_003_600,
    cltt: 1_700_000_000,
    validLifetime: 3600,
    preferredLifetime: null,
    subnetId: 1,
    poolId: null,
    fqdnFwd: null,
    fqdnRev: null,
    userContext: null,
    failover: null,
    server: null,
    line: n + 1,
    raw: {},
    ...over,
  };
}

describe("COPY text format", () => {
  it("escapes the four characters that end a field or a row, and nothing else", () => {
    expect(copyField("a\tb\\c\nd\re")).toBe("a\\tb\\\\c\\nd\\re");
    expect(copyField("\\N")).toBe("\\\\N");
    expect(copyField("\\.")).toBe("\\\\.");
    expect(copyField("ü\b\u0001")).toBe("ü\b\u0001");
    expect(copyField(null)).toBe("\\N");
    expect(copyField("")).toBe("");
    expect(copyField(4294967295)).toBe("4294967295");
  });

  it("refuses what COPY cannot carry instead of writing it", () => {
    expect(() => copyField("a\u0000b")).toThrow("text for COPY contains a NUL character (U+0000)");
    expect(() => copyField(1.5)).toThrow("not an integer for COPY: 1.5");
    expect(() => copyField(Number.NaN)).toThrow("not an integer for COPY: NaN");
  });
});

describe("LeaseWriter with hostile text", () => {
  let t: TestDb;
  let sql: Sql;
  beforeAll(async () => {
    t = testDb("lease-hostile");
    sql = await openSql(t.db);
    await t.db.dhcpSource.create({ data: { id: 1, name: "s", kind: "kea-memfile", location: "/dev/null" } });
  });
  afterAll(async () => {
    await sql.close();
    await t.close();
  });

  const stored = async () =>
    (
      await sql.all<Record<string, unknown>>(
        `SELECT ${LEASE_COLUMNS} FROM DhcpLease WHERE sourceId = ? ORDER BY addressKey`,
        1,
      )
    ).map((r) => LEASE_COLUMNS.split(",").map((c) => r[c.trim()]));

  it("stores every value exactly, on a first read and on a later one", async () => {
    const writer = new LeaseWriter(sql);
    const first = HOSTILE.map((h, n) =>
      lease(n, { hostname: h, clientId: h === "" ? null : `01:${n}`, iaid: 4294967295 - n }),
    );
    await writer.apply(1, first, 1, 100, true);
    expect(await stored()).toEqual(first.map((l) => leaseRow(1, l, 1, 100)));
    // A later read goes row by row with parameters: the same values, reversed onto other addresses.
    const later = HOSTILE.map((h, n) => lease(n, { hostname: HOSTILE[HOSTILE.length - 1 - n] ?? h }));
    await writer.apply(1, later, 2, 200, false);
    expect(await stored()).toEqual(later.map((l) => leaseRow(1, l, 2, 200)));
  });

  it("refuses a NUL character or over-long text with the line, field and reason, writing none of the batch", async () => {
    const writer = new LeaseWriter(sql);
    const before = await stored();
    const cases: [Partial<DhcpLease>, string][] = [
      [{ hostname: "nul\u0000host" }, "hostname contains a NUL character (U+0000)"],
      [{ clientId: "\u0000" }, "clientId contains a NUL character (U+0000)"],
      [{ hwAddress: "02:00\u0000" }, "hwAddress contains a NUL character (U+0000)"],
      [{ hostname: "h".repeat(MAX_TEXT_BYTES + 1) }, "hostname is 1025 bytes long (at most 1024)"],
      [{ hostname: "é".repeat(70_000) }, "hostname is 140000 bytes long (at most 1024)"],
    ];
    for (const [over, reason] of cases)
      for (const firstRead of [true, false]) {
        const batch = [lease(200, { hostname: "fine" }), lease(201, over), lease(202)];
        const err = await writer.apply(1, batch, 3, 300, firstRead).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(UnstorableLeaseError);
        expect((err as Error).message).toBe(`lease at line 202 (10.1.0.201): ${reason}`);
        expect(await stored()).toEqual(before);
      }
  });
});

describe("a Kea memfile with hostile records, through the collector and the API", () => {
  const fx = routerFixture("dhcp-lease-hostile", new Date("2026-11-21T06:00:00Z"));
  const END = Math.floor(new Date("2026-11-21T07:00:00Z").getTime() / 1000);
  const HEADER =
    "address,duid,valid_lifetime,expire,subnet_id,pref_lifetime,lease_type,iaid,prefix_len,fqdn_fwd,fqdn_rev,hostname,hwaddr,state";
  const row = (n: number, iaid: number, hostname: string) =>
    `2001:db8::${n},00:01:00:01:00:00:00:${n.toString(16).padStart(2, "0")},3600,${END},1,1800,0,${iaid},128,0,0,${hostname},,0`;

  it("stores the IAID 4294967295 and escaped text exactly, and lists the unstorable records as rejected", async () => {
    // Kea writes `,` as &#x2c and may hold any &#xHH: here a newline, a carriage return and a NUL.
    const file = path.join(fx.dir, "kea-leases6.csv");
    writeFileSync(
      file,
      `${[
        HEADER,
        row(1, 4294967295, "max-iaid"),
        row(2, 2147483648, "tab\there&#x0a;nl&#x0dcr\\N\\.\\"),
        row(3, 7, "nul&#x00host"),
        row(4, 8, "h".repeat(5000)),
        row(5, 0, "a&#x2cb"),
      ].join("\n")}\n`,
    );
    const created = await callAs(fx.services, "admin", "dhcp.createSource", {
      name: "kea6",
      kind: "kea-memfile",
      location: file,
    });
    expect(created.status).toBe(200);
    const { id } = created.data as { id: number };
    expect((await callAs(fx.services, "operator", "dhcp.pollNow", { id })).data).toMatchObject({
      ok: true,
      upserted: 3,
      errors: 2,
    });

    const page = (await callAs(fx.services, "viewer", "dhcp.leases", { limit: 50 }, "query")).data as {
      items: { id: number; address: string; iaid: number | null; hostname: string | null }[];
    };
    expect(page.items.map((l) => [l.address, l.iaid, l.hostname])).toEqual([
      ["2001:db8::1", 4294967295, "max-iaid"],
      ["2001:db8::2", 2147483648, "tab\there\n;nl\rcr\\N\\.\\"],
      ["2001:db8::5", 0, "a,b"],
    ]);
    const first = page.items[0]?.id ?? 0;
    const detail = (await callAs(fx.services, "viewer", "dhcp.lease", { id: first }, "query")).data as {
      lease: { iaid: number | null };
    };
    expect(detail.lease.iaid).toBe(4294967295);

    const ov = (await callAs(fx.services, "admin", "dhcp.overview", undefined, "query")).data as {
      sources: { parseErrorCount: number; parseErrors: unknown }[];
    };
    expect(ov.sources[0]).toMatchObject({
      parseErrorCount: 2,
      parseErrors: [
        {
          line: 4,
          code: "bad-value",
          field: "hostname",
          reason: "hostname contains a NUL character (U+0000)",
        },
        {
          line: 5,
          code: "bad-value",
          field: "hostname",
          reason: "hostname is 5000 bytes long (at most 1024)",
        },
      ],
    });
  });
});
