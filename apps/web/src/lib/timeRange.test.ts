import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import {
  describeTimeRange,
  isRelative,
  NO_ZONE_MESSAGE,
  parseTimeInput,
  parseTimePoint,
  rangeIssue,
  resolveTimeRange,
  timeRangeShape,
  toInputText,
  toUrlInstant,
} from "./timeRange";
import { readUrlState } from "./urlState";

const NOW = Date.parse("2026-12-06T12:30:00Z");
const savedTz = process.env.TZ;
afterEach(() => {
  process.env.TZ = savedTz;
});

describe("parseTimePoint", () => {
  it("reads now and relative times", () => {
    expect(parseTimePoint("now")).toEqual({ ok: true, point: { kind: "now" } });
    expect(parseTimePoint("now-15m")).toEqual({ ok: true, point: { kind: "ago", ms: 900_000 } });
    expect(parseTimePoint("now-2w")).toEqual({ ok: true, point: { kind: "ago", ms: 14 * 86_400_000 } });
  });
  it("reads zoned ISO instants, with offsets", () => {
    const z1 = parseTimePoint("2026-12-06T12:09Z");
    const z2 = parseTimePoint("2026-12-06T13:09:00+01:00");
    const z3 = parseTimePoint("2026-12-06T07:09:00.5-0500");
    expect(z1.ok && z1.point).toEqual({ kind: "at", ms: Date.parse("2026-12-06T12:09:00Z") });
    expect(z2.ok && z2.point).toEqual({ kind: "at", ms: Date.parse("2026-12-06T12:09:00Z") });
    expect(z3.ok && z3.point).toEqual({ kind: "at", ms: Date.parse("2026-12-06T12:09:00.500Z") });
  });
  it.each([
    ["2026-12-06T12:09", NO_ZONE_MESSAGE],
    ["2026-12-06", NO_ZONE_MESSAGE],
    ["2026-13-06T12:09Z", "month 13 is not 1 to 12"],
    ["2026-02-30T12:09Z", "day 30 is not in 2026-02"],
    ["2026-12-06T24:00Z", "hour 24 is not 0 to 23"],
    ["2026-12-06T12:09+25:00", "offset +25:00 is not a time zone offset"],
    ["now-5y", "not a relative time (now, now-15m, now-1h, now-7d)"],
    ["now-999999d", "more than ten years back"],
    ["banana", "not a time (now-1h, or 2026-12-06T12:09Z)"],
    ["x".repeat(41), "too long for a time (at most 40 characters)"],
    ["", "empty"],
  ])("refuses %j: %s", (text, error) => {
    expect(parseTimePoint(text)).toEqual({ ok: false, error });
  });
});

describe("a range in the URL (issue 15 item 4: the same link, the same events, in every zone)", () => {
  const schema = z.object(timeRangeShape());
  const apiInput = (qs: string) => {
    const r = readUrlState(schema, new URLSearchParams(qs));
    return { input: resolveTimeRange(r.value, NOW), issues: r.issues };
  };

  it("gives the same API input with the browser in UTC and in Europe/Berlin", () => {
    const qs = "from=2026-12-06T12:09Z&to=2026-12-06T13:00:00%2B01:00";
    process.env.TZ = "UTC";
    const utc = apiInput(qs);
    process.env.TZ = "Europe/Berlin";
    const berlin = apiInput(qs);
    expect(utc).toEqual(berlin);
    expect(utc.input).toEqual({ from: "2026-12-06T12:09:00.000Z", to: "2026-12-06T12:00:00.000Z" });
  });

  it("refuses a zone-less time (it would mean another instant in each browser) and says so on the field", () => {
    process.env.TZ = "Europe/Berlin";
    const r = apiInput("from=2026-12-06T12:09");
    expect(r.issues.from).toContain(NO_ZONE_MESSAGE);
    expect(r.input).toEqual({});
  });

  it("resolves relative ranges at the moment given; `to` now stays open", () => {
    expect(resolveTimeRange({ from: "now-1h", to: "" }, NOW)).toEqual({ from: "2026-12-06T11:30:00.000Z" });
    expect(resolveTimeRange({ from: "now-1h", to: "now" }, NOW)).toEqual({
      from: "2026-12-06T11:30:00.000Z",
    });
    expect(resolveTimeRange({ from: "now-2h", to: "now-1h" }, NOW)).toEqual({
      from: "2026-12-06T10:30:00.000Z",
      to: "2026-12-06T11:30:00.000Z",
    });
    expect(isRelative({ from: "now-1h", to: "" })).toBe(true);
    expect(isRelative({ from: "2026-12-06T12:09Z", to: "" })).toBe(false);
  });

  it("says when the start is not before the end", () => {
    expect(rangeIssue({ from: "now", to: "now-1h" }, NOW)).toBe("the start is not before the end");
    expect(rangeIssue({ from: "now-1h", to: "" }, NOW)).toBeNull();
  });
});

describe("what the picker reads and writes", () => {
  it("reads typed zone-less times in the display zone and writes UTC", () => {
    expect(parseTimeInput("2026-12-06 12:09", "utc")).toEqual({ ok: true, url: "2026-12-06T12:09Z" });
    process.env.TZ = "Europe/Berlin";
    expect(parseTimeInput("2026-12-06 12:09", "local")).toEqual({ ok: true, url: "2026-12-06T11:09Z" });
    expect(parseTimeInput("2026-12-06T12:09:30+01:00", "local")).toEqual({
      ok: true,
      url: "2026-12-06T11:09:30Z",
    });
    expect(parseTimeInput(" now-6h ", "utc")).toEqual({ ok: true, url: "now-6h" });
    expect(parseTimeInput("", "utc")).toEqual({ ok: true, url: "" });
    expect(parseTimeInput("2026-02-31 10:00", "utc")).toEqual({
      ok: false,
      error: "day 31 is not in 2026-02",
    });
  });
  it("shows URL instants in the display zone", () => {
    process.env.TZ = "Europe/Berlin";
    expect(toInputText("2026-12-06T11:09Z", "utc")).toBe("2026-12-06 11:09");
    expect(toInputText("2026-12-06T11:09Z", "local")).toBe("2026-12-06 12:09");
    expect(toInputText("now-1h", "local")).toBe("now-1h");
    expect(toUrlInstant(Date.parse("2026-12-06T11:09:07Z"))).toBe("2026-12-06T11:09:07Z");
  });
  it("names ranges", () => {
    expect(describeTimeRange({ from: "now-1h", to: "" }, "utc")).toBe("Last 1 hour");
    expect(describeTimeRange({ from: "now-3h", to: "now" }, "utc")).toBe("Last 3 hours");
    expect(describeTimeRange({ from: "", to: "" }, "utc")).toBe("All time");
    expect(describeTimeRange({ from: "2026-12-06T12:09Z", to: "" }, "utc")).toBe(
      "2026-12-06 12:09:00 UTC → now",
    );
    expect(describeTimeRange({ from: "now-2h", to: "now-1h" }, "utc")).toBe("2 hours ago → 1 hour ago");
  });
});
