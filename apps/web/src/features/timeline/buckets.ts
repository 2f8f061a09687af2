/**
 * Events counted per time bucket and severity, for the timeline chart. The bucket width is a round
 * step (1 min … 1 day) giving at most MAX_BUCKETS across the range, so bars stay readable.
 */
import type { Severity } from "@netops/protocols";

const MIN = 60;
const STEPS = [MIN, 5 * MIN, 15 * MIN, 30 * MIN, 3600, 3 * 3600, 6 * 3600, 12 * 3600, 86_400, 7 * 86_400];
export const MAX_BUCKETS = 120;

/** The bucket width in seconds for a range of `spanS` seconds. */
export function bucketStep(spanS: number): number {
  for (const s of STEPS) if (spanS / s <= MAX_BUCKETS) return s;
  return Math.ceil(spanS / MAX_BUCKETS / 86_400) * 86_400;
}

export interface Buckets {
  step: number;
  /** Bucket starts, Unix seconds. */
  x: number[];
  counts: Record<Severity, number[]>;
}

/** Counts of `events` (ISO `at`) in [fromS, toS), by bucket and severity; events outside are left out. */
export function bucketEvents(
  events: readonly { at: string; severity: Severity }[],
  fromS: number,
  toS: number,
): Buckets {
  const span = Math.max(1, toS - fromS);
  const step = bucketStep(span);
  const start = Math.floor(fromS / step) * step;
  const n = Math.max(1, Math.ceil((toS - start) / step));
  const x = Array.from({ length: n }, (_, i) => start + i * step);
  const counts: Record<Severity, number[]> = {
    critical: new Array(n).fill(0),
    warning: new Array(n).fill(0),
    info: new Array(n).fill(0),
  };
  for (const e of events) {
    const t = Date.parse(e.at) / 1000;
    if (!Number.isFinite(t) || t < fromS || t >= toS) continue;
    const i = Math.floor((t - start) / step);
    if (i >= 0 && i < n) counts[e.severity][i]! += 1;
  }
  return { step, x, counts };
}

/**
 * Stacked tops for drawing (info at the bottom, then warning, then critical on top): each series is
 * the sum of itself and those below, so bars drawn last-to-first show every layer.
 */
export function stackedSeries(b: Buckets): { info: number[]; warning: number[]; critical: number[] } {
  const info = b.counts.info;
  const warning = info.map((v, i) => v + b.counts.warning[i]!);
  const critical = warning.map((v, i) => v + b.counts.critical[i]!);
  return { info, warning, critical };
}
