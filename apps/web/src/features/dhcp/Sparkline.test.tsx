import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { Sparkline, trendRange, trendSeries } from "./Sparkline";

describe("pool trend", () => {
  it("orders samples by time and keeps their spacing", () => {
    const s = trendSeries([
      { at: "2026-12-01T02:00:00Z", assigned: 12 },
      { at: "2026-12-01T00:00:00Z", assigned: 10 },
      { at: "2026-12-01T00:30:00Z", assigned: 11 },
    ]);
    expect(s.data[0]).toEqual([1796083200, 1796085000, 1796090400]);
    expect(s.data[1]).toEqual([10, 11, 12]);
    expect([s.min, s.max, s.last]).toEqual([10, 12, 12]);
  });

  it("scales the y axis to the data, not the pool size, so small changes in a big pool show", () => {
    // 10 → 12 of 65 536: on a 0..size axis this is a flat line.
    expect(trendRange(10, 12, 65_536)).toEqual([9, 13]);
    expect(trendRange(0, 0, 100)).toEqual([0, 1]);
    expect(trendRange(98, 100, 100)).toEqual([97, 100]);
  });

  it("names the range against the pool size in text", () => {
    render(
      <Sparkline
        label="Pool trend"
        max={254}
        points={[
          { at: "2026-12-01T00:00:00Z", assigned: 40 },
          { at: "2026-12-01T01:00:00Z", assigned: 52 },
        ]}
      />,
    );
    expect(screen.getByText("40–52 of 254")).toBeInTheDocument();
    expect(screen.getByRole("img")).toHaveAccessibleName("Pool trend: 40–52 of 254");
  });

  it("says when there is no trend yet", () => {
    render(<Sparkline label="x" max={10} points={[{ at: "2026-12-01T00:00:00Z", assigned: 1 }]} />);
    expect(screen.getByText("no trend yet")).toBeInTheDocument();
  });
});
