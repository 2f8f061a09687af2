import { dnsHistoryFixture } from "@netops/mocks";
import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { CheckHistoryChart, padRange } from "./CheckHistoryChart";
import { checkHistorySeries, checkHistorySummary, verdictClass } from "./checkHistorySeries";
import type { ZoneCheck } from "./types";

const base = dnsHistoryFixture(1)[0] as ZoneCheck;
const check = (id: number, startedAt: string, over: Partial<ZoneCheck> = {}): ZoneCheck => ({
  ...base,
  id,
  startedAt,
  ...over,
});

describe("checkHistorySeries", () => {
  it("puts each check at its start time, oldest first, so gaps keep their length", () => {
    // Newest first, as the API sends it: a minute between the first two, a day before the third.
    const s = checkHistorySeries([
      check(3, "2026-12-02T00:01:00Z"),
      check(2, "2026-12-01T00:01:00Z"),
      check(1, "2026-12-01T00:00:00Z"),
    ]);
    expect(s.x).toEqual([1796083200, 1796083260, 1796169660]);
    expect(s.x[1]! - s.x[0]!).toBe(60);
    expect(s.x[2]! - s.x[1]!).toBe(86_400);
  });

  it("splits durations by verdict class, one series each, and keeps unknown serials as gaps", () => {
    const s = checkHistorySeries([
      check(1, "2026-12-01T00:00:00Z", { status: "verified", durationMs: 40, serial: 7 }),
      check(2, "2026-12-01T00:01:00Z", { status: "digest_mismatch", durationMs: 55, serial: 8 }),
      check(3, "2026-12-01T00:02:00Z", { status: "fetch_failed", durationMs: 900, serial: null }),
    ]);
    expect(s.verified).toEqual([40, null, null]);
    expect(s.failed).toEqual([null, 55, null]);
    expect(s.other).toEqual([null, null, 900]);
    expect(s.serial).toEqual([7, 8, null]);
  });

  it("leaves out a check whose time cannot be read instead of drawing it at 1970", () => {
    const s = checkHistorySeries([check(1, "not a time"), check(2, "2026-12-01T00:00:00Z")]);
    expect(s.x).toEqual([1796083200]);
  });

  it("classes verdicts: contradictions red, could-not-check amber", () => {
    expect(verdictClass("verified")).toBe("verified");
    expect(verdictClass("serial_mismatch")).toBe("failed");
    expect(verdictClass("malformed")).toBe("failed");
    expect(verdictClass("no_zonemd")).toBe("other");
    expect(verdictClass("fetch_failed")).toBe("other");
  });

  it("describes the history in words", () => {
    expect(
      checkHistorySummary([
        check(1, "2026-12-01T00:00:00Z", { status: "verified", durationMs: 40, serial: 7 }),
        check(2, "2026-12-01T00:01:00Z", { status: "digest_mismatch", durationMs: 55, serial: 9 }),
      ]),
    ).toBe("Check history: 2 checks, 1 not verified; duration up to 55 ms; serial 7 to 9.");
  });
});

describe("chart scales", () => {
  it("keep room around the data, and centre an unchanged serial on a narrow axis", () => {
    expect(padRange(2026112101, 2026112101, 0.15, 2)).toEqual([2026112099, 2026112103]);
    expect(padRange(100, 200, 0.1, 1)).toEqual([90, 210]);
    expect(padRange(1000, 1000 + 3600, 0.03, 60)).toEqual([892, 4708]);
  });
});

describe("CheckHistoryChart", () => {
  it("says what it shows where no canvas can draw it (jsdom)", () => {
    render(<CheckHistoryChart checks={dnsHistoryFixture(4)} />);
    const figure = screen.getByRole("img");
    expect(figure).toHaveAccessibleName(/^Check history: 4 checks, 0 not verified/);
    expect(screen.getByText(/drag to zoom/)).toBeInTheDocument();
  });

  it("says so when there is no history", () => {
    render(<CheckHistoryChart checks={[]} />);
    expect(screen.getByText("No checks yet.")).toBeInTheDocument();
    expect(screen.queryByRole("img")).toBeNull();
  });
});
