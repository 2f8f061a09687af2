import type { Db } from "@netops/db";
import type { SqlRunner } from "./sql";

export const DEFAULT_WARN_PCT = 80;
export const DEFAULT_CRIT_PCT = 90;

export type UtilLevel = "ok" | "warning" | "critical";

export interface PoolUtilization {
  poolId: number;
  sourceId: number;
  sourceName: string;
  lab: boolean;
  subnetId: number;
  subnet: string;
  sharedNetwork: string | null;
  firstAddr: string;
  lastAddr: string;
  size: number;
  assigned: number;
  declined: number;
  /** assigned / size in percent (declined counted apart, not in `assigned`). */
  pct: number;
  warnPct: number;
  critPct: number;
  level: UtilLevel;
}

export function levelOf(pct: number, warn: number, crit: number): UtilLevel {
  return pct >= crit ? "critical" : pct >= warn ? "warning" : "ok";
}

/**
 * Counts, per pool, the leases of the pool's own source inside its address range: bound and not
 * yet past `ends` is assigned; declined addresses are counted apart (unusable, but not in use).
 */
export async function poolUtilization(db: Db, raw: SqlRunner, nowSec: number): Promise<PoolUtilization[]> {
  const pools = await db.dhcpPool.findMany({ include: { subnet: { include: { source: true } } } });
  const counts = await Promise.all(
    pools.map(
      async (p) =>
        (await raw.get<{ assigned: number; declined: number }>(
          `SELECT coalesce(sum(CASE WHEN state = 'bound' AND (ends IS NULL OR ends > ?) THEN 1 ELSE 0 END), 0) AS assigned,
                  coalesce(sum(CASE WHEN state = 'declined' THEN 1 ELSE 0 END), 0) AS declined
             FROM DhcpLease WHERE sourceId = ? AND addressKey BETWEEN ? AND ?`,
          nowSec,
          p.subnet.sourceId,
          p.lowKey,
          p.highKey,
        )) ?? { assigned: 0, declined: 0 },
    ),
  );
  return pools.map((p, i) => {
    const c = counts[i] ?? { assigned: 0, declined: 0 };
    const pct = p.size > 0 ? (c.assigned / p.size) * 100 : 0;
    const warnPct = p.warnPct ?? DEFAULT_WARN_PCT;
    const critPct = p.critPct ?? DEFAULT_CRIT_PCT;
    return {
      poolId: p.id,
      sourceId: p.subnet.sourceId,
      sourceName: p.subnet.source.name,
      lab: p.subnet.source.lab,
      subnetId: p.subnetId,
      subnet: p.subnet.cidr,
      sharedNetwork: p.subnet.sharedNetwork,
      firstAddr: p.firstAddr,
      lastAddr: p.lastAddr,
      size: p.size,
      assigned: c.assigned,
      declined: c.declined,
      pct,
      warnPct,
      critPct,
      level: levelOf(pct, warnPct, critPct),
    };
  });
}

export interface TrendPoint {
  at: string;
  assigned: number;
}

/**
 * Hours until the pool is full at the recent rate (least-squares slope of the samples given),
 * or null when usage is flat or falling, or there are too few samples to tell.
 */
export function exhaustionForecastHours(
  samples: { at: Date; assigned: number }[],
  size: number,
): number | null {
  if (samples.length < 3) return null;
  const t0 = samples[0]?.at.getTime() ?? 0;
  const xs = samples.map((s) => (s.at.getTime() - t0) / 3_600_000);
  const ys = samples.map((s) => s.assigned);
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    const dx = (xs[i] ?? 0) - mx;
    sxy += dx * ((ys[i] ?? 0) - my);
    sxx += dx * dx;
  }
  if (sxx === 0) return null;
  const slope = sxy / sxx;
  if (slope <= 0) return null;
  const last = ys[n - 1] ?? 0;
  return Math.max(0, (size - last) / slope);
}
