import { describe, expect, it } from "vitest";
import {
  canonicalOrder,
  compareNames,
  nameFromText,
  nameToText,
  parseZone,
  toHex,
} from "../../src/dns/index";

describe("canonical name order (RFC 4034 §6.1)", () => {
  // The example list printed in RFC 4034 §6.1, in its canonical order.
  const rfcOrder = [
    "example.",
    "a.example.",
    "yljkjljk.a.example.",
    "Z.a.example.",
    "zABC.a.EXAMPLE.",
    "z.example.",
    "\\001.z.example.",
    "*.z.example.",
    "\\200.z.example.",
  ];

  it("sorts the RFC's example names into the RFC's order", () => {
    const shuffled = [5, 2, 8, 0, 7, 3, 1, 6, 4].map((i) => rfcOrder[i]!);
    const sorted = shuffled
      .map((t) => ({ t, w: nameFromText(t, null, false) }))
      .sort((a, b) => compareNames(a.w, b.w))
      .map((x) => x.t);
    expect(sorted).toEqual(rfcOrder);
  });

  it("sorts records by owner, then type, then RDATA, and drops duplicates", () => {
    const zone = [
      "$ORIGIN example.",
      "z.example. 60 TXT b",
      "Z.example. 60 TXT a",
      "z 60 A 192.0.2.2",
      "z 60 A 192.0.2.10",
      "z 60 A 192.0.2.2",
      "@ 60 NS ns",
      "@ 60 A 192.0.2.1",
      "a.z 60 A 192.0.2.1",
      "\\000 60 A 192.0.2.1",
    ].join("\n");
    const { records, errors } = parseZone(zone);
    expect(errors).toEqual([]);
    const { records: out, duplicates } = canonicalOrder(records);
    expect(duplicates).toBe(1);
    expect(out.map((r) => `${nameToText(r.owner)} ${r.type} ${toHex(r.rdata)}`)).toEqual([
      "example. 1 c0000201",
      "example. 2 026e73076578616d706c6500",
      "\\000.example. 1 c0000201",
      // RFC 4034 §6.3: RDATA compared octet by octet, so 192.0.2.2 sorts before 192.0.2.10.
      "z.example. 1 c0000202",
      "z.example. 1 c000020a",
      "z.example. 16 0161",
      "z.example. 16 0162",
      "a.z.example. 1 c0000201",
    ]);
  });
});
