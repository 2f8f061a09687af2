import { useMemo } from "react";
import type uPlot from "uplot";
import { type BuildChartOptions, UPlotChart } from "../../components/charts/UPlotChart";
import { axis } from "../../components/charts/axes";
import { useZoneMode } from "../../lib/timeZoneMode";

export interface TrendPoint {
  at: string;
  assigned: number;
}

/** The trend as chart data (x in Unix seconds, ascending) and its range, for the text beside it. */
export function trendSeries(points: readonly TrendPoint[]) {
  const rows = points
    .map((p) => ({ t: Date.parse(p.at) / 1000, v: p.assigned }))
    .filter((r) => Number.isFinite(r.t))
    .sort((a, b) => a.t - b.t);
  const values = rows.map((r) => r.v);
  return {
    data: [rows.map((r) => r.t), values] as uPlot.AlignedData,
    min: values.length ? Math.min(...values) : 0,
    max: values.length ? Math.max(...values) : 0,
    last: values.at(-1) ?? 0,
  };
}

/**
 * The y range: the data's own range with room around it (so a change of 3 addresses in a /16 shows),
 * whole addresses, never below 0 nor above the pool size.
 */
export function trendRange(min: number, max: number, size: number): [number, number] {
  const pad = Math.max(1, Math.ceil((max - min) * 0.2));
  return [Math.max(0, min - pad), Math.min(Math.max(size, max), max + pad)];
}

function buildFor(size: number, min: number, max: number): BuildChartOptions {
  return ({ palette: p }) => ({
    legend: { show: false },
    // uPlot's automatic padding leaves room for hidden axes' text: in 56 px that left a 22 px plot.
    padding: [8, 6, 8, 0],
    cursor: { show: true, points: { show: true, size: 5 }, drag: { x: false, y: false } },
    scales: { x: { time: true }, y: { range: () => trendRange(min, max, size) } },
    series: [
      {},
      {
        stroke: p.accent,
        width: 1.5,
        fill: `${p.accent.replace(/rgb\((.*)\)/, "rgba($1, 0.15)")}`,
        points: { show: false },
      },
    ],
    axes: [
      { show: false },
      {
        ...axis(p, { grid: true }),
        size: 40,
        space: 14,
        values: (_u, t) => t.map((v) => (Number.isInteger(v) ? String(v) : "")),
      },
    ],
  });
}

/**
 * Assigned addresses over time, in uPlot: the y axis is scaled to the data (with its ticks shown), the
 * x axis to the sample times; the text gives the range against the pool size.
 */
export function Sparkline({
  points,
  max: size,
  label,
}: {
  points: TrendPoint[];
  max: number;
  label: string;
}) {
  const mode = useZoneMode();
  const s = useMemo(() => trendSeries(points), [points]);
  const build = useMemo(() => buildFor(size, s.min, s.max), [size, s.min, s.max]);
  if (points.length < 2) return <span className="muted small">no trend yet</span>;
  const text = s.min === s.max ? `${s.min} of ${size}, steady` : `${s.min}–${s.max} of ${size}`;
  return (
    <div className="pool-trend">
      <UPlotChart
        build={build}
        data={s.data}
        height={56}
        label={`${label}: ${text}`}
        utc={mode === "utc"}
        className="pool-trend-chart"
        fallback={null}
      />
      <span className="small muted">{text}</span>
    </div>
  );
}
