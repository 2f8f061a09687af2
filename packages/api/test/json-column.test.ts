/** JSON text columns (json-column.ts): what the console wrote reads back; anything else reads as the fallback. */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { jsonArray, jsonColumn, jsonParsed } from "../src/json-column";

describe("JSON columns", () => {
  it("reads what was written, and the fallback for empty or unreadable text", () => {
    expect(jsonColumn<string[]>('["a"]', [])).toEqual(["a"]);
    expect(jsonColumn<string[]>("", ["f"])).toEqual(["f"]);
    expect(jsonColumn<string[]>(null, ["f"])).toEqual(["f"]);
    expect(jsonColumn<string[]>('["a"', ["f"])).toEqual(["f"]);
  });

  it("reads an array column as [] when it holds anything else", () => {
    expect(jsonArray('[1,"x"]')).toEqual([1, "x"]);
    expect(jsonArray('{"a":1}')).toEqual([]);
    expect(jsonArray("not json")).toEqual([]);
  });

  it("checks the value against a schema", () => {
    const labels = z.record(z.string(), z.string());
    expect(jsonParsed('{"zone":"example"}', labels, {})).toEqual({ zone: "example" });
    expect(jsonParsed('{"zone":1}', labels, {})).toEqual({});
    expect(jsonParsed("{", labels, {})).toEqual({});
  });
});
