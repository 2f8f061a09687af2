import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  EppDecodeError,
  EppFrameReader,
  EppFramingError,
  XmlError,
  decodeEpp,
  encodeFrame,
} from "../../src/epp";
import { REJECTED_SAMPLES, VECTORS, rng, sampleFiles } from "./helpers";

// Bounded, seeded: failures replay with the printed seed; no timing is asserted.
const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];
const ROUNDS = 250;
const SNIPPETS = [
  "<",
  ">",
  "&",
  "&lt;",
  "&#0;",
  "&#x110000;",
  "&foo;",
  "<!DOCTYPE a>",
  "<![CDATA[",
  "]]>",
  '"',
  "xmlns:x=''",
  "</",
  "/>",
  "<x:y>",
  "\u0000",
  "\uFFFF",
  "é",
  "<!--",
];

function classify(doc: Uint8Array): string {
  try {
    decodeEpp(doc);
    return "ok";
  } catch (e) {
    if (e instanceof XmlError) return `xml:${e.code}`;
    if (e instanceof EppDecodeError) return `epp:${e.code}`;
    throw e; // anything else is a bug: the decoder crashed instead of explaining
  }
}

describe("fuzz: XML decoder and frame reader", () => {
  const samples = sampleFiles()
    .filter((f) => !(f in REJECTED_SAMPLES))
    .map((f) => readFileSync(join(VECTORS, f)));

  it.each(SEEDS)(
    "mutated samples only ever decode or fail with XmlError/EppDecodeError (seed %i)",
    (seed) => {
      const rand = rng(seed);
      const pick = <T>(a: T[]): T => a[Math.floor(rand() * a.length)] as T;
      const seen = new Map<string, number>();
      for (let i = 0; i < ROUNDS; i++) {
        const base = pick(samples);
        let doc = Uint8Array.from(base);
        const mutations = 1 + Math.floor(rand() * 4);
        for (let m = 0; m < mutations; m++) {
          const at = Math.floor(rand() * doc.length);
          const kind = rand();
          if (kind < 0.3)
            doc[at] = Math.floor(rand() * 256); // flip a byte
          else if (kind < 0.45)
            doc = doc.subarray(0, at); // truncate
          else if (kind < 0.6)
            doc = Uint8Array.from([
              ...doc.subarray(0, at),
              ...doc.subarray(at + 1 + Math.floor(rand() * 20)),
            ]); // delete
          else {
            const ins = new TextEncoder().encode(pick(SNIPPETS));
            doc = Uint8Array.from([...doc.subarray(0, at), ...ins, ...doc.subarray(at)]);
          }
        }
        let verdict: string;
        try {
          verdict = classify(doc);
        } catch (e) {
          throw new Error(`seed ${seed} round ${i}: ${(e as Error).stack}\n${new TextDecoder().decode(doc)}`);
        }
        seen.set(verdict, (seen.get(verdict) ?? 0) + 1);
      }
      // The mutations really exercised the error paths.
      expect([...seen.keys()].filter((k) => k !== "ok").length).toBeGreaterThan(3);
    },
  );

  it("pathological inputs end with a limit error, not a hang or stack overflow", () => {
    expect(classify(new TextEncoder().encode("<a>".repeat(100_000)))).toBe("xml:too-deep");
    expect(classify(new TextEncoder().encode(`<a>${"<b/>".repeat(60_000)}</a>`))).toBe("xml:too-many-nodes");
    expect(classify(new Uint8Array(2 << 20).fill(0x20))).toBe("xml:too-large");
    expect(classify(new TextEncoder().encode(`<a ${"x".repeat(100_000)}="1"/>`))).toBe("xml:name-too-long");
    expect(classify(new TextEncoder().encode(`<a>${"&amp;".repeat(100_000)}</a>`))).toBe("epp:not-epp");
  });

  it.each(SEEDS)("frame reader: random chunking and random headers (seed %i)", (seed) => {
    const rand = rng(seed * 7919);
    for (let round = 0; round < 50; round++) {
      const docs = Array.from(
        { length: 1 + Math.floor(rand() * 5) },
        (_, i) => `<d n="${round}-${i}">${"x".repeat(Math.floor(rand() * 3000))}</d>`,
      );
      const stream = Uint8Array.from(docs.flatMap((d) => [...encodeFrame(d)]));
      const corrupt = rand() < 0.4;
      if (corrupt) stream[Math.floor(rand() * stream.length)] = Math.floor(rand() * 256);
      const reader = new EppFrameReader(4096);
      const out: string[] = [];
      try {
        for (let at = 0; at < stream.length; ) {
          const n = 1 + Math.floor(rand() * 700);
          for (const f of reader.push(stream.subarray(at, at + n))) out.push(new TextDecoder().decode(f));
          at += n;
        }
        reader.end();
      } catch (e) {
        if (!(e instanceof EppFramingError)) throw e;
        expect(corrupt, `seed ${seed} round ${round}: ${e.message}`).toBe(true);
        continue;
      }
      if (!corrupt) expect(out).toEqual(docs);
      else expect(out.length).toBeLessThanOrEqual(docs.length + 1);
    }
  });
});
