import { describe, expect, it } from "vitest";
import { shouldRetry } from "../trpc";
import { errorInfo, errorTitle, isForbidden, isUnauthorized } from "./errors";

/** Shaped like a TRPCClientError carrying this API's error data. */
function apiError(code: string, httpStatus: number, message: string, issues: unknown = null) {
  return Object.assign(new Error(message), { data: { code, httpStatus, issues } });
}

describe("errorInfo", () => {
  it("reads code, status, message and issues", () => {
    const e = apiError("BAD_REQUEST", 400, "name: too short", [
      { path: "name", message: "too short", code: "x" },
    ]);
    expect(errorInfo(e)).toEqual({
      code: "BAD_REQUEST",
      httpStatus: 400,
      message: "name: too short",
      issues: [{ path: "name", message: "too short" }],
    });
  });

  it("explains network failures", () => {
    const info = errorInfo(new TypeError("Failed to fetch"));
    expect(info.code).toBeUndefined();
    expect(info.message).toMatch(/cannot reach the server/);
    expect(errorTitle(new TypeError("Failed to fetch"))).toBe("Request failed");
  });

  it("recognises UNAUTHORIZED and FORBIDDEN", () => {
    expect(isUnauthorized(apiError("UNAUTHORIZED", 401, "log in first"))).toBe(true);
    expect(isForbidden(apiError("FORBIDDEN", 403, "this needs the admin role; you are viewer"))).toBe(true);
    expect(errorTitle(apiError("FORBIDDEN", 403, "x"))).toBe("Not allowed");
    expect(isUnauthorized(null)).toBe(false);
  });
});

describe("shouldRetry", () => {
  it("never retries a 4xx", () => {
    expect(shouldRetry(0, apiError("UNAUTHORIZED", 401, "x"))).toBe(false);
    expect(shouldRetry(0, apiError("NOT_FOUND", 404, "x"))).toBe(false);
    expect(shouldRetry(0, apiError("TOO_MANY_REQUESTS", 429, "x"))).toBe(false);
  });
  it("retries network and server errors twice", () => {
    const net = new TypeError("Failed to fetch");
    expect(shouldRetry(0, net)).toBe(true);
    expect(shouldRetry(1, net)).toBe(true);
    expect(shouldRetry(2, net)).toBe(false);
    expect(shouldRetry(1, apiError("INTERNAL_SERVER_ERROR", 500, "x"))).toBe(true);
  });
});
