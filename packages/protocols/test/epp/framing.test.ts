import { describe, expect, it } from "vitest";
import { EppFrameReader, EppFramingError, encodeFrame } from "../../src/epp";

const doc =
  '<?xml version="1.0" encoding="UTF-8"?><epp xmlns="urn:ietf:params:xml:ns:epp-1.0"><hello/></epp>';

function header(n: number): Uint8Array {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, n);
  return b;
}

describe("RFC 5734 framing", () => {
  it("writes the total length (header included) big-endian", () => {
    const f = encodeFrame("<a/>");
    expect([...f]).toEqual([0, 0, 0, 8, 0x3c, 0x61, 0x2f, 0x3e]);
    expect(encodeFrame("é").length).toBe(6); // UTF-8 octets, not characters
  });

  it("reads frames split at every possible point and several per chunk", () => {
    const two = new Uint8Array([...encodeFrame(doc), ...encodeFrame("<b/>")]);
    for (let cut = 0; cut <= two.length; cut++) {
      const r = new EppFrameReader();
      const out = [...r.push(two.subarray(0, cut)), ...r.push(two.subarray(cut))].map((b) =>
        new TextDecoder().decode(b),
      );
      expect(out, `cut at ${cut}`).toEqual([doc, "<b/>"]);
      r.end();
    }
    const r = new EppFrameReader();
    const got: string[] = [];
    for (const byte of two)
      for (const f of r.push(new Uint8Array([byte]))) got.push(new TextDecoder().decode(f));
    expect(got).toEqual([doc, "<b/>"]);
    expect(r.buffered).toBe(0);
  });

  it("refuses an oversized length as soon as the header arrives, without buffering the body", () => {
    const r = new EppFrameReader(1024);
    expect(() => r.push(header(0x7fffffff))).toThrow(EppFramingError);
    expect(() => r.push(new Uint8Array([1]))).toThrow(/announced a 2147483647-byte frame; the limit is 1024/);
    expect(r.buffered).toBe(0);
    expect(() => encodeFrame("x".repeat(2000), 1024)).toThrow(/exceeds the limit/);
  });

  it("refuses lengths that cannot hold a document", () => {
    for (const n of [0, 3, 4]) {
      const r = new EppFrameReader();
      expect(() => r.push(header(n)), String(n)).toThrow(expect.objectContaining({ code: "bad-length" }));
    }
  });

  it("reports a frame cut short at end of stream", () => {
    const f = encodeFrame(doc);
    const r = new EppFrameReader();
    expect(r.push(f.subarray(0, 20))).toEqual([]);
    expect(() => r.end()).toThrow(
      expect.objectContaining({
        code: "truncated",
        message: `connection closed inside a frame: 20 bytes of ${f.length} received`,
      }),
    );
    const h = new EppFrameReader();
    h.push(f.subarray(0, 2));
    expect(() => h.end()).toThrow(/2 bytes of a 4-byte header/);
    const clean = new EppFrameReader();
    clean.push(f);
    expect(() => clean.end()).not.toThrow();
  });
});
