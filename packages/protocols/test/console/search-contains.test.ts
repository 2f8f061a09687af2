import { describe, expect, it } from "vitest";
import { CONTAINS_PROBE_MAX, classifyQuery, containsProbe, partialMatchHint } from "../../src/console/search";

describe("containsProbe", () => {
  it("takes text with 3 letters, digits or address separators in a row, whole", () => {
    for (const t of ["abc", "ns1", "10.1", "00:1a", "a-b", "x NEAR(a b)", '"stop" at 100%_'])
      expect(containsProbe(t), t).toBe(t);
  });

  it("refuses text shorter than 3 characters or without such a run", () => {
    for (const t of ["", "ab", "🚀🚀", "%%%", "___", '"""', "***", "^^^", '" or "', "a b c", "é é é"])
      expect(containsProbe(t), t).toBeNull();
  });

  it("asks the index for CONTAINS_PROBE_MAX code points from the first run, never half a surrogate pair", () => {
    const long = `%%${"x".repeat(10_240)}`;
    expect(containsProbe(long)).toBe("x".repeat(CONTAINS_PROBE_MAX));
    const emoji = `abc${"🚀".repeat(100)}`;
    const p = containsProbe(emoji) as string;
    expect(Array.from(p)).toHaveLength(CONTAINS_PROBE_MAX);
    expect(emoji.startsWith(p)).toBe(true);
    // No lone surrogate at either end: encodeURIComponent throws on one.
    expect(() => encodeURIComponent(p)).not.toThrow();
  });
});

describe("partialMatchHint", () => {
  it("says why a query gets no partial matches, and nothing when it gets them", () => {
    expect(partialMatchHint(classifyQuery("ns"))).toMatch(/at least 3 characters/);
    expect(partialMatchHint(classifyQuery("%%%"))).toMatch(/3 letters, digits or \. : - \/ in a row/);
    expect(partialMatchHint(classifyQuery("maintenance"))).toBeUndefined();
    expect(partialMatchHint(classifyQuery("192.0.2.53"))).toBeUndefined();
    expect(partialMatchHint(classifyQuery(""))).toBeUndefined();
  });
});
