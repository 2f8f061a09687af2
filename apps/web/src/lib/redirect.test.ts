import { describe, expect, it } from "vitest";
import { loginPath, safeNext } from "./redirect";

describe("safeNext (open-redirect guard)", () => {
  it("follows same-origin relative paths with their query and hash", () => {
    expect(safeNext("/alerts?state=firing")).toBe("/alerts?state=firing");
    expect(safeNext("/alerts/42")).toBe("/alerts/42");
    expect(safeNext("/settings/webhooks?receiver=abc#log")).toBe("/settings/webhooks?receiver=abc#log");
  });

  it.each([
    ["missing", null],
    ["empty", ""],
    ["absolute http URL", "https://evil.example/"],
    ["javascript: URL", "javascript:alert(1)"],
    ["protocol-relative", "//evil.example/path"],
    ["backslash trick", "/\\evil.example"],
    ["backslash later", "/a\\b"],
    ["relative without slash", "alerts"],
    ["tab smuggling", "/\t/evil.example"],
    ["newline smuggling", "/\n/evil.example"],
    ["encoded-looking but literal", " //evil.example"],
    ["data URL", "data:text/html,hi"],
  ])("refuses %s", (_name, value) => {
    expect(safeNext(value)).toBe("/");
  });

  it("does not loop back to the login page", () => {
    expect(safeNext("/login?next=/alerts")).toBe("/");
  });

  it("normalises dot segments without leaving the origin", () => {
    expect(safeNext("/a/../alerts")).toBe("/alerts");
    expect(safeNext("/..//evil.example")).toBe("/");
  });
});

describe("loginPath", () => {
  it("carries the current path and search in `next`", () => {
    const p = loginPath({ pathname: "/alerts", search: "?state=firing&severity=critical" });
    expect(p).toBe(`/login?next=${encodeURIComponent("/alerts?state=firing&severity=critical")}`);
    const next = new URLSearchParams(p.split("?")[1]).get("next");
    expect(safeNext(next)).toBe("/alerts?state=firing&severity=critical");
  });
  it("leaves out `next` for the root and the login page", () => {
    expect(loginPath({ pathname: "/" })).toBe("/login");
    expect(loginPath({ pathname: "/login", search: "?next=/x" })).toBe("/login");
  });
});
