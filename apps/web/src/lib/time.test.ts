import { describe, expect, it } from "vitest";
import {
  formatAge,
  formatTime,
  formatDuration,
  formatLocal,
  formatUtc,
  fromDatetimeLocalValue,
  retryAfterSeconds,
  toDatetimeLocalValue,
} from "./time";

describe("formatUtc", () => {
  it("formats an ISO string as UTC with seconds", () => {
    expect(formatUtc("2026-11-21T07:05:09.123Z")).toBe("2026-11-21 07:05:09 UTC");
  });
  it("converts offsets to UTC", () => {
    expect(formatUtc("2026-11-21T08:05:09+01:00")).toBe("2026-11-21 07:05:09 UTC");
  });
  it("accepts Date and epoch ms", () => {
    const d = new Date(Date.UTC(2026, 0, 2, 3, 4, 5));
    expect(formatUtc(d)).toBe("2026-01-02 03:04:05 UTC");
    expect(formatUtc(d.getTime())).toBe("2026-01-02 03:04:05 UTC");
  });
  it("shows a dash for missing or invalid input", () => {
    expect(formatUtc(null)).toBe("—");
    expect(formatUtc(undefined)).toBe("—");
    expect(formatUtc("not a date")).toBe("—");
  });
});

describe("formatLocal", () => {
  it("formats in the given time zone and marks it local", () => {
    const s = formatLocal("2026-11-21T07:05:09Z", "Europe/Amsterdam");
    expect(s).toMatch(/^2026-11-21 08:05:09 /);
    expect(s).toMatch(/\(local\)$/);
  });
  it("is empty for invalid input", () => {
    expect(formatLocal("nope")).toBe("");
    expect(formatLocal(null)).toBe("");
  });
});

describe("formatDuration", () => {
  it.each([
    [0, "0s"],
    [-5000, "0s"],
    [45_000, "45s"],
    [5 * 60_000, "5m"],
    [65 * 60_000, "1h 5m"],
    [2 * 3_600_000, "2h"],
    [26 * 3_600_000, "1d 2h"],
    [3 * 86_400_000, "3d"],
  ])("%i ms → %s", (ms, out) => {
    expect(formatDuration(ms)).toBe(out);
  });
  it("keeps seconds under an hour when asked", () => {
    expect(formatDuration(5 * 60_000 + 7_000, { seconds: true })).toBe("5m 07s");
    expect(formatDuration(2 * 3_600_000, { seconds: true })).toBe("2h");
  });
});

describe("formatAge", () => {
  const now = Date.parse("2026-11-21T07:10:00Z");
  it("says how long ago", () => {
    expect(formatAge("2026-11-21T07:05:00Z", now)).toBe("5m ago");
    expect(formatAge("2026-11-21T05:00:00Z", now)).toBe("2h 10m ago");
  });
  it("says just now for a few seconds either way", () => {
    expect(formatAge("2026-11-21T07:09:58Z", now)).toBe("just now");
    expect(formatAge("2026-11-21T07:10:03Z", now)).toBe("just now");
  });
  it("handles the future", () => {
    expect(formatAge("2026-11-21T08:10:00Z", new Date(now))).toBe("in 1h");
  });
  it("shows a dash for missing input", () => {
    expect(formatAge(null, now)).toBe("—");
    expect(formatAge("garbage", now)).toBe("—");
  });
});

describe("datetime-local values", () => {
  it("round-trips through local time", () => {
    const d = new Date(2026, 10, 21, 7, 5);
    const v = toDatetimeLocalValue(d);
    expect(v).toBe("2026-11-21T07:05");
    expect(fromDatetimeLocalValue(v)).toBe(d.toISOString());
  });
  it("rejects malformed values", () => {
    expect(fromDatetimeLocalValue("")).toBeNull();
    expect(fromDatetimeLocalValue("2026-11-21")).toBeNull();
  });
});

describe("retryAfterSeconds", () => {
  it("reads the server's rate-limit message", () => {
    expect(retryAfterSeconds("too many failed logins; try again in 42 s")).toBe(42);
    expect(retryAfterSeconds("wrong username or password")).toBeNull();
  });
});

describe("formatTime (one format for every date the console shows)", () => {
  it("writes UTC or the local zone, always naming the zone", () => {
    expect(formatTime("2026-11-21T07:05:09Z", "utc")).toBe("2026-11-21 07:05:09 UTC");
    expect(formatTime("2026-11-21T07:05:09Z", "local", { timeZone: "Europe/Berlin" })).toBe(
      "2026-11-21 08:05:09 GMT+1",
    );
    expect(formatTime("2026-11-21T07:05:09Z", "utc", { seconds: false })).toBe("2026-11-21 07:05 UTC");
    expect(formatTime("nope", "local")).toBe("—");
  });
});
