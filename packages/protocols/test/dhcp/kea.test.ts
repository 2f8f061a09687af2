import { describe, expect, it } from "vitest";
import {
  KEA_V4_COLUMNS,
  KEA_V6_COLUMNS,
  KeaCsvParser,
  keaEscape,
  keaRawFields,
  keaUnescape,
  LeaseTable,
  parseChunksAsync,
  parseKeaCsv,
} from "../../src/dhcp";
import { chunks, errorsOf, feed, leasesOf, vector } from "./helpers";

// Row counts are `grep -c -v '^address,' <file>` (every non-header line is one row).
const KEA_FILES: Record<string, number> = {
  "kea/isc-kea/lease4_dump_test.reference.csv": 3,
  "kea/isc-kea/lease6_dump_test.reference.csv": 4,
  "kea/metal-bmc/kea-leases.csv": 2,
  "kea/metal-bmc/kea-leases4.csv": 2,
  "kea/metal-bmc/kea-leases4.test.csv": 6,
  "peers/kea-leases4-loopback-head.csv": 11,
  "peers/kea-leases4-veth-dora.csv": 2,
};

describe("Kea memfile CSV: every vector parses with nothing lost", () => {
  for (const [file, rows] of Object.entries(KEA_FILES)) {
    it(`${file}: ${rows} rows, no errors, raw row = file line`, () => {
      const text = vector(file);
      const items = parseKeaCsv(text, { server: "kea-1" });
      expect(errorsOf(items)).toEqual([]);
      const leases = leasesOf(items);
      expect(leases).toHaveLength(rows);
      const lines = text.split("\n");
      for (const l of leases) {
        expect(l.raw.row).toBe(lines[l.line - 1]);
        expect(l.raw.header).toBe(lines[0]);
        expect(l.server).toBe("kea-1");
        expect(l.format).toBe("kea-csv");
      }
    });

    it(`${file}: identical results whatever the chunking`, () => {
      const text = vector(file);
      const whole = parseKeaCsv(text);
      for (let seed = 1; seed <= 25; seed++) {
        expect(feed(new KeaCsvParser(), chunks(text, seed))).toEqual(whole);
      }
      expect(feed(new KeaCsvParser(), text.split(""))).toEqual(whole);
    });
  }
});

describe("Kea DHCPv4 (kea-admin lease-dump reference, header with pool_id)", () => {
  const items = parseKeaCsv(vector("kea/isc-kea/lease4_dump_test.reference.csv"));
  const [a, b, c] = leasesOf(items);

  it("reports the header and its family", () => {
    expect(items[0]).toEqual({ kind: "header", family: 4, columns: [...KEA_V4_COLUMNS], line: 1 });
  });

  it("row 0.0.0.10,32:30,33:30,40,1642000000,50,1,1,one.example.com,0,,0", () => {
    expect(a).toMatchObject({
      family: 4,
      address: "0.0.0.10",
      addressKey: "v4:0000000a",
      leaseType: "V4",
      prefixLength: 32,
      hwAddress: "32:30",
      clientId: "33:30",
      validLifetime: 40,
      ends: 1642000000,
      cltt: 1642000000 - 40, // Kea: expire = cltt + valid_lifetime
      subnetId: 50,
      fqdnFwd: true,
      fqdnRev: true,
      hostname: "one.example.com",
      state: "bound",
      userContext: null,
      poolId: 0,
      deleted: false,
      line: 2,
    });
  });

  it("row 0.0.0.11,,31:32:33,...,1,{  },0: no hwaddr, declined, empty user context", () => {
    expect(b).toMatchObject({ hwAddress: null, clientId: "31:32:33", hostname: null, state: "declined" });
    expect(b!.userContext).toEqual({});
  });

  it("row 0.0.0.12: &#x2c escapes in hostname and user_context, state 2", () => {
    expect(c).toMatchObject({
      hwAddress: "32:32",
      clientId: null,
      hostname: "three,example,com",
      state: "reclaimed",
    });
    expect(c!.userContext).toEqual({ a: 1, b: "c" });
    expect(keaRawFields(c!)).toMatchObject({
      hostname: "three&#x2cexample&#x2ccom",
      user_context: '{ "a": 1&#x2c "b": "c" }',
      state: "2",
    });
  });
});

describe("Kea DHCPv6 (lease6 dump reference, 18 columns)", () => {
  const items = parseKeaCsv(vector("kea/isc-kea/lease6_dump_test.reference.csv"));
  const leases = leasesOf(items);

  it("reports an 18-column v6 header", () => {
    expect(items[0]).toMatchObject({ kind: "header", family: 6, columns: [...KEA_V6_COLUMNS] });
  });

  it("row ::10,32:30:33,30,1642000000,40,50,0,60,128,1,1,one.example.com,38:30,0,,90,16,0", () => {
    expect(leases[0]).toMatchObject({
      family: 6,
      address: "::10",
      addressKey: "v6:00000000000000000000000000000010",
      clientId: "32:30:33",
      validLifetime: 30,
      ends: 1642000000,
      cltt: 1642000000 - 30,
      subnetId: 40,
      preferredLifetime: 50,
      leaseType: "IA_NA",
      iaid: 60,
      prefixLength: 128,
      fqdnFwd: true,
      fqdnRev: true,
      hostname: "one.example.com",
      hwAddress: "38:30",
      hwType: 90,
      state: "bound",
      poolId: 0,
    });
    expect(keaRawFields(leases[0]!)).toMatchObject({ hwaddr_source: "16", hwtype: "90" });
  });

  it("states 1 and 2, escaped hostname, user context, empty hwaddr", () => {
    expect(leases.map((l) => l.state)).toEqual(["bound", "declined", "reclaimed", "reclaimed"]);
    expect(leases[2]).toMatchObject({ hostname: "three,example,com", userContext: { a: 1, b: "c" } });
    expect(leases[3]).toMatchObject({
      address: "::13",
      hwAddress: null,
      hwType: null,
      hostname: "no.hwaddr.only.duid",
      ends: 1700000000,
    });
  });
});

describe("Kea schema versions and delete markers", () => {
  it("11-column (pre pool_id) header: pool_id defaults to 0, state 1 = declined", () => {
    const leases = leasesOf(parseKeaCsv(vector("kea/metal-bmc/kea-leases.csv")));
    expect(leases[0]).toMatchObject({
      address: "192.168.2.27",
      hwAddress: "ac:1f:6b:35:ac:62",
      clientId: "01:ac:1f:6b:35:ac:62",
      validLifetime: 3600,
      ends: 1593243021,
      subnetId: 1,
      fqdnFwd: false,
      fqdnRev: false,
      hostname: null,
      state: "declined",
      userContext: null,
      poolId: 0,
    });
  });

  it("older headers (v4 9 columns, v6 12 columns) use Kea's defaults", () => {
    const v4 = leasesOf(
      parseKeaCsv(
        "address,hwaddr,client_id,valid_lifetime,expire,subnet_id,fqdn_fwd,fqdn_rev,hostname\n10.0.0.1,aa:bb:cc:dd:ee:ff,,100,200,1,0,0,h\n",
      ),
    );
    expect(v4[0]).toMatchObject({ state: "bound", poolId: 0, userContext: null, hostname: "h" });
    const v6 = leasesOf(
      parseKeaCsv(
        "address,duid,valid_lifetime,expire,subnet_id,pref_lifetime,lease_type,iaid,prefix_len,fqdn_fwd,fqdn_rev,hostname\n2001:db8:1::,00:01:02,100,200,1,50,2,7,56,0,0,\n",
      ),
    );
    expect(v6[0]).toMatchObject({
      leaseType: "IA_PD",
      prefixLength: 56,
      hwAddress: null,
      state: "bound",
      iaid: 7,
    });
  });

  it("kea-leases4.test.csv: repeated address, valid_lifetime 0 deletes, state 4, empty hwaddr, far future", () => {
    const leases = leasesOf(parseKeaCsv(vector("kea/metal-bmc/kea-leases4.test.csv")));
    expect(leases.map((l) => [l.address, l.deleted])).toEqual([
      ["192.168.1.254", false],
      ["10.0.0.128", false],
      ["10.0.0.129", false],
      ["10.0.0.129", true],
      ["10.0.0.130", false],
      ["10.0.0.1", false],
    ]);
    expect(leases[1]).toMatchObject({ state: "unknown", ends: 3472123442 }); // 4 is a v6-only state
    expect(keaRawFields(leases[1]!).state).toBe("4");
    expect(leases[4]).toMatchObject({ hwAddress: null, clientId: null });
    expect(leases[5]).toMatchObject({ hostname: "storage01", hwAddress: "00:00:00:00:00:01" });
    const table = new LeaseTable();
    for (const l of leases) table.apply(l);
    // 5 distinct addresses (`cut -d, -f1 | sort -u`), minus the deleted 10.0.0.129.
    expect(table.size).toBe(4);
    expect(table.get("10.0.0.129")).toBeUndefined();
  });

  it("Kea 2.2 capture: escaped comma/ampersand/quotes, update then delete, last row wins", () => {
    const leases = leasesOf(parseKeaCsv(vector("peers/kea-leases4-loopback-head.csv")));
    expect(leases[0]).toMatchObject({
      address: "127.201.0.50",
      hwAddress: "1a:1b:1c:1d:1e:1f",
      clientId: "01:1a:1b:1c:1d:1e:1f",
      validLifetime: 7200,
      ends: 1795249252,
      subnetId: 2,
      hostname: "static-host.example",
      userContext: { source: "console-test" },
    });
    expect(leases[1]).toMatchObject({
      address: "127.201.0.51",
      state: "declined",
      hostname: "declined.example",
    });
    const renamed = leases[7]!;
    expect(renamed.hostname).toBe('renamed, with comma & "quotes".example');
    expect(renamed.userContext).toEqual({ note: "a,b" });
    expect(leases[8]).toMatchObject({
      address: "127.201.0.60",
      deleted: true,
      validLifetime: 0,
      ends: 1795242079,
    });

    const table = new LeaseTable();
    for (const l of leases) table.apply(l);
    expect(table.size).toBe(6); // 7 distinct addresses, 127.201.0.60 deleted
    expect(table.get("127.201.0.60")).toBeUndefined();
    expect(table.get("127.200.0.10")).toMatchObject({ ends: 1795245683, line: 11 });
    expect(table.sorted().map((l) => l.address)).toEqual([
      "127.200.0.10",
      "127.200.0.11",
      "127.200.0.12",
      "127.200.0.13",
      "127.201.0.50",
      "127.201.0.51",
    ]);
  });
});

describe("Kea escaping", () => {
  it("decodes &#xHH and leaves an incomplete tag literal (as Kea does)", () => {
    expect(keaUnescape("a&#x2cb&#x26c")).toBe("a,b&c");
    expect(keaUnescape("x&#x2")).toBe("x&#x2");
    expect(keaUnescape("x&#xzz,")).toBe("x&#xzz,");
    expect(keaUnescape("&#x2C")).toBe(",");
  });
  it("escape/unescape round-trips", () => {
    const s = 'renamed, with comma & "quotes".example';
    expect(keaEscape(s)).toBe('renamed&#x2c with comma &#x26 "quotes".example');
    expect(keaUnescape(keaEscape(s))).toBe(s);
  });
});

describe("Kea incremental parsing at scale", () => {
  it("streams 200,000 rows in 64 KiB chunks without holding the file", () => {
    const p = new KeaCsvParser();
    let leases = 0;
    let errors = 0;
    const count = (items: { kind: string }[]) => {
      for (const i of items) {
        if (i.kind === "lease") leases++;
        else if (i.kind === "error") errors++;
      }
    };
    count(p.push(`${KEA_V4_COLUMNS.join(",")}\n`));
    let buf = "";
    for (let i = 0; i < 200_000; i++) {
      buf += `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255},00:0c:01:02:03:04,,3600,${1795245662 + i},1,0,0,,0,,0\n`;
      if (buf.length > 65536) {
        count(p.push(buf));
        buf = "";
      }
    }
    count(p.push(buf));
    count(p.end());
    expect({ leases, errors }).toEqual({ leases: 200_000, errors: 0 });
  });

  it("async byte streams: UTF-8 split across chunks", async () => {
    const text = `${KEA_V4_COLUMNS.join(",")}\n10.0.0.1,aa:bb:cc:dd:ee:ff,,60,120,1,0,0,café&#x2cbar,0,,0\n`;
    const bytes = new TextEncoder().encode(text);
    const cut = bytes.indexOf(0xc3) + 1; // inside "é"
    async function* src() {
      yield bytes.slice(0, cut);
      yield bytes.slice(cut);
    }
    const items = [];
    for await (const i of parseChunksAsync(new KeaCsvParser(), src())) items.push(i);
    expect(leasesOf(items)[0]!.hostname).toBe("café,bar");
  });
});

describe("Kea subnet ids: 32-bit unsigned, 1 … 4294967294", () => {
  const V4 =
    "address,hwaddr,client_id,valid_lifetime,expire,subnet_id,fqdn_fwd,fqdn_rev,hostname,state,user_context,pool_id";
  const V6 =
    "address,duid,valid_lifetime,expire,subnet_id,pref_lifetime,lease_type,iaid,prefix_len,fqdn_fwd,fqdn_rev,hostname,hwaddr,state";
  const v4 = (n: number, subnet: string) =>
    `192.0.2.${n},02:00:00:00:00:0${n},,3600,1795244400,${subnet},0,0,,0,,0`;
  // A hostname with an escape sends a v4 row to the general path instead of the fast one.
  const v4slow = (n: number, subnet: string) =>
    `192.0.2.${n},02:00:00:00:00:0${n},,3600,1795244400,${subnet},0,0,a&#x2cb,0,,0`;
  const v6 = (n: number, subnet: string) =>
    `2001:db8::${n},00:01:02,3600,1795244400,${subnet},1800,0,7,128,0,0,,,0`;

  for (const [name, header, row] of [
    ["v4 fast path", V4, v4],
    ["v4 general path", V4, v4slow],
    ["v6", V6, v6],
  ] as const) {
    it(`${name}: accepts 1, 2^31 and 4294967294; refuses 0, 4294967295, 2^53 and non-integers precisely`, () => {
      const bad = ["0", "4294967295", "9007199254740993", "1.5", "-1", "", "0x10"];
      const good = ["1", "2147483648", "4294967294"];
      const text = `${[header, ...good.map((s, i) => row(i + 1, s)), ...bad.map((s, i) => row(i + 4, s))].join("\n")}\n`;
      const items = parseKeaCsv(text);
      expect(leasesOf(items).map((l) => l.subnetId)).toEqual([1, 2147483648, 4294967294]);
      expect(errorsOf(items).map((e) => [e.line, e.code, e.field, e.reason])).toEqual(
        bad.map((s, i) => [
          i + 5,
          "bad-number",
          "subnet_id",
          `invalid subnet_id ${JSON.stringify(s)} (an integer from 1 to 4294967294)`,
        ]),
      );
    });
  }
});
