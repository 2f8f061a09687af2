/**
 * One uPlot chart, sized to its container and redrawn in the current theme. Callers describe the
 * chart with `build` (uPlot options from the library, the palette and the width) and pass aligned data
 * (x in Unix seconds). Where no canvas exists (jsdom), `fallback` is shown instead; the chart always
 * carries `label` for screen readers.
 */
import type { ReactNode } from "react";
import { useEffect, useRef, useState } from "react";
import type uPlot from "uplot";
import { type ChartPalette, readPalette, useThemeKey } from "./palette";
import "./charts.css";

export type UPlotStatic = typeof uPlot;

export interface ChartBuildContext {
  uPlot: UPlotStatic;
  palette: ChartPalette;
  /** The chart's width in CSS pixels (narrow charts want fewer ticks). */
  width: number;
  /** Times in UTC (else the browser's zone), for tick and legend text. */
  utc: boolean;
}

export type BuildChartOptions = (ctx: ChartBuildContext) => Omit<uPlot.Options, "width" | "height">;

export interface UPlotChartProps {
  build: BuildChartOptions;
  data: uPlot.AlignedData;
  height: number;
  /** What the chart shows, in words (aria-label of the figure). */
  label: string;
  /** Times on the x axis in UTC (default) or the browser's zone. */
  utc?: boolean;
  /** Select-to-zoom: called with the selected x range (Unix seconds) instead of zooming in place. */
  onSelectRange?: (from: number, to: number) => void;
  /** Shown where the browser cannot draw (no canvas). */
  fallback?: ReactNode;
  className?: string;
}

let canvasCache: boolean | undefined;
/** jsdom has neither matchMedia (read by uPlot on load) nor a 2D canvas. */
export function canDrawCharts(): boolean {
  if (canvasCache === undefined) {
    try {
      canvasCache =
        typeof window !== "undefined" &&
        typeof window.matchMedia === "function" &&
        document.createElement("canvas").getContext("2d") !== null;
    } catch {
      canvasCache = false;
    }
  }
  return canvasCache;
}

let lib: Promise<UPlotStatic> | undefined;
const loadUPlot = () => {
  lib ??= import("./uplot-lib").then((m) => m.default);
  return lib;
};

export function UPlotChart({
  build,
  data,
  height,
  label,
  utc = true,
  onSelectRange,
  fallback,
  className,
}: UPlotChartProps) {
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | null>(null);
  const [drawable] = useState(canDrawCharts);
  const [width, setWidth] = useState(0);
  const themeKey = useThemeKey();
  const select = useRef(onSelectRange);
  select.current = onSelectRange;
  const zoomable = onSelectRange !== undefined;

  // Follow the container's width.
  useEffect(() => {
    const el = host.current;
    if (!el || !drawable) return;
    setWidth(el.clientWidth);
    if (typeof ResizeObserver === "undefined") return;
    const ro = new ResizeObserver(() => setWidth(el.clientWidth));
    ro.observe(el);
    return () => ro.disconnect();
  }, [drawable]);

  // (Re)build when the description, the data, the theme or the zone changes; widths only resize.
  // biome-ignore lint/correctness/useExhaustiveDependencies: themeKey stands for the resolved palette
  useEffect(() => {
    const el = host.current;
    if (!el || !drawable || width === 0) return;
    let cancelled = false;
    void loadUPlot().then((U) => {
      if (cancelled) return;
      const base = build({ uPlot: U, palette: readPalette(el), width, utc });
      const opts: uPlot.Options = {
        ...base,
        width,
        height,
        ...(utc ? { tzDate: (ts: number) => U.tzDate(new Date(ts * 1000), "Etc/UTC") } : {}),
      };
      if (zoomable) {
        opts.cursor = { ...opts.cursor, drag: { x: true, y: false, setScale: false } };
        opts.hooks = {
          ...opts.hooks,
          setSelect: [
            ...(opts.hooks?.setSelect ?? []),
            (u) => {
              if (u.select.width < 3) return;
              const from = u.posToVal(u.select.left, "x");
              const to = u.posToVal(u.select.left + u.select.width, "x");
              u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
              select.current?.(Math.floor(from), Math.ceil(to));
            },
          ],
        };
      }
      chart.current?.destroy();
      chart.current = new U(opts, data, el);
    });
    return () => {
      cancelled = true;
    };
  }, [build, data, height, utc, zoomable, themeKey, drawable, width === 0]);

  useEffect(() => {
    if (width > 0) chart.current?.setSize({ width, height });
  }, [width, height]);

  useEffect(
    () => () => {
      chart.current?.destroy();
      chart.current = null;
    },
    [],
  );

  return (
    <div className={className ? `uplot-chart ${className}` : "uplot-chart"} role="img" aria-label={label}>
      {drawable ? <div ref={host} className="uplot-host" style={{ minHeight: height }} /> : fallback}
    </div>
  );
}
