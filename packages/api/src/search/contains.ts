/**
 * Partial matches over every row of a table, through its trigram index
 * (prisma/migrations/*_search_trigram): on SQLite a contentless FTS5 `trigram` table kept by
 * triggers, each row under its negated id, asked
 * with the text as one quoted phrase (so `" * ^ : NEAR AND OR NOT` are characters, never
 * syntax); on PostgreSQL the pg_trgm GIN indexes on each column with `. : - /` turned into `q`
 * (pg_trgm splits words at them), asked with ILIKE (`%`, `_`, `\` escaped) and rechecked on the
 * column itself.
 * Which text may be asked at all is @netops/protocols containsProbe.
 */
import { TRIGRAM_SEPARATORS } from "@netops/protocols";
import type { SearchSql } from "./sql";

/** A table's free-text columns and the FTS5 table (SQLite) indexing them under the negated id. */
export interface TrigramIndexed {
  table: string;
  fts: string;
  columns: readonly string[];
}

export const ALERT_TEXT: TrigramIndexed = { table: "Alert", fts: "AlertFts", columns: ["summary", "labels"] };
export const AUDIT_TEXT: TrigramIndexed = {
  table: "AuditEntry",
  fts: "AuditEntryFts",
  columns: ["target", "action", "actorName"],
};
export const BGP_EVENT_TEXT: TrigramIndexed = { table: "BgpEvent", fts: "BgpEventFts", columns: ["text"] };
export const POLL_MESSAGE_TEXT: TrigramIndexed = {
  table: "EppPollMessage",
  fts: "EppPollMessageFts",
  columns: ["text"],
};

/** FTS5 query text: one phrase, its double quotes doubled; nothing inside a phrase is syntax. */
export function ftsPhrase(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/** ILIKE pattern for `text` anywhere, its own `%`, `_` and `\` literal (PostgreSQL's default escape). */
export function likeContains(text: string): string {
  return `%${text.replace(/[\\%_]/g, "\\$&")}%`;
}

const SEPARATOR_LETTERS = "q".repeat(TRIGRAM_SEPARATORS.length);

/** The indexed expression of a column on PostgreSQL (as written in the migration's CREATE INDEX). */
export function trigramExpression(column: string): string {
  return `translate("${column}", '${TRIGRAM_SEPARATORS}', '${SEPARATOR_LETTERS}')`;
}

/** `text` as the indexed expression sees it. */
function foldSeparators(text: string): string {
  let out = text;
  for (const c of TRIGRAM_SEPARATORS) out = out.replaceAll(c, "q");
  return out;
}

/**
 * A condition on `t`'s rows (unqualified column names): `probe` (a containsProbe) inside one of
 * its indexed columns. On SQLite the index gives the newest `take` matching ids (FTS5 walks its
 * doclists forwards, i.e. newest first, and stops), which the outer query reads by primary key.
 */
export function containsCondition(
  sql: SearchSql,
  t: TrigramIndexed,
  probe: string,
  take: number,
): { where: string; params: unknown[] } {
  if (sql.engine === "postgres") {
    const folded = likeContains(foldSeparators(probe));
    const pattern = likeContains(probe);
    return {
      where: `(${t.columns.map((c) => `(${trigramExpression(c)} ILIKE ? AND "${c}" ILIKE ?)`).join(" OR ")})`,
      params: t.columns.flatMap(() => [folded, pattern]),
    };
  }
  // Rows are indexed under -id: ascending rowid is newest first, the order FTS5 walks cheaply.
  return {
    where: `"id" IN (SELECT -rowid FROM "${t.fts}" WHERE "${t.fts}" MATCH ? ORDER BY rowid LIMIT ?)`,
    params: [ftsPhrase(probe), take],
  };
}
