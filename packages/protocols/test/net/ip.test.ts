import { describe, expect, it } from "vitest";
import * as dhcp from "../../src/dhcp";
import * as epp from "../../src/epp";
import { formatIPv6, ipv4ToText, parseIPv4, parseIPv4Range, parseIPv6 } from "../../src/net/ip";

const canonical = (s: string) => {
  const g = parseIPv6(s);
  if (!g) throw new Error(`not parsed: ${s}`);
  return formatIPv6(g);
};

describe("shared IP text (net/ip)", () => {
  it("RFC 5952 §4: the recommended text form", () => {
    // §4.1 leading zeros suppressed; §4.2.1 "::" as long as possible; §4.2.2 not for one group;
    // §4.2.3 the longest run, the first of equal runs; §4.3 lower case.
    for (const [input, want] of [
      ["2001:0db8::0001", "2001:db8::1"],
      ["2001:db8:0:0:0:0:2:1", "2001:db8::2:1"],
      ["2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1"],
      ["2001:0:0:1:0:0:0:1", "2001:0:0:1::1"],
      ["2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"],
      ["2001:DB8::1", "2001:db8::1"],
    ])
      expect(canonical(input as string), input).toBe(want);
    // §2: every spelling of the same address has the one text of §4.
    for (const s of [
      "2001:db8:0:0:1:0:0:1",
      "2001:0db8:0:0:1:0:0:1",
      "2001:db8::1:0:0:1",
      "2001:db8::0:1:0:0:1",
      "2001:0db8::1:0:0:1",
      "2001:db8:0:0:1::1",
      "2001:db8:0000:0:1::1",
      "2001:DB8:0:0:1::1",
    ])
      expect(canonical(s), s).toBe("2001:db8::1:0:0:1");
  });

  it("RFC 4291 §2.2 text forms, and the RFC 5952 §5 mixed form for IPv4-mapped addresses only", () => {
    expect(parseIPv6("2001:DB8:0:0:8:800:200C:417A")).toEqual([
      0x2001, 0xdb8, 0, 0, 8, 0x800, 0x200c, 0x417a,
    ]);
    expect(canonical("FF01:0:0:0:0:0:0:101")).toBe("ff01::101");
    expect(canonical("0:0:0:0:0:0:0:1")).toBe("::1");
    expect(canonical("0:0:0:0:0:0:0:0")).toBe("::");
    expect(canonical("0:0:0:0:0:FFFF:129.144.52.38")).toBe("::ffff:129.144.52.38");
    expect(canonical("::ffff:c000:201")).toBe("::ffff:192.0.2.1");
    expect(canonical("::ffff:0:0")).toBe("::ffff:0.0.0.0");
    // Not ::ffff:0:0/96, so no mixed form: IPv4-compatible (deprecated) and a look-alike prefix.
    expect(canonical("0:0:0:0:0:0:13.1.68.3")).toBe("::d01:4403");
    expect(canonical("::1:ffff:c000:201")).toBe("::1:ffff:c000:201");
    for (const bad of [
      "",
      ":",
      ":::",
      "1::2::3",
      "12345::",
      "1:2:3:4:5:6:7:8:9",
      "1:2:3:4::5:6:7:8",
      "fe80::1%eth0",
      ":1::",
      "1:",
      "::1.2.3.4:1",
      "1.2.3.4::",
      "::01.2.3.4",
      "::256.1.2.3",
      "g::1",
    ])
      expect(parseIPv6(bad), bad).toBeNull();
  });

  it("strict dotted quads", () => {
    expect(parseIPv4("192.0.2.1")).toBe(0xc0000201);
    expect(parseIPv4("255.255.255.255")).toBe(0xffffffff);
    expect(parseIPv4Range("x10.1.2.3,", 1, 9)).toBe(0x0a010203);
    expect(ipv4ToText(0xc0000201)).toBe("192.0.2.1");
    for (const bad of ["", "1.2.3", "1.2.3.4.5", "01.2.3.4", "1.2.3.256", "1..2.3", " 1.2.3.4", "1.2.3.4 "])
      expect(parseIPv4(bad), bad).toBe(-1);
  });

  it("is the one implementation behind DHCP and EPP", () => {
    expect(dhcp.parseIPv6).toBe(parseIPv6);
    expect(dhcp.ipv6ToText).toBe(formatIPv6);
    expect(dhcp.parseIPv4).toBe(parseIPv4);
    expect(epp.parseIPv6).toBe(parseIPv6);
    expect(epp.formatIPv6).toBe(formatIPv6);
    expect(epp.parseIPv4("192.0.2.1")).toEqual([192, 0, 2, 1]);
    expect(epp.parseIPv4("192.0.2.01")).toBeNull();
    expect(epp.canonicalAddress({ ip: "v6", address: "::FFFF:192.0.2.1" })).toBe("::ffff:192.0.2.1");
  });
});
