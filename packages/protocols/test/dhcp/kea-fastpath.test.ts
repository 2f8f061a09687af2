import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it, vi } from "vitest";
import { KEA_V4_COLUMNS, KeaCsvParser, type KeaParseItem, type KeaParserOptions } from "../../src/dhcp";
import { chunks, feed, leasesOf, prng, vector } from "./helpers";

// KeaCsvParser reads v4 rows under Kea's own header order with a fused single-pass reader and
// hands every row it does not accept to the general path. These tests prove the two give exactly
// the same items: every Kea vector, hand-written hostile rows and seeded mutations are parsed with
// the fast path on and off and compared item by item (values, key order of the leases, errors).

const VECTORS = fileURLToPath(new URL("./vectors/", import.meta.url));
const KEA_VECTORS = (readdirSync(VECTORS, { recursive: true }) as string[])
  .map((f) => f.replaceAll("\\", "/"))
  .filter((f) => f.endsWith(".csv"))
  .sort();

const HEADER = KEA_V4_COLUMNS.join(",");

function parse(text: string | string[], fastPath: boolean, options: KeaParserOptions = {}): KeaParseItem[] {
  return feed(
    new KeaCsvParser({ server: "kea-1", ...options, fastPath }),
    typeof text === "string" ? [text] : text,
  );
}

/** Fast and general path agree on `text` (whole and in random chunks); returns the fast items. */
function expectSame(text: string, options: KeaParserOptions = {}): KeaParseItem[] {
  const general = parse(text, false, options);
  const fast = parse(text, true, options);
  expect(fast).toEqual(general);
  // Same key order too (toEqual ignores it): both paths build leases with one literal.
  expect(JSON.stringify(fast)).toBe(JSON.stringify(general));
  for (let seed = 1; seed <= 3; seed++) {
    const parts = chunks(text, seed, 40);
    expect(parse(parts, true, options)).toEqual(parse(parts, false, options));
  }
  return fast;
}

/** Counts the rows the fused reader accepted (it returns null for those it leaves to the general path). */
function countFastRows(): { accepted: number; declined: number } {
  const proto = KeaCsvParser.prototype as unknown as { readV4: (...args: unknown[]) => unknown };
  const original = proto.readV4;
  const counts = { accepted: 0, declined: 0 };
  vi.spyOn(proto, "readV4").mockImplementation(function (this: unknown, ...args: unknown[]) {
    const lease = original.apply(this, args);
    if (lease === null) counts.declined++;
    else counts.accepted++;
    return lease;
  });
  return counts;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("Kea v4 fast path: same leases as the general path", () => {
  it("finds the Kea vectors", () => {
    expect(KEA_VECTORS.length).toBeGreaterThanOrEqual(7);
  });

  for (const file of KEA_VECTORS) {
    it(`${file}: identical items with the fast path on and off`, () => {
      expectSame(vector(file));
    });
  }

  it("the fast path really takes the plain v4 rows of the vectors", () => {
    const counts = countFastRows();
    for (const file of KEA_VECTORS) parse(vector(file), true);
    expect(counts.accepted).toBeGreaterThanOrEqual(20);
    // Off, it is never called.
    const before = counts.accepted + counts.declined;
    for (const file of KEA_VECTORS) parse(vector(file), false);
    expect(counts.accepted + counts.declined).toBe(before);
  });

  it("plain rows of every v4 schema version (9 to 12 columns), CRLF, BOM, last line without newline", () => {
    const rows12 = [
      "10.0.0.1,02:00:00:00:00:01,01:02:00:00:00:00:00:01,3600,1760003600,1,0,0,host-1.example,0,,0",
      "10.0.0.2,,,3600,1760003600,7,1,1,,1,,3",
      // Subnet ids run 1 … 4294967294 (Kea's SubnetID; 0 and 4294967295 are refused).
      "192.168.255.255,aa:bb:cc:dd:ee:ff,,4294967295,4294967295,4294967294,0,1,x,3,,4294967295",
      "0.0.0.0,00,ff,0,0,1,0,0,,2,,0",
    ];
    const counts = countFastRows();
    for (let n = 9; n <= 12; n++) {
      const header = KEA_V4_COLUMNS.slice(0, n).join(",");
      const rows = rows12.map((r) => r.split(",").slice(0, n).join(","));
      const text = `${header}\n${rows.join("\n")}\n`;
      const items = expectSame(text);
      expect(leasesOf(items)).toHaveLength(rows.length);
      expectSame(text.replaceAll("\n", "\r\n"));
      expectSame(`\ufeff${text}`);
      expectSame(text.slice(0, -1));
      expectSame(`${text}\n\n`);
    }
    expect(counts.accepted).toBeGreaterThan(0);
    const text = `${HEADER}\n${rows12.join("\n")}\n`;
    const [a, b, c, d] = leasesOf(parse(text, true));
    expect(a).toMatchObject({
      address: "10.0.0.1",
      addressKey: "v4:0a000001",
      hwAddress: "02:00:00:00:00:01",
      hwType: 1,
      clientId: "01:02:00:00:00:00:00:01",
      hostname: "host-1.example",
      state: "bound",
      deleted: false,
      starts: 1760000000,
      ends: 1760003600,
      raw: { header: HEADER, row: rows12[0] },
    });
    expect(b).toMatchObject({
      hwAddress: null,
      hwType: null,
      clientId: null,
      hostname: null,
      state: "declined",
    });
    expect(b).toMatchObject({ fqdnFwd: true, fqdnRev: true, poolId: 3, subnetId: 7 });
    expect(c).toMatchObject({ ends: null, starts: 0, validLifetime: 4294967295, state: "released" });
    expect(d).toMatchObject({ deleted: true, state: "reclaimed", hwAddress: "00", clientId: "ff" });
  });

  it("hostile rows: every one gives the same lease or the same error on both paths", () => {
    const ok = "10.1.2.3,0a:0b:0c:0d:0e:0f,01:0a:0b:0c:0d:0e:0f,3600,1760003600,1,0,0,h.example,0,,0";
    const fields = ok.split(",");
    const variants: string[] = [ok];
    // Every field emptied, blanked, padded, doubled, dropped.
    for (let k = 0; k < fields.length; k++) {
      const put = (v: string) => fields.map((f, j) => (j === k ? v : f)).join(",");
      variants.push(put(""), put(" "), put(` ${fields[k]}`), put(`${fields[k]} `), put(`${fields[k]},x`));
      variants.push(fields.filter((_, j) => j !== k).join(","));
    }
    const at = (k: number, values: string[]) =>
      values.map((v) => fields.map((f, j) => (j === k ? v : f)).join(","));
    // Column counts.
    variants.push(`${ok},`, `${ok},0`, ok.slice(0, ok.lastIndexOf(",")), ",", ",,,,,,,,,,,", "10.1.2.3");
    // Addresses.
    variants.push(
      ...at(0, [
        "010.1.2.3",
        "10.01.2.3",
        "10.1.2.00",
        "0.0.0.0",
        "255.255.255.255",
        "256.1.2.3",
        "10.1.2.256",
        "10.1.2",
        "10.1.2.3.4",
        "10..2.3",
        ".10.1.2",
        "10.1.2.",
        "::1",
        "2001:db8::1",
        "1000.1.2.3",
        "10.1.2.3a",
        "a10.1.2.3",
        "１0.1.2.3",
      ]),
    );
    // Hardware addresses and client ids: case, separators, lengths.
    const mac20 = Array.from({ length: 20 }, (_, i) => (i + 16).toString(16)).join(":");
    const id255 = Array.from({ length: 255 }, (_, i) => (i & 255).toString(16).padStart(2, "0")).join(":");
    for (const k of [1, 2]) {
      variants.push(
        ...at(k, [
          "0A:0B:0C:0D:0E:0F",
          "0a:0B:0c:0d:0e:0f",
          "0a-0b-0c-0d-0e-0f",
          "0a0b.0c0d.0e0f",
          "0a0b0c0d0e0f",
          "a:b:c:d:e:f",
          "0a:0b:0c:0d:0e:0",
          "0a:0b:0c:0d:0e:0f:",
          ":0a:0b",
          "0a::0b",
          "0a:0b:0c:0d:0e:0g",
          "0a",
          "f",
          "fff",
          mac20,
          `${mac20}:ff`,
          id255,
          `${id255}:00`,
        ]),
      );
    }
    // Numbers.
    for (const k of [3, 4, 5, 9, 11]) {
      variants.push(
        ...at(k, [
          "0",
          "00",
          "0003600",
          "-1",
          "+1",
          "1e3",
          "1.5",
          "0x10",
          "4294967295",
          "4294967296",
          "9007199254740991",
          "9007199254740992",
          "9999999999999999",
          "99999999999999999",
          "1234567890123456",
          "12345678901234567",
          "0000000000000001",
          "00000000000000001",
          "000000000000003600",
          "٣",
        ]),
      );
    }
    variants.push(...at(3, ["1760003601", "1760003600"]), ...at(4, ["3599", "3600"]));
    // Booleans.
    for (const k of [6, 7]) variants.push(...at(k, ["1", "true", "false", "2", "00", "01", "T", "yes"]));
    // Hostnames: escapes, lone ampersands, non-ASCII, control characters.
    variants.push(
      ...at(8, [
        "a&#x2cb",
        "a&#x26b",
        "&#x2c",
        "&#x2C&#x2c",
        "&#x",
        "&#xZZ",
        "&#x2",
        "a&b",
        "&",
        "&&#x2c",
        "hôst.example",
        "ホスト",
        "\ud83d\ude00",
        "tab\there",
        "cr\rhere",
        '"quoted"',
        "x".repeat(300),
      ]),
    );
    // States.
    variants.push(...at(9, ["1", "2", "3", "4", "5", "4294967295", "4294967296"]));
    // user_context: objects, escaped commas, anything else.
    variants.push(
      ...at(10, [
        "{}",
        "{  }",
        '{ "a": 1 }',
        '{ "a": 1&#x2c "b": [1&#x2c2] }',
        '{ "a&#x26b": "c&#x2cd" }',
        "[]",
        "null",
        "1",
        '"x"',
        "{",
        "{ a: 1 }",
        '{ "a": 1 } x',
      ]),
    );
    // Delete markers and lifetimes.
    variants.push(...at(3, ["0"]).map((r) => r.replace(",1760003600,", ",1760000000,")));

    const text = `${HEADER}\n${variants.join("\n")}\n`;
    const counts = countFastRows();
    const items = expectSame(text);
    // Both paths are exercised: the fused reader takes the plain rows and declines the rest.
    expect(counts.accepted).toBeGreaterThan(50);
    expect(counts.declined).toBeGreaterThan(200);
    // Also one row per input, so a row cannot borrow state from its neighbour.
    for (const row of variants) expectSame(`${HEADER}\n${row}\n`);
    // Both outcomes are exercised.
    expect(items.filter((i) => i.kind === "error").length).toBeGreaterThan(100);
    expect(leasesOf(items).length).toBeGreaterThan(60);
  });

  it("headers: mid-stream changes, other column orders, bad headers, rows before a header, assumeFamily", () => {
    const row12 = "10.0.0.1,02:00:00:00:00:01,,3600,1760003600,1,0,0,h,0,,0";
    const row9 = row12.split(",").slice(0, 9).join(",");
    const permuted = ["hwaddr", "address", ...KEA_V4_COLUMNS.slice(2)].join(",");
    const rowPermuted = "02:00:00:00:00:01,10.0.0.1,,3600,1760003600,1,0,0,h,0,,0";
    const withExtra = `${HEADER},extra`;
    const v6 = vector("kea/isc-kea/lease6_dump_test.reference.csv");
    const texts = [
      `${row12}\n${HEADER}\n${row12}\n`,
      `${HEADER}\n${row12}\n${KEA_V4_COLUMNS.slice(0, 9).join(",")}\n${row9}\n${row12}\n${HEADER}\n${row12}\n`,
      `${permuted}\n${rowPermuted}\n${row12}\n`,
      `${withExtra}\n${row12},x\n${row12}\n`,
      `${HEADER}\n${row12}\n${v6}${row12}\n${HEADER}\n${row12}\n`,
      `address,address\n${row12}\n${HEADER}\n${row12}\n`,
      `address,hwaddr\n${row12}\n`,
    ];
    for (const text of texts) expectSame(text);
    for (const family of [4, 6] as const) expectSame(`${row12}\n${row9}\n`, { assumeFamily: family });
    expectSame(`${row12}\n`, { maxLineLength: 40 });
  });

  it("seeded mutations of v4 files: 3,000 inputs, identical items", () => {
    const seeds = [
      vector("kea/isc-kea/lease4_dump_test.reference.csv"),
      vector("kea/metal-bmc/kea-leases.csv"),
      vector("kea/metal-bmc/kea-leases4.test.csv"),
      vector("peers/kea-leases4-loopback-head.csv"),
      vector("peers/kea-leases4-veth-dora.csv"),
    ];
    const alphabet = [
      ...'0123456789abcdefABCDEF,:.-& \r\n\t{}"x',
      "&#x2c",
      "&#x26",
      "&#x",
      "é",
      "\ud83d\ude00",
    ];
    const rnd = prng(0xfa57);
    let leases = 0;
    let errors = 0;
    for (let run = 0; run < 3000; run++) {
      let s = seeds[run % seeds.length]!;
      const ops = 1 + Math.floor(rnd() * 4);
      for (let k = 0; k < ops; k++) {
        // Mutate inside the rows, rarely the header.
        const at = s.indexOf("\n") + 1 + Math.floor(rnd() * (s.length - s.indexOf("\n")));
        const len = Math.floor(rnd() * 4);
        const tok = alphabet[Math.floor(rnd() * alphabet.length)]!;
        const op = Math.floor(rnd() * 3);
        s =
          op === 0
            ? s.slice(0, at) + s.slice(at + len)
            : op === 1
              ? s.slice(0, at) + tok + s.slice(at)
              : s.slice(0, at) + tok + s.slice(at + 1);
      }
      const general = parse(s, false);
      const fast = parse(s, true);
      expect(fast, `run ${run}`).toEqual(general);
      for (const i of fast) {
        if (i.kind === "lease") leases++;
        else if (i.kind === "error") errors++;
      }
    }
    expect(leases).toBeGreaterThan(5000);
    expect(errors).toBeGreaterThan(1000);
  });
});
