/**
 * Pool threshold crossings as history of their own: each evaluation compares every pool's level
 * with the one it saw last (DhcpPool.level) and writes a DhcpPoolLevelChange when it differs, so
 * the timeline shows when a pool went to warning, to critical and back, not only the alert.
 */
import type { Db } from "@netops/db";
import { poolLevelEvent, poolLevelSeverity, type Severity, type TimelineEvent } from "@netops/protocols";
import { entityKeyRange } from "@netops/protocols/dhcp";
import type { TimelineQuery } from "../../modules/contract";
import type { PoolUtilization, UtilLevel } from "./utilization";

/**
 * Writes a change for every pool whose level differs from its stored one. The stored level moves
 * first, conditionally, so two evaluations at once (a job and an operator's "poll now") write one
 * change, not two. Returns the changes written.
 */
export async function recordLevelChanges(db: Db, pools: PoolUtilization[], at: Date): Promise<number> {
  if (!pools.length) return 0;
  const stored = new Map(
    (
      await db.dhcpPool.findMany({
        where: { id: { in: pools.map((p) => p.poolId) } },
        select: { id: true, level: true, lowKey: true, highKey: true },
      })
    ).map((p) => [p.id, p]),
  );
  let written = 0;
  for (const p of pools) {
    const was = stored.get(p.poolId);
    if (!was || was.level === p.level) continue;
    const moved = await db.dhcpPool.updateMany({
      where: { id: p.poolId, level: was.level },
      data: { level: p.level },
    });
    if (moved.count !== 1) continue;
    await db.dhcpPoolLevelChange.create({
      data: {
        poolId: p.poolId,
        at,
        level: p.level,
        previous: was.level,
        pct: p.pct,
        assigned: p.assigned,
        size: p.size,
        firstAddr: p.firstAddr,
        lastAddr: p.lastAddr,
        lowKey: was.lowKey,
        highKey: was.highKey,
        subnet: p.subnet,
        source: p.sourceName,
      },
    });
    written += 1;
  }
  return written;
}

/** Housekeeping: crossings older than `days` go (the pools keep their current level). */
export async function purgeLevelChanges(db: Db, days: number, now: Date): Promise<number> {
  const r = await db.dhcpPoolLevelChange.deleteMany({
    where: { at: { lt: new Date(now.getTime() - days * 86_400_000) } },
  });
  return r.count;
}

/** The levels whose crossings have one of these severities (every level when none are asked for). */
function levelsFor(severities: Severity[] | undefined): UtilLevel[] {
  const all: UtilLevel[] = ["ok", "warning", "critical"];
  return severities ? all.filter((l) => severities.includes(poolLevelSeverity(l))) : all;
}

/** Threshold crossings in the range, newest first: every pool's, or those of pools the entity's addresses overlap. */
export async function poolLevelEvents(db: Db, q: TimelineQuery): Promise<TimelineEvent[]> {
  const levels = levelsFor(q.severities);
  if (!levels.length) return [];
  let overlap: { lowKey: { lte: string }; highKey: { gte: string } } | undefined;
  if (q.entity) {
    const r = entityKeyRange(q.entity);
    if (!r) return [];
    overlap = { lowKey: { lte: r.high }, highKey: { gte: r.low } };
  }
  const rows = await db.dhcpPoolLevelChange.findMany({
    where: { at: { gte: q.from, lte: q.to }, level: { in: levels }, ...overlap },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take: q.limit,
  });
  return rows.map((r) => poolLevelEvent({ ...r, at: r.at.toISOString() }));
}
