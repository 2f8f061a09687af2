import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type EppFrame, decodeEpp, encodeEpp } from "../../src/epp";
import { CATALOGUE } from "./catalogue";
import { REJECTED_SAMPLES, VECTORS, hasXmllint, sampleFiles, validateWithXmllint } from "./helpers";

/** Samples whose decoded form has parts we keep only as opaque XML or cannot re-encode. */
function reencodable(f: EppFrame): boolean {
  return !(f.type === "command" && f.command.cmd === "unsupported");
}

describe("every frame we produce validates against the official XSDs (xmllint --schema)", () => {
  it("has xmllint (Debian libxml2-utils, listed in .ci/apt-packages.txt)", () => {
    expect(hasXmllint()).toBe(true);
  });

  it("the catalogue: one frame of each kind, and decode(encode(frame)) gives the frame back", () => {
    const docs = Object.fromEntries(Object.entries(CATALOGUE).map(([k, f]) => [k, encodeEpp(f)]));
    const verdicts = validateWithXmllint(docs);
    expect(Object.keys(verdicts)).toHaveLength(Object.keys(CATALOGUE).length);
    for (const [name, verdict] of Object.entries(verdicts))
      expect(verdict, `${name}\n${docs[name]}`).toBeNull();
    for (const [name, frame] of Object.entries(CATALOGUE))
      expect(decodeEpp(docs[name] as string), name).toEqual(frame);
  });

  it("samples that validate upstream still validate after decode → encode (nothing lost or misordered)", () => {
    const files = sampleFiles();
    const original = validateWithXmllint({}, files);
    const valid = files.filter((f) => original[f] === null && !(f in REJECTED_SAMPLES));
    // The collection's own run: 131 of 142 validate; our copy has the same files.
    expect(valid.length).toBeGreaterThanOrEqual(120);
    const docs: Record<string, string> = {};
    for (const f of valid) {
      const frame = decodeEpp(readFileSync(join(VECTORS, f)));
      if (reencodable(frame)) docs[f] = encodeEpp(frame);
    }
    expect(Object.keys(docs).length).toBeGreaterThanOrEqual(110);
    const verdicts = validateWithXmllint(docs);
    for (const [name, verdict] of Object.entries(verdicts))
      expect(verdict, `${name}\n${docs[name]}`).toBeNull();
    // And re-encoding is stable: decode(encode(decode(x))) == decode(x).
    for (const [name, xml] of Object.entries(docs))
      expect(decodeEpp(xml), name).toEqual(decodeEpp(readFileSync(join(VECTORS, name))));
  });
});
