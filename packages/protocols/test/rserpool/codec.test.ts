// ASAP/ENRP codecs: byte-exact round trip of every message in the rsplib captures, the RFC 5353
// §3.6.2 checksum against what the registrars announced, the unknown-parameter action bits, and
// precise errors for malformed messages.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  decodeAsap,
  decodeCapture,
  decodeEnrp,
  encodeAsap,
  encodeEnrp,
  ENRP,
  fromHex,
  param,
  peChecksum,
  policyName,
  RserpoolDecodeError,
  toHex,
} from "../../src/rserpool/index";

const VEC = path.join(import.meta.dirname, "vectors");
const load = (n: string) =>
  decodeCapture(new Uint8Array(readFileSync(path.join(VEC, `${n}.pcapng`))), { keepRaw: true });
const hex = (s: string) => fromHex(s) as Uint8Array;

function err(f: () => unknown): RserpoolDecodeError {
  try {
    f();
  } catch (e) {
    if (e instanceof RserpoolDecodeError) return e;
    throw e;
  }
  throw new Error("no error thrown");
}

describe.each(["enrp-takeover", "enrp-two-registrars"])("%s round trip", (name) => {
  const { items } = load(name);
  it("re-encodes every ASAP and ENRP message to the captured bytes", () => {
    let n = 0;
    for (const i of items) {
      if (i.kind === "asap") expect(toHex(encodeAsap(i.message))).toBe(toHex(i.raw as Uint8Array));
      else if (i.kind === "enrp") expect(toHex(encodeEnrp(i.message))).toBe(toHex(i.raw as Uint8Array));
      else continue;
      n++;
    }
    expect(n).toBe(name === "enrp-takeover" ? 455 : 200);
  });
});

describe("PE checksum (RFC 5353 §3.6.2)", () => {
  it("is 0xffff for no PEs", () => expect(peChecksum([])).toBe(0xffff));
  it("matches what registrar A announced for its 4 PEs before it was killed", () => {
    const enc = new TextEncoder();
    const entries = [
      { handle: enc.encode("EchoPool"), peId: 0xde000001 },
      { handle: enc.encode("EchoPool"), peId: 0xde000002 },
      { handle: enc.encode("DiscardPool"), peId: 0xde000003 },
      { handle: enc.encode("DiscardPool"), peId: 0xde000004 },
    ];
    const { items } = load("enrp-takeover");
    const announced = items.flatMap((i) =>
      i.kind === "enrp" &&
      i.message.type === ENRP.presence &&
      i.message.senderId === 0xaaaa0001 &&
      i.frame > 100
        ? [param(i.message, "peChecksum")?.checksum]
        : [],
    );
    expect(new Set(announced)).toEqual(new Set([0xfa96]));
    expect(peChecksum(entries)).toBe(0xfa96);
    expect(peChecksum([...entries].reverse())).toBe(0xfa96);
  });
  it("covers one PE of the two-registrar capture", () => {
    const { items } = load("enrp-two-registrars");
    const a = items.find(
      (i) =>
        i.kind === "enrp" &&
        i.frame > 30 &&
        i.frame < 160 &&
        i.message.senderId === 0xaaaa0001 &&
        i.message.type === 1,
    );
    const ck = a?.kind === "enrp" ? param(a.message, "peChecksum")?.checksum : undefined;
    expect(ck).toBe(peChecksum([{ handle: new TextEncoder().encode("EchoPool"), peId: 0xde000001 }]));
  });
});

describe("decoding", () => {
  it("reads a Presence: ids, checksum, server information", () => {
    const m = decodeEnrp(
      hex("0100002caaaa000100000000000f0006ffff0000000b0018aaaa00010004001026ad0000000100080a4d0001"),
    );
    expect(m).toMatchObject({
      name: "ENRP Presence",
      senderId: 0xaaaa0001,
      receiverId: 0,
      bits: { R: false },
    });
    expect(m.params).toEqual([
      { kind: "peChecksum", checksum: 0xffff },
      {
        kind: "serverInformation",
        id: 0xaaaa0001,
        transports: [{ kind: "sctp", port: 9901, transportUse: 0, addresses: ["10.77.0.1"] }],
      },
    ]);
  });
  it("names policies, known and unknown", () => {
    expect(policyName(0x40000001)).toBe("Least Used (LU)");
    expect(policyName(0xb0002002)).toBe("Least Used with Delay Penalty Factor (LU-DPF)");
    expect(policyName(0x12345678)).toBe("Unknown policy 0x12345678");
  });
});

describe("unknown parameters and their action bits (RFC 5354 §3)", () => {
  // Deregistration: unknown parameter, then a PE Identifier the receiver reads only when told to skip.
  const withTail = (type: string) => hex(`02000014${type}0008deadbeef000e0008de000001`);
  it.each([
    ["1234", "stop", true],
    ["5234", "stop-report", true],
    ["9234", "skip", false],
    ["d234", "skip-report", false],
  ] as const)("type 0x%s: %s", (t, action, stopped) => {
    const m = decodeAsap(withTail(t));
    expect(m.unknown).toEqual([{ type: Number.parseInt(t, 16), action, offset: 4, value: "deadbeef" }]);
    expect(m.stopped).toBe(stopped);
    expect(m.params).toEqual(stopped ? [] : [{ kind: "peIdentifier", id: 0xde000001 }]);
  });
});

describe("malformed messages give a precise error", () => {
  const cases: [string, string, RserpoolDecodeError["code"], number, RegExp][] = [
    ["empty", "", "empty", 0, /empty payload/],
    ["short header", "0a00", "truncated", 0, /needs 4 bytes/],
    ["length overruns", "0a000010aaaa0001", "truncated", 2, /says 16, only 8/],
    ["length below header", "0a000002", "length", 2, /below the 4-byte header/],
    ["trailing bytes", "0a000008aaaa000100000000", "length", 2, /payload has 12/],
    ["unknown type", "63000004", "type", 0, /unknown type 99/],
    ["parameter length below 4", "0200000800090002", "length", 6, /below 4/],
    ["parameter overruns", "0200000c000e0010de000001", "length", 6, /overruns by 8/],
    [
      "IPv4 wrong length",
      "0a00001caaaa00010004001426ad00000001000c0a4d000100000000",
      "length",
      18,
      /must be 8, got 12/,
    ],
    ["PE identifier wrong length", "0200000c000e0006de000000", "length", 6, /must be 8, got 6/],
  ];
  it.each(cases)("%s", (_n, h, code, offset, reason) => {
    const e = err(() => decodeAsap(hex(h), 100));
    expect(e.code).toBe(code);
    expect(e.offset).toBe(100 + offset);
    expect(e.message).toMatch(reason);
  });
  it("non-zero padding: offset of the bad pad octet", () => {
    // Pool Handle "ABCDE" (length 9) padded with 00 00 07
    const e = err(() => decodeAsap(hex("02000018000900094142434445000007000e0008de000001")));
    expect(e).toMatchObject({ code: "padding", offset: 15 });
  });
  it("a Least Used policy without its load value", () => {
    const e = err(() =>
      decodeAsap(hex("0d000014000a00100000000100000000000000000008000840000001").subarray(0, 20)),
    );
    expect(e.code).toBeDefined();
    const e2 = err(() =>
      decodeAsap(
        hex(
          "0d00002c000a0028de000001aaaa00010001d4c0000600100007000000010008c0a80001000800084000000100000000".slice(
            0,
            88,
          ),
        ),
      ),
    );
    expect(e2).toMatchObject({ code: "length", field: "policy" });
    expect(e2.reason).toMatch(/LU takes length 12, got 8/);
  });
  it("a PE without a policy", () => {
    const e = err(() => decodeAsap(hex("0d00001c000a0018de000001aaaa00010001d4c0000e0008de000001")));
    expect(e.code).toBe("type");
  });
  it("an ENRP Handle Update with an unknown action", () => {
    const e = err(() => decodeEnrp(hex("04000010aaaa0001bbbb000200070000")));
    expect(e).toMatchObject({ code: "value", offset: 12 });
  });
  it("an ENRP message shorter than its 12-byte header", () => {
    expect(err(() => decodeEnrp(hex("01000008aaaa0001"))).code).toBe("truncated");
  });
  it("an SCTP transport with no address", () => {
    const e = err(() => decodeEnrp(hex("0600001caaaa0001bbbb0002000b0010aaaa00010004000826ad0000")));
    expect(e).toMatchObject({ code: "value", field: "SCTP Transport" });
  });
});
