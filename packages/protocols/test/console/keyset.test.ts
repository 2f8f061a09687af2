import { describe, expect, it } from "vitest";
import {
  afterKeyId,
  decodeKeyIdCursor,
  encodeKeyIdCursor,
  keysetPage,
  pageOfSorted,
  takeFor,
} from "../../src/console/keyset";

describe("keyset paging", () => {
  it("reads one row past the limit and offers a cursor only when that row exists", () => {
    expect(takeFor(3)).toBe(4);
    expect(keysetPage([1, 2, 3, 4], 3, (n) => n)).toEqual({ items: [1, 2, 3], nextCursor: 3 });
    // A page that ends exactly at the last row has no next page.
    expect(keysetPage([1, 2, 3], 3, (n) => n)).toEqual({ items: [1, 2, 3], nextCursor: null });
    expect(keysetPage([], 3, (n: number) => n)).toEqual({ items: [], nextCursor: null });
  });

  it("walks a sorted list page by page to the end, every row once", () => {
    const rows = Array.from({ length: 10 }, (_, i) => 100 - i);
    const seen: number[] = [];
    let cursor: number | null = null;
    for (let n = 0; n < 20; n++) {
      const c: number | null = cursor;
      const p: { items: number[]; nextCursor: number | null } = pageOfSorted(
        rows,
        3,
        c === null ? null : (r) => r < c,
        (r) => r,
      );
      seen.push(...p.items);
      cursor = p.nextCursor;
      if (cursor === null) break;
    }
    expect(seen).toEqual(rows);
  });

  it("encodes and decodes (key, id) cursors, splitting at the last dot", () => {
    const c = { key: "v4:c0000201", id: 17 };
    expect(decodeKeyIdCursor(encodeKeyIdCursor(c))).toEqual(c);
    expect(decodeKeyIdCursor("a.b.12")).toEqual({ key: "a.b", id: 12 });
    for (const bad of ["", "17", ".17", "v4:c0000201.", "v4:c0000201.x", "v4.1e3", "k.-1"])
      expect(decodeKeyIdCursor(bad), bad).toBeNull();
    expect(afterKeyId(c, "v4:c0000201", 18)).toBe(true);
    expect(afterKeyId(c, "v4:c0000201", 17)).toBe(false);
    expect(afterKeyId(c, "v4:c0000202", 1)).toBe(true);
    expect(afterKeyId(c, "v4:c0000200", 99)).toBe(false);
  });
});
