import { describe, expect, it } from "vitest";
import { utf8Length } from "../../src/epp/utf8";

describe("utf8Length", () => {
  it("counts what Buffer.byteLength counts, lone surrogates included", () => {
    const samples = [
      "",
      "ascii <epp/>",
      "é",
      "ü€",
      "日本語",
      "😀",
      "a😀b",
      "\ud800", // lone high surrogate at the end
      "\ud800x", // high surrogate not followed by a low one
      "\udc00", // lone low surrogate
      "\udc00\ud800",
      "\u007f\u0080\u07ff\u0800\uffff",
    ];
    for (const s of samples) expect(utf8Length(s), JSON.stringify(s)).toBe(Buffer.byteLength(s, "utf8"));
  });

  it("agrees with Buffer.byteLength on random strings of any code unit", () => {
    let seed = 7;
    const next = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed;
    };
    for (let k = 0; k < 500; k++) {
      let s = "";
      const len = next() % 40;
      for (let i = 0; i < len; i++) {
        const r = next();
        // Mostly the edges between 1-, 2-, 3- and 4-byte forms and the surrogate ranges.
        const pools = [0x7f, 0x80, 0x7ff, 0x800, 0xd7ff, 0xd800, 0xdbff, 0xdc00, 0xdfff, 0xe000, 0xffff];
        s += String.fromCharCode(r % 3 === 0 ? r % 0x10000 : pools[r % pools.length]!);
      }
      expect(utf8Length(s)).toBe(Buffer.byteLength(s, "utf8"));
    }
  });
});
