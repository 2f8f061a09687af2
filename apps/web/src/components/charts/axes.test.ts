import { describe, expect, it } from "vitest";
import { axis, timeAxis, timeTickText } from "./axes";
import type { ChartPalette } from "./palette";

const p: ChartPalette = {
  text: "rgb(0, 0, 0)",
  muted: "rgb(1, 1, 1)",
  grid: "rgb(2, 2, 2)",
  accent: "rgb(3, 3, 3)",
  ok: "rgb(4, 4, 4)",
  warn: "rgb(5, 5, 5)",
  crit: "rgb(6, 6, 6)",
  info: "rgb(7, 6, 6)",
  neutral: "rgb(8, 8, 8)",
};

describe("chart axes", () => {
  it("leave the scale unset unless named (uPlot merges options: an undefined scale hides the axis)", () => {
    expect("scale" in axis(p)).toBe(false);
    expect("label" in axis(p)).toBe(false);
    expect("scale" in timeAxis(p)).toBe(false);
    expect(axis(p, { scale: "ms", label: "duration" })).toMatchObject({ scale: "ms", label: "duration" });
  });

  it("space time ticks far enough apart that their text does not overlap, in the theme's colours", () => {
    expect(timeAxis(p)).toMatchObject({ side: 2, space: 90, stroke: p.muted });
    expect(axis(p).grid).toMatchObject({ stroke: p.grid });
  });
});

describe("time tick text", () => {
  const t = (iso: string) => Date.parse(iso) / 1000;
  it("is 24-hour UTC, with the date on the first tick and where the day changes", () => {
    expect(
      timeTickText(
        [t("2026-12-06T22:00:00Z"), t("2026-12-06T23:00:00Z"), t("2026-12-07T00:00:00Z")],
        3600,
        true,
      ),
    ).toEqual(["22:00\n2026-12-06", "23:00", "00:00\n2026-12-07"]);
  });
  it("shows seconds below a minute and dates alone from a day up", () => {
    expect(timeTickText([t("2026-12-06T22:00:05Z")], 5, true)).toEqual(["22:00:05\n2026-12-06"]);
    expect(timeTickText([t("2026-12-06T00:00:00Z"), t("2026-12-07T00:00:00Z")], 86_400, true)).toEqual([
      "2026-12-06",
      "2026-12-07",
    ]);
  });
});
