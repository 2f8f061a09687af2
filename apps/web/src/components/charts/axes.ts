/** Axis styles shared by the console's charts, in the theme's colours. */
import type uPlot from "uplot";
import type { ChartPalette } from "./palette";

const FONT = "11px system-ui, sans-serif";

export interface AxisOptions {
  scale?: string;
  label?: string;
  side?: 0 | 1 | 2 | 3;
  grid?: boolean;
  values?: uPlot.Axis["values"];
  size?: number;
}

export function axis(p: ChartPalette, o: AxisOptions = {}): uPlot.Axis {
  // Only set keys go in: uPlot merges options, so `scale: undefined` would unbind the axis from its scale.
  return {
    ...(o.scale ? { scale: o.scale } : {}),
    ...(o.label ? { label: o.label } : {}),
    side: o.side ?? 3,
    stroke: p.muted,
    font: FONT,
    labelFont: FONT,
    labelSize: o.label ? 16 : 0,
    grid: { show: o.grid ?? true, stroke: p.grid, width: 1 },
    ticks: { show: true, stroke: p.grid, width: 1, size: 4 },
    ...(o.values ? { values: o.values } : {}),
    ...(o.size ? { size: o.size } : {}),
  };
}

const pad = (n: number) => String(n).padStart(2, "0");

/**
 * Tick text for a time axis, 24-hour, in UTC or the browser's zone: the date where the day changes
 * (and on the first tick), the time of day when ticks are less than a day apart.
 */
export function timeTickText(ticks: readonly number[], incrS: number, utc: boolean): string[] {
  let lastDay = "";
  return ticks.map((t) => {
    const d = new Date(t * 1000);
    const [y, mo, da, h, mi, se] = utc
      ? [
          d.getUTCFullYear(),
          d.getUTCMonth() + 1,
          d.getUTCDate(),
          d.getUTCHours(),
          d.getUTCMinutes(),
          d.getUTCSeconds(),
        ]
      : [d.getFullYear(), d.getMonth() + 1, d.getDate(), d.getHours(), d.getMinutes(), d.getSeconds()];
    const day = `${y}-${pad(mo)}-${pad(da)}`;
    const newDay = day !== lastDay;
    lastDay = day;
    if (incrS >= 86_400) return incrS >= 28 * 86_400 ? `${y}-${pad(mo)}` : day;
    const time = incrS < 60 ? `${pad(h)}:${pad(mi)}:${pad(se)}` : `${pad(h)}:${pad(mi)}`;
    return newDay ? `${time}\n${day}` : time;
  });
}

/** The time axis: ticks far enough apart that their text never overlaps, 24-hour, in the chosen zone. */
export function timeAxis(p: ChartPalette, utc = true, space = 90): uPlot.Axis {
  return {
    ...axis(p, { side: 2 }),
    space,
    size: 44,
    values: (_u, ticks, _i, _space, incr) => timeTickText(ticks, incr, utc),
  };
}
