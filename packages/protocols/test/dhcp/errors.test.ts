import { describe, expect, it } from "vitest";
import {
  KEA_V4_COLUMNS,
  KeaCsvParser,
  leaseParseErrorSchema,
  parseDhcpdLeases,
  parseDnsmasqLeases,
  parseKeaCsv,
} from "../../src/dhcp";
import { errorsOf, feed, leasesOf } from "./helpers";

const H4 = KEA_V4_COLUMNS.join(",");
const GOOD4 = "10.0.0.1,aa:bb:cc:dd:ee:ff,,3600,1800003600,1,0,0,ok,0,,0";

function only<T extends { code: string }>(errs: T[]) {
  for (const e of errs) leaseParseErrorSchema.parse(e);
  return errs.map((e) => e.code);
}

describe("Kea CSV errors: typed, per line, parsing continues", () => {
  const cases: [string, string, string | null][] = [
    ["column-count", "10.0.0.2,aa:bb:cc:dd:ee:ff,,3600,1800003600,1,0,0,x,0,,0,extra", null],
    ["bad-address", "10.0.0.256,aa:bb:cc:dd:ee:ff,,3600,1800003600,1,0,0,x,0,,0", "address"],
    ["bad-hwaddr", "10.0.0.2,zz:bb:cc:dd:ee:ff,,3600,1800003600,1,0,0,x,0,,0", "hwaddr"],
    ["bad-client-id", "10.0.0.2,aa:bb:cc:dd:ee:ff,0g,3600,1800003600,1,0,0,x,0,,0", "client_id"],
    ["bad-number", "10.0.0.2,aa:bb:cc:dd:ee:ff,,-5,1800003600,1,0,0,x,0,,0", "valid_lifetime"],
    ["bad-number", "10.0.0.2,aa:bb:cc:dd:ee:ff,,4294967296,1800003600,1,0,0,x,0,,0", "valid_lifetime"],
    ["bad-value", "10.0.0.2,aa:bb:cc:dd:ee:ff,,3600,1800003600,1,2,0,x,0,,0", "fqdn_fwd"],
    ["bad-json", "10.0.0.2,aa:bb:cc:dd:ee:ff,,3600,1800003600,1,0,0,x,0,{ nope,0", "user_context"],
    ["bad-json", "10.0.0.2,aa:bb:cc:dd:ee:ff,,3600,1800003600,1,0,0,x,0,[1],0", "user_context"],
    ["bad-value", "10.0.0.2,aa:bb:cc:dd:ee:ff,,3600,100,1,0,0,x,0,,0", "expire"],
  ];
  for (const [code, row, field] of cases) {
    it(`${code}${field ? ` (${field})` : ""}: ${row.slice(0, 50)}…`, () => {
      const items = parseKeaCsv(`${H4}\n${GOOD4}\n${row}\n${GOOD4}\n`);
      const errs = errorsOf(items);
      expect(only(errs)).toEqual([code]);
      expect(errs[0]).toMatchObject({ line: 3, field, format: "kea-csv", text: row });
      expect(leasesOf(items)).toHaveLength(2);
    });
  }

  it("a truncated last row (input cut mid-write) is truncated-row, not a crash", () => {
    const items = parseKeaCsv(`${H4}\n${GOOD4}\n10.0.0.3,aa:bb:cc:dd:ee:ff,,36`);
    expect(errorsOf(items)).toMatchObject([{ code: "truncated-row", line: 3 }]);
    expect(leasesOf(items)).toHaveLength(1);
  });

  it("rows before a header, bad headers and v6 lease types", () => {
    const items = parseKeaCsv(
      [
        GOOD4,
        "address,hwaddr,valid_lifetime",
        GOOD4,
        "address,duid,valid_lifetime,expire,subnet_id,pref_lifetime,lease_type,iaid,prefix_len,fqdn_fwd,fqdn_rev,hostname",
        "2001:db8::1,00:01,100,200,1,50,3,1,128,0,0,",
        "10.0.0.1,00:01,100,200,1,50,0,1,128,0,0,",
        "2001:db8::2,,100,200,1,50,0,1,128,0,0,",
        "2001:db8::3,00:01,100,200,1,50,0,1,128,0,0,ok",
      ].join("\n"),
    );
    expect(only(errorsOf(items))).toEqual([
      "missing-header",
      "bad-header",
      "missing-header",
      "bad-value",
      "bad-address",
      "bad-client-id",
    ]);
    expect(errorsOf(items)[3]).toMatchObject({ field: "lease_type", line: 5 });
    expect(leasesOf(items).map((l) => l.address)).toEqual(["2001:db8::3"]);
  });

  it("assumeFamily parses headerless rows", () => {
    expect(leasesOf(parseKeaCsv(GOOD4, { assumeFamily: 4 }))).toHaveLength(1);
  });

  it("oversized lines are dropped with line-too-long, without buffering them whole", () => {
    const huge = `10.0.0.9,${"a".repeat(70 * 1024)}`;
    const p = new KeaCsvParser();
    const parts = [`${H4}\n${GOOD4}\n`, ...huge.match(/.{1,4096}/gs)!, `\n${GOOD4}\n`];
    const items = feed(p, parts);
    expect(errorsOf(items)).toMatchObject([{ code: "line-too-long", line: 3 }]);
    expect(errorsOf(items)[0]!.text.length).toBeLessThanOrEqual(201);
    expect(leasesOf(items).map((l) => l.line)).toEqual([2, 4]);
    expect(leasesOf(parseKeaCsv(`${H4}\n${GOOD4}\n`, { maxLineLength: 20 }))).toHaveLength(0);
  });
});

describe("dhcpd.leases errors", () => {
  const good = (a: string) => `lease ${a} {\n  starts 4 2026/01/08 14:43:52;\n  binding state active;\n}\n`;
  const bad = (stmt: string) => `lease 10.9.9.9 {\n  ${stmt}\n  binding state free;\n}\n`;

  const cases: [string, string, string][] = [
    ["bad-date", "starts 1 2026/02/30 10:00:00;", "starts"],
    ["bad-date", "ends 1 2026/01/05 25:00:00;", "ends"],
    ["bad-date", "cltt 1 2026/13/05 10:00:00;", "cltt"],
    ["bad-date", "tstp 9 2026/01/05 10:00:00;", "tstp"],
    ["bad-date", "starts 2026-01-05;", "starts"],
    ["bad-hwaddr", "hardware ethernet 00:11:22:33:44:gg;", "hardware"],
    ["unterminated-string", 'client-hostname "no end;', "client-hostname"],
    ["bad-client-id", "uid zz;", "uid"],
    ["syntax", "binding state;", "binding"],
    ["syntax", "set novalue;", "set"],
  ];
  for (const [code, stmt, field] of cases) {
    it(`${code}: ${stmt}`, () => {
      const items = parseDhcpdLeases(good("10.0.0.1") + bad(stmt) + good("10.0.0.2"));
      const errs = errorsOf(items);
      expect(only(errs)).toEqual([code]);
      expect(errs[0]).toMatchObject({ line: 6, field, format: "dhcpd" });
      expect(leasesOf(items).map((l) => l.address)).toEqual(["10.0.0.1", "10.0.0.2"]);
    });
  }

  it("bad lease address: the block is skipped", () => {
    const items = parseDhcpdLeases(`lease 10.0.0.300 {\n  binding state active;\n}\n${good("10.0.0.2")}`);
    expect(errorsOf(items)).toMatchObject([{ code: "bad-address", line: 1, field: "lease" }]);
    expect(leasesOf(items)).toHaveLength(1);
  });

  it("unterminated block: recovered at the next top-level keyword and at end of input", () => {
    const items = parseDhcpdLeases(
      `lease 10.0.0.1 {\n  binding state active;\n${good("10.0.0.2")}lease 10.0.0.3 {\n  binding state free;\n`,
    );
    expect(errorsOf(items)).toMatchObject([
      { code: "unterminated-block", line: 1, field: "lease" },
      { code: "unterminated-block", line: 7, field: "lease" },
    ]);
    expect(leasesOf(items).map((l) => l.address)).toEqual(["10.0.0.2"]);
  });

  it("stray '}', missing ';' and end of input inside a statement", () => {
    const items = parseDhcpdLeases(
      `}\nlease 10.0.0.1 {\n  binding state active\n}\n${good("10.0.0.2")}server-duid`,
    );
    expect(only(errorsOf(items))).toEqual(["syntax", "syntax", "syntax"]);
    expect(leasesOf(items).map((l) => l.address)).toEqual(["10.0.0.2"]);
  });

  it("an oversized line inside a block drops that block only", () => {
    const items = parseDhcpdLeases(
      `lease 10.0.0.1 {\n  set x = "${"y".repeat(70_000)}";\n}\n${good("10.0.0.2")}`,
    );
    expect(errorsOf(items)).toMatchObject([{ code: "line-too-long", line: 2 }]);
    expect(leasesOf(items).map((l) => l.address)).toEqual(["10.0.0.2"]);
  });

  it("a bad iaaddr drops only that address of the IA", () => {
    const items = parseDhcpdLeases(
      `ia-na "\\001\\000\\000\\000\\000\\001" {\n  iaaddr 2001:db8::zz {\n  }\n  iaaddr 2001:db8::2 {\n    binding state active;\n  }\n}\n`,
    );
    expect(errorsOf(items)).toMatchObject([{ code: "bad-address", line: 2, field: "iaaddr" }]);
    expect(leasesOf(items).map((l) => l.address)).toEqual(["2001:db8::2"]);
  });
});

describe("dnsmasq errors", () => {
  it("reports each bad line and keeps the good ones", () => {
    const items = parseDnsmasqLeases(
      [
        "1700000000 aa:bb:cc:dd:ee:ff 10.0.0.1 h *",
        "1700000000 aa:bb:cc:dd:ee:ff 10.0.0.256 h *",
        "1700000000 aa:bb:cc:dd:ee:fg 10.0.0.2 h *",
        "17000x0000 aa:bb:cc:dd:ee:ff 10.0.0.3 h *",
        "1700000000 aa:bb:cc:dd:ee:ff 10.0.0.4 h",
        "1700000000 aa:bb:cc:dd:ee:ff 10.0.0.5 h 0x",
        "1700000000 Tx 2001:db8::1 h *",
        "duid",
        "1700000000 aa:bb:cc:dd:ee:ff 10.0.0.6 h *",
        "1700000000 aa:bb:cc:dd:ee:ff 10.0",
      ].join("\n"),
    );
    expect(only(errorsOf(items))).toEqual([
      "bad-address",
      "bad-hwaddr",
      "bad-number",
      "column-count",
      "bad-client-id",
      "bad-number",
      "bad-client-id",
      "truncated-row",
    ]);
    expect(errorsOf(items).map((e) => e.line)).toEqual([2, 3, 4, 5, 6, 7, 8, 10]);
    expect(leasesOf(items).map((l) => l.address)).toEqual(["10.0.0.1", "10.0.0.6"]);
  });
});
