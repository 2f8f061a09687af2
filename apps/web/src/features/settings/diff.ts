/** Before/after comparison for audit entries (JSON snapshots, possibly truncated). */

export type DiffKind = "added" | "removed" | "changed" | "same";
export interface DiffRow {
  path: string;
  before: string | undefined;
  after: string | undefined;
  kind: DiffKind;
}

/** Parses a stored snapshot (JSON `null` = nothing); a truncated or non-JSON snapshot stays raw text. */
export function parseSnapshot(s: string | null): unknown {
  if (s === null) return undefined;
  try {
    return JSON.parse(s) ?? undefined;
  } catch {
    return s;
  }
}

function flatten(v: unknown, prefix: string, out: Map<string, string>): void {
  if (v !== null && typeof v === "object" && !Array.isArray(v)) {
    const entries = Object.entries(v as Record<string, unknown>);
    if (entries.length === 0 && prefix) out.set(prefix, "{}");
    for (const [k, child] of entries) flatten(child, prefix ? `${prefix}.${k}` : k, out);
    return;
  }
  if (v === undefined) return;
  out.set(prefix || "(value)", typeof v === "string" ? v : JSON.stringify(v));
}

/** One row per leaf path in either snapshot; arrays compare as whole values. */
export function diffSnapshots(before: unknown, after: unknown): DiffRow[] {
  const b = new Map<string, string>();
  const a = new Map<string, string>();
  flatten(before, "", b);
  flatten(after, "", a);
  const paths = [...new Set([...b.keys(), ...a.keys()])].sort();
  return paths.map((path) => {
    const x = b.get(path);
    const y = a.get(path);
    const kind: DiffKind =
      x === undefined ? "added" : y === undefined ? "removed" : x === y ? "same" : "changed";
    return { path, before: x, after: y, kind };
  });
}

/** True when an audit entry has any before/after data worth showing. */
export function hasSnapshotData(e: { before: string | null; after: string | null }): boolean {
  return parseSnapshot(e.before) !== undefined || parseSnapshot(e.after) !== undefined;
}
