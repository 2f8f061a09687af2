import { describe, expect, it } from "vitest";
import { toggle } from "./lists";

describe("toggle", () => {
  it("adds and removes", () => {
    expect(toggle(["a"], "b")).toEqual(["a", "b"]);
    expect(toggle(["a", "b"], "a")).toEqual(["b"]);
  });
});
