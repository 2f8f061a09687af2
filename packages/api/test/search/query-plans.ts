/**
 * SQLite's own query plans for the statements search and entity pages run (tests and
 * `npm run bench:search`): every statement is captured as run (parameters inlined by
 * better-sqlite3's `verbose`, or recorded from the lease connection's prepared statements) and
 * explained; a step that reads a whole table that grows with the network is a finding.
 */
import type Database from "better-sqlite3";

/**
 * Tables that grow with the network, not with configuration: they must be searched through an
 * index (or, for free text, the recent id window on the primary key), never scanned.
 */
export const GROWING_TABLES = [
  "DhcpLease",
  "DhcpLeaseEvent",
  "BgpEvent",
  "DnsRecordTerm",
  "DnsZone",
  "DnsZoneCheck",
  "EppHost",
  "EppDomain",
  "EppPollMessage",
  "EppTransactionLog",
  "Alert",
  "AlertRef",
  "AlertEvent",
  "AuditEntry",
] as const;

export interface PlannedStatement {
  sql: string;
  plan: string[];
  /** Plan steps that scan a growing table (empty: every read is an index search). */
  scans: string[];
}

// Prisma qualifies tables with their schema (`main.`); the lease connection does not.
const SCAN = new RegExp(`^SCAN (main\\.)?(${GROWING_TABLES.join("|")})\\b`);

/**
 * A scan that stops after its LIMIT: no condition (`WHERE 1=1`, how Prisma writes none) and no
 * sort of its own, e.g. the newest id by `ORDER BY id DESC LIMIT 1` (the rowid order).
 */
function boundedScan(sql: string, plan: string[]): boolean {
  // `WHERE 1=0` is how Prisma writes an empty `in` list: nothing is read.
  if (/ WHERE 1=0 /.test(sql)) return true;
  return (
    /WHERE 1=1 ORDER BY [`\w.]+ (ASC|DESC) LIMIT \d+/.test(sql) &&
    !plan.some((p) => p.includes("TEMP B-TREE"))
  );
}

/** A statement's shape: literals replaced, so the same query with other values counts once. */
export function statementShape(sql: string): string {
  return sql
    .replace(/'(?:[^']|'')*'/g, "?")
    .replace(/\b\d+(\.\d+)?\b/g, "?")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * Index walks chosen on purpose, each bounded by its LIMIT: the newest lease events of an address
 * range known to hold at least DENSE_RANGE of them (dhcp/search.ts), so matches come often.
 */
export const ALLOWED_WALKS: readonly RegExp[] = [
  /FROM DhcpLeaseEvent INDEXED BY DhcpLeaseEvent_at_idx .* LIMIT \d+$/,
];

/** Explains each distinct statement shape once (the first one seen with its values). */
export function explainAll(
  db: Database.Database,
  statements: readonly string[],
  allowed: readonly RegExp[] = [],
): PlannedStatement[] {
  const seen = new Set<string>();
  const out: PlannedStatement[] = [];
  for (const sql of statements) {
    if (!/^\s*(SELECT|WITH)\b/i.test(sql)) continue;
    const shape = statementShape(sql);
    if (seen.has(shape)) continue;
    seen.add(shape);
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail);
    const exempt = boundedScan(sql, plan) || allowed.some((a) => a.test(sql));
    out.push({ sql, plan, scans: exempt ? [] : plan.filter((step) => SCAN.test(step)) });
  }
  return out;
}

/** `sql` with `?` parameters replaced by SQL literals (for the lease connection's statements). */
export function inlineParams(sql: string, params: readonly unknown[]): string {
  let i = 0;
  return sql.replace(/\?/g, () => {
    const v = params[i++];
    if (v === null || v === undefined) return "NULL";
    if (typeof v === "number" || typeof v === "bigint") return String(v);
    return `'${String(v).replace(/'/g, "''")}'`;
  });
}

/** Records every statement `raw` runs through `prepare(...).all/get/iterate` (the lease connection). */
export function recordPrepared(raw: Database.Database, sink: { push(sql: string): unknown }): () => void {
  const prepare = raw.prepare.bind(raw);
  const patched = ((sql: string) => {
    const stmt = prepare(sql);
    return new Proxy(stmt, {
      get(target, prop) {
        const v = Reflect.get(target, prop, target);
        if (prop === "all" || prop === "get" || prop === "iterate")
          return (...params: unknown[]) => {
            sink.push(inlineParams(sql, params));
            return (v as (...p: unknown[]) => unknown).apply(target, params);
          };
        return typeof v === "function" ? v.bind(target) : v;
      },
    });
  }) as typeof raw.prepare;
  raw.prepare = patched;
  return () => {
    raw.prepare = prepare;
  };
}
