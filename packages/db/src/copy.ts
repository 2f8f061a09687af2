/**
 * SQLite → PostgreSQL data copy (`netops db copy --to postgres://…`): the target is migrated to the
 * same history, must be empty, and receives every table's rows in foreign-key order, in one
 * transaction, converted by the target column's type (SQLite keeps booleans as 0/1 and dates as
 * epoch milliseconds or text); serial sequences continue after the copied ids. Row counts are
 * compared at the end; any difference rolls the whole copy back.
 */
import Database from "better-sqlite3";
import pg from "pg";
import { databaseFile } from "./file-mode";
import { applyPgMigrations } from "./migrate-pg";

export interface CopyReport {
  tables: { table: string; rows: number }[];
  rows: number;
}

const BATCH_PARAMS = 30_000;

function quote(id: string): string {
  return `"${id.replace(/"/g, '""')}"`;
}

/** Tables ordered so that every table comes after the tables its foreign keys point at. */
function fkOrder(src: Database.Database, tables: string[]): string[] {
  const deps = new Map(
    tables.map((t) => [
      t,
      new Set(
        (src.prepare(`PRAGMA foreign_key_list(${quote(t)})`).all() as { table: string }[])
          .map((f) => f.table)
          .filter((x) => x !== t && tables.includes(x)),
      ),
    ]),
  );
  const out: string[] = [];
  const placed = new Set<string>();
  while (out.length < tables.length) {
    const next = tables.find((t) => !placed.has(t) && [...(deps.get(t) ?? [])].every((d) => placed.has(d)));
    if (!next)
      throw new Error(`foreign keys form a cycle among: ${tables.filter((t) => !placed.has(t)).join(", ")}`);
    out.push(next);
    placed.add(next);
  }
  return out;
}

/**
 * Tables that triggers keep from another table's rows, on both engines (AlertRef: what each alert
 * links to, from Alert's links and labels). Copying them would write every row twice.
 */
const KEPT_BY_TRIGGERS = new Set(["AlertRef"]);

function toDate(v: unknown): Date | null {
  if (v === null || v === undefined) return null;
  if (typeof v === "number" || typeof v === "bigint") return new Date(Number(v));
  const s = String(v);
  // SQLite's CURRENT_TIMESTAMP: "YYYY-MM-DD HH:MM:SS", UTC without a zone.
  const d = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)?$/.test(s)
    ? new Date(`${s.replace(" ", "T")}Z`)
    : new Date(/^\d+$/.test(s) ? Number(s) : s);
  if (Number.isNaN(d.getTime())) throw new Error(`not a date: ${s.slice(0, 40)}`);
  return d;
}

function converter(pgType: string): (v: unknown) => unknown {
  if (pgType === "boolean")
    return (v) => (v === null ? null : v === 1 || v === 1n || v === true || v === "1");
  if (pgType.startsWith("timestamp") || pgType === "date") return toDate;
  if (pgType === "text" || pgType.startsWith("character"))
    // PostgreSQL text refuses U+0000 (SQLite keeps it): stored as U+FFFD.
    return (v) => (typeof v === "string" ? v.replaceAll("\u0000", "\ufffd") : v === null ? null : String(v));
  if (pgType === "bigint") return (v) => (v === null ? null : BigInt(v as number));
  return (v) => v;
}

export async function copySqliteToPostgres(fromUrl: string, toUrl: string): Promise<CopyReport> {
  const file = databaseFile(fromUrl);
  if (!file) throw new Error("the source must be a SQLite file: URL");
  await applyPgMigrations(toUrl);
  const src = new Database(file, { readonly: true, fileMustExist: true });
  src.defaultSafeIntegers(false);
  const dst = new pg.Client({ connectionString: toUrl });
  await dst.connect();
  try {
    const all = src
      .prepare(
        `SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations' ORDER BY name`,
      )
      .all() as { name: string; sql: string | null }[];
    // SQLite's FTS5 trigram tables (and their shadow tables) have no PostgreSQL twin: there the
    // same search reads pg_trgm indexes, built from the copied rows.
    const virtual = all.filter((r) => /^CREATE VIRTUAL TABLE/i.test(r.sql ?? "")).map((r) => r.name);
    const isFts = (t: string) => virtual.some((v) => t === v || t.startsWith(`${v}_`));
    const tables = all.map((r) => r.name).filter((t) => !isFts(t));
    const pgCols = new Map<string, Map<string, string>>();
    for (const r of (
      await dst.query<{ table_name: string; column_name: string; data_type: string }>(
        `SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = current_schema()`,
      )
    ).rows) {
      if (!pgCols.has(r.table_name)) pgCols.set(r.table_name, new Map());
      pgCols.get(r.table_name)?.set(r.column_name, r.data_type);
    }
    for (const t of tables) {
      if (!pgCols.has(t))
        throw new Error(`table ${t} is not in the PostgreSQL schema (are both at the same version?)`);
      const { n } = (await dst.query<{ n: string }>(`SELECT count(*) AS n FROM ${quote(t)}`)).rows[0] ?? {
        n: "0",
      };
      if (Number(n) > 0)
        throw new Error(`the target is not empty: ${t} has ${n} rows (copy into a new database)`);
    }
    const report: CopyReport = { tables: [], rows: 0 };
    await dst.query("BEGIN");
    try {
      for (const t of fkOrder(src, tables)) {
        const srcCount = (src.prepare(`SELECT count(*) AS n FROM ${quote(t)}`).get() as { n: number }).n;
        if (KEPT_BY_TRIGGERS.has(t)) {
          // The target's triggers wrote these rows while their table was copied: check, not copy.
          const n = Number(
            (await dst.query<{ n: string }>(`SELECT count(*) AS n FROM ${quote(t)}`)).rows[0]?.n,
          );
          if (n !== srcCount)
            throw new Error(`${t}: the target's triggers wrote ${n} rows, the source has ${srcCount}`);
          report.tables.push({ table: t, rows: n });
          continue;
        }
        const types = pgCols.get(t) as Map<string, string>;
        const cols = (src.prepare(`PRAGMA table_info(${quote(t)})`).all() as { name: string }[]).map(
          (c) => c.name,
        );
        const missing = cols.filter((c) => !types.has(c));
        if (missing.length)
          throw new Error(`${t}: columns not in the PostgreSQL schema: ${missing.join(", ")}`);
        const conv = cols.map((c) => converter(types.get(c) as string));
        const per = Math.max(1, Math.floor(BATCH_PARAMS / cols.length));
        let batch: unknown[][] = [];
        let rows = 0;
        const flush = async () => {
          if (batch.length === 0) return;
          const values = batch
            .map((_, i) => `(${cols.map((_, j) => `$${i * cols.length + j + 1}`).join(", ")})`)
            .join(", ");
          await dst.query(
            `INSERT INTO ${quote(t)} (${cols.map(quote).join(", ")}) VALUES ${values}`,
            batch.flat(),
          );
          rows += batch.length;
          batch = [];
        };
        for (const row of src
          .prepare(`SELECT ${cols.map(quote).join(", ")} FROM ${quote(t)}`)
          .raw()
          .iterate()) {
          batch.push((row as unknown[]).map((v, j) => (conv[j] as (v: unknown) => unknown)(v)));
          if (batch.length >= per) await flush();
        }
        await flush();
        // SERIAL ids: the next insert continues after the copied ones.
        if (types.get("id") === "integer" && rows > 0) {
          await dst.query(
            `SELECT setval(pg_get_serial_sequence($1, 'id'), (SELECT max(id) FROM ${quote(t)}))
              WHERE pg_get_serial_sequence($1, 'id') IS NOT NULL`,
            [quote(t)],
          );
        }
        if (srcCount !== rows) throw new Error(`${t}: read ${rows} rows of ${srcCount}`);
        report.tables.push({ table: t, rows });
        report.rows += rows;
      }
      await dst.query("COMMIT");
    } catch (err) {
      await dst.query("ROLLBACK").catch(() => {});
      throw err;
    }
    return report;
  } finally {
    src.close();
    await dst.end();
  }
}
