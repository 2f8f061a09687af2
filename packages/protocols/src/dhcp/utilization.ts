/** What grouping needs of a pool: its counts and where it comes from. */
export interface PoolCounts {
  sourceName: string;
  lab: boolean;
  size: number;
  assigned: number;
  declined: number;
}

export interface GroupUtilization {
  /** `<source> <name>`: unique, since source names have no spaces. */
  key: string;
  sourceName: string;
  /** The subnet CIDR or the shared network's name. */
  name: string;
  lab: boolean;
  size: number;
  assigned: number;
  declined: number;
  pct: number;
}

/** Sums pools per subnet or per shared network (pools `nameOf` maps to null are left out), worst first. */
export function groupUtilization<P extends PoolCounts>(
  pools: P[],
  nameOf: (p: P) => string | null,
): GroupUtilization[] {
  const m = new Map<string, GroupUtilization>();
  for (const p of pools) {
    const name = nameOf(p);
    if (name === null) continue;
    const key = `${p.sourceName} ${name}`;
    const g = m.get(key) ?? {
      key,
      sourceName: p.sourceName,
      name,
      lab: p.lab,
      size: 0,
      assigned: 0,
      declined: 0,
      pct: 0,
    };
    g.size += p.size;
    g.assigned += p.assigned;
    g.declined += p.declined;
    m.set(key, g);
  }
  for (const g of m.values()) g.pct = g.size > 0 ? (g.assigned / g.size) * 100 : 0;
  return [...m.values()].sort((a, b) => b.pct - a.pct);
}
