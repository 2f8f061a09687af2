import { describe, expect, it } from "vitest";
import { diffSnapshots, hasSnapshotData, parseSnapshot } from "./diff";

describe("audit diff", () => {
  it("parses snapshots, keeping truncated ones as text", () => {
    expect(parseSnapshot(null)).toBeUndefined();
    expect(parseSnapshot("null")).toBeUndefined();
    expect(parseSnapshot('{"a":1}')).toEqual({ a: 1 });
    expect(parseSnapshot('{"a":1…')).toBe('{"a":1…');
  });

  it("lists changed, added, removed and same fields by path", () => {
    const rows = diffSnapshots(
      { role: "viewer", username: "bob", meta: { n: 1, gone: true } },
      { role: "operator", username: "bob", meta: { n: 1 }, disabled: false },
    );
    expect(rows).toEqual([
      { path: "disabled", before: undefined, after: "false", kind: "added" },
      { path: "meta.gone", before: "true", after: undefined, kind: "removed" },
      { path: "meta.n", before: "1", after: "1", kind: "same" },
      { path: "role", before: "viewer", after: "operator", kind: "changed" },
      { path: "username", before: "bob", after: "bob", kind: "same" },
    ]);
  });

  it("handles creations, deletions and arrays", () => {
    expect(diffSnapshots(undefined, { sources: ["bgp"] })).toEqual([
      { path: "sources", before: undefined, after: '["bgp"]', kind: "added" },
    ]);
    expect(diffSnapshots("raw", undefined)).toEqual([
      { path: "(value)", before: "raw", after: undefined, kind: "removed" },
    ]);
  });

  it("knows when there is nothing to show", () => {
    expect(hasSnapshotData({ before: "null", after: "null" })).toBe(false);
    expect(hasSnapshotData({ before: null, after: '{"a":1}' })).toBe(true);
  });
});
