import { describe, expect, it } from "vitest";
import {
  decodeShutdownCommunication,
  encodeShutdownCommunication,
  fromHex,
  measureShutdownCommunication,
} from "../../src/bgp/index";

const hex = (h: string) => fromHex(h) as Uint8Array;

// Data octets of rawnotify.py's crafted cases (vectors/peer-samples/bgp/rawnotify.py).
describe("decodeShutdownCommunication (RFC 9003 §2/§4)", () => {
  it("no data at all: absent, nothing to report", () => {
    expect(decodeShutdownCommunication(new Uint8Array(0))).toMatchObject({
      status: "absent",
      findings: ["absent"],
    });
  });

  it("zero length: empty communication", () => {
    expect(decodeShutdownCommunication(hex("00"))).toMatchObject({
      status: "empty",
      length: 0,
      text: undefined,
    });
  });

  it("length beyond the data: invalid length, not interpreted, kept as hex", () => {
    const r = decodeShutdownCommunication(hex("2873686f7274"));
    expect(r).toMatchObject({
      status: "invalid-length",
      length: 40,
      text: undefined,
      rawHex: "2873686f7274",
    });
    expect(r.findings).toContain("invalid-length");
  });

  it("trailing data: text decoded, trailing octets reported as hex", () => {
    const r = decodeShutdownCommunication(hex("0530313233343536373839"));
    expect(r).toMatchObject({ status: "ok", text: "01234", trailingHex: "3536373839" });
    expect(r.findings).toEqual(["trailing-data"]);
  });

  it("invalid UTF-8: not interpreted, hex kept", () => {
    const r = decodeShutdownCommunication(hex("1262616420fffe207574663820c32820656e64"));
    expect(r).toMatchObject({ status: "invalid-utf8", text: undefined });
    expect(r.communicationHex).toBe("62616420fffe207574663820c32820656e64");
  });

  it("rejects overlong encodings and surrogates (strict decoder)", () => {
    expect(decodeShutdownCommunication(hex("02c0af")).status).toBe("invalid-utf8");
    expect(decodeShutdownCommunication(hex("03eda080")).status).toBe("invalid-utf8");
  });

  it("keeps a leading BOM as content instead of stripping it", () => {
    expect(decodeShutdownCommunication(hex("04efbbbf41")).text).toBe("\ufeffA");
  });

  it("flags > 128 octets as RFC 8203-incompatible", () => {
    const text = "x".repeat(200);
    const r = decodeShutdownCommunication(Uint8Array.from([200, ...new TextEncoder().encode(text)]));
    expect(r.status).toBe("ok");
    expect(r.findings).toContain("exceeds-rfc8203-limit");
    expect(r.rfc8203Compatible).toBe(false);
  });

  it("flags control characters (log injection risk)", () => {
    const r = decodeShutdownCommunication(hex("136c696e65206f6e650a46414b45204c494e453a"));
    expect(r.findings).toContain("control-characters");
  });
});

describe("measureShutdownCommunication", () => {
  it("counts UTF-8 octets, code points and both limits", () => {
    const m = measureShutdownCommunication(
      "Плановые работы: замена линейной карты, окно 02:00–04:00 МСК. Тикет № 5678",
    );
    // peers.md: "The Russian text is 123 bytes in UTF-8".
    expect(m.bytes).toBe(123);
    expect(m.withinRfc8203).toBe(true);
    expect(m.remainingRfc8203).toBe(5);
    const big = measureShutdownCommunication("Я".repeat(128));
    expect(big).toMatchObject({
      bytes: 256,
      withinRfc9003: false,
      remainingRfc9003: -1,
      fitsRfc9003UpTo: 127,
    });
    expect(big.fitsRfc8203UpTo).toBe(64);
    expect(measureShutdownCommunication("😀").bytes).toBe(4);
    expect(measureShutdownCommunication("\ud800x").wellFormed).toBe(false);
  });
});

describe("encodeShutdownCommunication", () => {
  it("encodes length + UTF-8 and validates limits and well-formedness", () => {
    const e = encodeShutdownCommunication("hi");
    expect(e.ok && Array.from(e.value)).toEqual([2, 0x68, 0x69]);
    expect(encodeShutdownCommunication("").ok).toBe(true);
    expect(encodeShutdownCommunication("Я".repeat(128)).ok).toBe(false);
    expect(encodeShutdownCommunication(`${"Я".repeat(127)}!`).ok).toBe(true);
    expect(encodeShutdownCommunication("a\udc00")).toMatchObject({
      ok: false,
      error: { code: "invalid-text" },
    });
  });
});
