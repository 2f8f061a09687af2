import { useMemo } from "react";
import type uPlot from "uplot";
import { type BuildChartOptions, UPlotChart } from "../../components/charts/UPlotChart";
import { axis, timeAxis } from "../../components/charts/axes";
import { Empty } from "../../components/StateView";
import { useZoneMode } from "../../lib/timeZoneMode";
import { checkHistorySeries, checkHistorySummary } from "./checkHistorySeries";
import type { ZoneCheck } from "./types";

/** [min, max] widened by `share` of its span, at least `least` on each side. */
export function padRange(min: number, max: number, share: number, least: number): [number, number] {
  const pad = Math.max(least, (max - min) * share);
  return [Math.floor(min - pad), Math.ceil(max + pad)];
}

const build: BuildChartOptions = ({ uPlot: U, palette: p, utc, width }) => {
  const bars = U.paths.bars?.({ size: [0.6, 16, 3], align: 0 });
  const bar = (label: string, color: string): uPlot.Series => ({
    label,
    scale: "ms",
    paths: bars,
    fill: color,
    stroke: color,
    points: { show: false },
    value: (_u, v) => (v == null ? "—" : `${v} ms`),
  });
  return {
    legend: { show: true, live: true },
    cursor: { points: { show: false } },
    scales: {
      // Room at both ends, so the first and last bars are not cut in half.
      x: { time: true, range: (_u, min, max) => padRange(min, max, 0.03, 300) },
      ms: { range: (_u, _min, max) => [0, Math.max(1, max) * 1.1] },
      // Serials are whole numbers; one unchanged serial sits mid-axis instead of on a 0…4e9 scale.
      serial: { range: (_u, min, max) => padRange(min, max, 0.15, 2) },
    },
    series: [
      {},
      bar("verified", p.ok),
      bar("failed", p.crit),
      bar("other", p.warn),
      {
        label: "serial",
        scale: "serial",
        paths: U.paths.stepped?.({ align: 1 }),
        stroke: p.accent,
        width: 2,
        spanGaps: true,
        points: { show: true, size: 5, fill: p.accent },
        value: (_u, v) => (v == null ? "—" : String(v)),
      },
    ],
    axes: [
      timeAxis(p, utc, width < 500 ? 60 : 90),
      axis(p, { scale: "ms", label: "duration (ms)", values: (_u, ticks) => ticks.map((t) => `${t}`) }),
      {
        ...axis(p, { scale: "serial", label: "SOA serial", side: 1, grid: false }),
        size: width < 500 ? 80 : 92,
        values: (_u, ticks) => ticks.map((t) => (Number.isInteger(t) ? String(t) : "")),
      },
    ],
  };
};

/**
 * Check history in uPlot: duration per check as bars at their start time, coloured by verdict, and
 * the copy's SOA serial as a step line on its own axis. Drag across to zoom, double-click to reset.
 */
export function CheckHistoryChart({ checks }: { checks: ZoneCheck[] }) {
  const mode = useZoneMode();
  const data = useMemo(() => {
    const s = checkHistorySeries(checks);
    return [s.x, s.verified, s.failed, s.other, s.serial] as uPlot.AlignedData;
  }, [checks]);
  if (checks.length === 0) return <Empty title="No checks yet." />;
  const label = checkHistorySummary(checks);
  return (
    <figure style={{ margin: 0 }}>
      <UPlotChart
        build={build}
        data={data}
        height={220}
        label={label}
        utc={mode === "utc"}
        fallback={<p className="small">{label}</p>}
      />
      <figcaption className="small muted">
        Bars: check duration at the time of the check (green verified, red failed, amber other). Line: the
        copy's SOA serial. Times in {mode === "utc" ? "UTC" : "local time"}; drag to zoom, double-click to
        reset.
      </figcaption>
    </figure>
  );
}
