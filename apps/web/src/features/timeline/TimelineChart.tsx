import { useMemo } from "react";
import type uPlot from "uplot";
import { type BuildChartOptions, UPlotChart } from "../../components/charts/UPlotChart";
import { axis, timeAxis } from "../../components/charts/axes";
import { formatTime } from "../../lib/time";
import { type Buckets, stackedSeries } from "./buckets";

export interface TimelineChartProps {
  buckets: Buckets;
  /** The range shown, Unix seconds (empty periods stay visible). */
  fromS: number;
  toS: number;
  utc: boolean;
  /** Select-to-zoom: the new range, Unix seconds. */
  onZoom: (from: number, to: number) => void;
}

function stepText(s: number): string {
  if (s % 86_400 === 0) return `${s / 86_400} d`;
  if (s % 3600 === 0) return `${s / 3600} h`;
  return `${s / 60} min`;
}

/**
 * Events per time bucket, stacked by severity (info at the bottom, critical on top), in uPlot.
 * Dragging across the chart zooms the whole timeline to that range (the URL keeps it; Back undoes).
 */
export function TimelineChart({ buckets, fromS, toS, utc, onZoom }: TimelineChartProps) {
  const data = useMemo(() => {
    const s = stackedSeries(buckets);
    return [buckets.x, s.critical, s.warning, s.info] as uPlot.AlignedData;
  }, [buckets]);
  const build = useMemo<BuildChartOptions>(
    () =>
      ({ uPlot: U, palette: p, utc, width }) => {
        const bars = U.paths.bars?.({ size: [0.9, 40, 1], align: 1 });
        // Each series is drawn as its stacked top; the legend shows the bucket's own count.
        const own =
          (sev: "critical" | "warning" | "info") =>
          (_u: uPlot, _v: number | null, _s: number, i: number | null) =>
            i == null ? "—" : String(buckets.counts[sev][i] ?? 0);
        const series = (label: "critical" | "warning" | "info", color: string): uPlot.Series => ({
          label,
          paths: bars,
          fill: color,
          stroke: color,
          width: 0,
          points: { show: false },
          value: own(label),
        });
        return {
          legend: { show: true, live: true },
          cursor: { points: { show: false } },
          scales: {
            x: { time: true, range: () => [fromS, toS] },
            y: { range: (_u, _min, max) => [0, Math.max(1, Math.ceil(max * 1.1))] },
          },
          series: [
            { value: (_u, v) => (v == null ? "—" : formatTime(v * 1000, utc ? "utc" : "local")) },
            series("critical", p.crit),
            series("warning", p.warn),
            series("info", p.info),
          ],
          axes: [
            timeAxis(p, utc, width < 500 ? 60 : 90),
            {
              ...axis(p, { label: `events per ${stepText(buckets.step)}` }),
              values: (_u, t) => t.map((v) => (Number.isInteger(v) ? String(v) : "")),
            },
          ],
        };
      },
    [buckets, fromS, toS],
  );
  const total = buckets.counts.critical
    .concat(buckets.counts.warning, buckets.counts.info)
    .reduce((a, b) => a + b, 0);
  const label = `Events over time: ${total} in ${buckets.x.length} buckets of ${stepText(buckets.step)}`;
  return (
    <UPlotChart
      build={build}
      data={data}
      height={180}
      label={label}
      utc={utc}
      onSelectRange={onZoom}
      className="timeline-chart"
      fallback={<p className="small muted">{label}</p>}
    />
  );
}
