import { describe, expect, it } from "vitest";
import {
  addressSortKey,
  cidrContains,
  cidrRange,
  normalizeHex,
  parseAddress,
  parseCidr,
  parseIPv4,
  parseIPv6,
} from "../../src/dhcp";

describe("addresses", () => {
  it("parses strict dotted quads", () => {
    expect(parseIPv4("192.168.2.27")).toBe(0xc0a8021b);
    expect(parseIPv4("0.0.0.0")).toBe(0);
    expect(parseIPv4("255.255.255.255")).toBe(0xffffffff);
    for (const bad of ["256.1.1.1", "1.2.3", "1.2.3.4.5", "01.2.3.4", "1..2.3", "1.2.3.4 ", "a.b.c.d", ""]) {
      expect(parseIPv4(bad), bad).toBe(-1);
    }
  });

  it("parses IPv6 text forms and writes RFC 5952", () => {
    expect(parseAddress("2001:DB8:0:0:0:0:0:1")!.text).toBe("2001:db8::1");
    expect(parseAddress("2001:db8::1:0:0:1")!.text).toBe("2001:db8::1:0:0:1");
    expect(parseAddress("2001:0:0:1:0:0:0:1")!.text).toBe("2001:0:0:1::1"); // longest run wins
    expect(parseAddress("::")!.text).toBe("::");
    expect(parseAddress("::ffff:192.0.2.1")!.text).toBe("::ffff:192.0.2.1");
    expect(parseAddress("2001:10:10:0:0:0:0:106")!.text).toBe("2001:10:10::106");
    expect(parseIPv6("1::2:3:4:5:6:7")).toEqual([1, 0, 2, 3, 4, 5, 6, 7]);
    for (const bad of [
      ":::",
      "1:2",
      "1::2::3",
      "12345::",
      "1:2:3:4:5:6:7:8:9",
      "fe80::1%eth0",
      "::1.2.3",
      ":1::",
      "1:",
    ]) {
      expect(parseAddress(bad), bad).toBeNull();
    }
  });

  it("sort keys are fixed width and order like the numbers", () => {
    expect(addressSortKey("10.0.0.1")).toBe("v4:0a000001");
    expect(addressSortKey("::1")).toBe(`v6:${"0".repeat(31)}1`);
    const addrs = [
      "10.0.0.10",
      "10.0.0.9",
      "9.255.255.255",
      "::1",
      "2001:db8::",
      "fe80::1",
      "0.0.0.0",
      "255.255.255.255",
    ];
    const sorted = [...addrs].sort((a, b) => (addressSortKey(a) < addressSortKey(b) ? -1 : 1));
    expect(sorted).toEqual([
      "0.0.0.0",
      "9.255.255.255",
      "10.0.0.9",
      "10.0.0.10",
      "255.255.255.255",
      "::1",
      "2001:db8::",
      "fe80::1",
    ]);
    expect(() => addressSortKey("nope")).toThrow(RangeError);
  });

  it("CIDR helpers", () => {
    expect(parseCidr("10.1.2.3/8")).toEqual({
      family: 4,
      network: "10.0.0.0",
      prefixLength: 8,
      lowKey: "v4:0a000000",
      highKey: "v4:0affffff",
    });
    expect(cidrRange("2001:db8::/32")).toEqual([
      `v6:20010db8${"0".repeat(24)}`,
      `v6:20010db8${"f".repeat(24)}`,
    ]);
    expect(cidrRange("0.0.0.0/0")).toEqual(["v4:00000000", "v4:ffffffff"]);
    expect(parseCidr("192.0.2.1")!.prefixLength).toBe(32);
    expect(cidrContains("127.77.0.0/24", "127.77.0.200")).toBe(true);
    expect(cidrContains("127.77.0.0/24", "127.77.1.0")).toBe(false);
    expect(cidrContains("127.77.0.0/24", addressSortKey("127.77.0.5"))).toBe(true);
    expect(cidrContains("::/0", "10.0.0.1")).toBe(false); // families never mix
    expect(cidrContains("2001:610:500::/48", "2001:610:500:fff::")).toBe(true);
    for (const bad of ["10.0.0.0/33", "10.0.0.0/", "10.0.0.0/08", "::/129", "x/1"])
      expect(parseCidr(bad), bad).toBeNull();
    expect(() => cidrRange("bad")).toThrow(RangeError);
  });

  it("normalises hardware addresses and client ids", () => {
    expect(normalizeHex("AC:1F:6B:35:AC:62")).toBe("ac:1f:6b:35:ac:62");
    expect(normalizeHex("0:1:3:e9")).toBe("00:01:03:e9");
    expect(normalizeHex("ac-1f-6b-35-ac-62")).toBe("ac:1f:6b:35:ac:62");
    expect(normalizeHex("ac1f.6b35.ac62")).toBe("ac:1f:6b:35:ac:62");
    expect(normalizeHex("ac1f6b35ac62")).toBe("ac:1f:6b:35:ac:62");
    for (const bad of ["", "zz:00", "a:", ":a", "123:4", "abc", "a::b"])
      expect(normalizeHex(bad), bad).toBeNull();
    expect(normalizeHex("00:11:22", 2)).toBeNull();
  });
});
