import { describe, expect, it } from "vitest";
import { parseZone, toHex } from "../../src/dns/index";

const rdata = (text: string): string => {
  const r = parseZone(text, { origin: "example.com." });
  expect(r.errors.map((e) => e.message)).toEqual([]);
  return toHex(r.records[0]!.rdata);
};
const hex = (s: string): string => s.replace(/[\s()]/g, "").toLowerCase();

describe("RDATA encoders against published wire forms", () => {
  it("NSEC type bitmap: RFC 4034 §4.3 example", () => {
    expect(rdata("alfa.example.com. 86400 IN NSEC host.example.com. ( A MX RRSIG NSEC TYPE1234 )")).toBe(
      hex(`04686f7374076578616d706c6503636f6d00
           0006400100000003
           041b000000000000000000000000000000000000000000000000000020`),
    );
  });

  it("NSEC keeps the next name's case (RFC 6840 §5.1); RRSIG signer is lower-cased", () => {
    expect(rdata("a NSEC Host.Example.COM. A")).toBe(hex("04486f7374074578616d706c6503434f4d00 000140"));
    expect(rdata("a RRSIG A 8 2 60 20210101000000 20200101000000 1 Example.COM. AAAA").slice(36, 62)).toBe(
      hex("076578616d706c6503636f6d00"),
    );
  });

  it("DS: RFC 4034 §5.4 example", () => {
    expect(
      rdata("dskey.example.com. 86400 IN DS 60485 5 1 ( 2BB183AF5F22588179A53B0A 98631FAD1A292118 )"),
    ).toBe(hex("ec45 05 01 2bb183af5f22588179a53b0a98631fad1a292118"));
  });

  // RFC 9460 Appendix D test vectors, as carried in BIND's lib/dns rdata tests.
  const svcb: [string, string][] = [
    ["0 foo.example.com.", "00 00 03 66 6f 6f 07 65 78 61 6d 70 6c 65 03 63 6f 6d 00"],
    ["1 .", "00 01 00"],
    [
      "16 foo.example.com. port=53",
      "00 10 03 66 6f 6f 07 65 78 61 6d 70 6c 65 03 63 6f 6d 00 00 03 00 02 00 35",
    ],
    [
      "1 foo.example.com. key667=hello",
      "00 01 03 66 6f 6f 07 65 78 61 6d 70 6c 65 03 63 6f 6d 00 02 9b 00 05 68 65 6c 6c 6f",
    ],
    [
      '1 foo.example.com. key667="hello\\210qoo"',
      "00 01 03 66 6f 6f 07 65 78 61 6d 70 6c 65 03 63 6f 6d 00 02 9b 00 09 68 65 6c 6c 6f d2 71 6f 6f",
    ],
    [
      '1 foo.example.com. ipv6hint="2001:db8::1,2001:db8::53:1"',
      `00 01 03 66 6f 6f 07 65 78 61 6d 70 6c 65 03 63 6f 6d 00 00 06 00 20 20 01 0d b8 00 00 00 00 00 00 00 00 00 00
       00 01 20 01 0d b8 00 00 00 00 00 00 00 00 00 53 00 01`,
    ],
    [
      "16 foo.example.org. alpn=h2,h3-19 mandatory=ipv4hint,alpn ipv4hint=192.0.2.1",
      `00 10 03 66 6f 6f 07 65 78 61 6d 70 6c 65 03 6f 72 67 00 00 00 00 04 00 01 00 04 00 01 00 09 02 68 32 05 68 33
       2d 31 39 00 04 00 04 c0 00 02 01`,
    ],
    [
      '16 foo.example.org. alpn="f\\\\\\\\oo\\\\,bar,h2"',
      "00 10 03 66 6f 6f 07 65 78 61 6d 70 6c 65 03 6f 72 67 00 00 01 00 0c 08 66 5c 6f 6f 2c 62 61 72 02 68 32",
    ],
    [
      "16 foo.example.org. alpn=f\\\\\\092oo\\092,bar,h2",
      "00 10 03 66 6f 6f 07 65 78 61 6d 70 6c 65 03 6f 72 67 00 00 01 00 0c 08 66 5c 6f 6f 2c 62 61 72 02 68 32",
    ],
  ];
  for (const [text, wire] of svcb) {
    it(`SVCB/HTTPS ${text}`, () => {
      expect(rdata(`example.com. SVCB ${text}`)).toBe(hex(wire));
      expect(rdata(`example.com. HTTPS ${text}`)).toBe(hex(wire));
    });
  }

  it("rejects a repeated SvcParamKey", () => {
    const r = parseZone("a SVCB 1 . port=1 port=2", { origin: "example." });
    expect(r.errors[0]!.reason).toMatch(/duplicate SvcParamKey/);
  });

  it("AAAA text forms", () => {
    expect(rdata("a AAAA ::")).toBe("0".repeat(32));
    expect(rdata("a AAAA ::ffff:192.0.2.1")).toBe("00000000000000000000ffffc0000201");
    expect(rdata("a AAAA 2001:db8::")).toBe("20010db8000000000000000000000000");
    expect(rdata("a AAAA 1:2:3:4:5:6:7:8")).toBe("00010002000300040005000600070008");
    for (const bad of ["1::2::3", "1:2:3:4:5:6:7", ":1::", "1:2:3:4:5:6:7:8:9", "12345::", "1:"]) {
      expect(parseZone(`a AAAA ${bad}`, { origin: "example." }).errors).toHaveLength(1);
    }
  });
});
