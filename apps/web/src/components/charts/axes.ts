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
  return {
    scale: o.scale,
    label: o.label,
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

/** The time axis: ticks far enough apart that their text never overlaps. */
export function timeAxis(p: ChartPalette): uPlot.Axis {
  return { ...axis(p, { side: 2 }), space: 90 };
}
