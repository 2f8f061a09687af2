/**
 * The trigram indexes behind partial search (prisma/migrations/*_search_trigram): FTS5 virtual
 * tables on SQLite, pg_trgm GIN indexes on PostgreSQL. Prisma's one schema for both engines
 * cannot state either, so the schema tools leave them out of what they compare.
 */

/** SQLite: `prisma db pull` shows each FTS5 table and its shadow tables as models; drop them. */
export function withoutFtsModels(schema: string): string {
  return schema
    .replace(/(?:^\/\/\/.*\n)*^model \w+Fts(?:_\w+)? \{\n[\s\S]*?^\}\n*/gm, "")
    .replace(/^\/\/ prisma\/schema\/introspected\.prisma\n+(?=\/\/ prisma\/schema\/|$(?![\s\S]))/m, "");
}

/** PostgreSQL: an index definition (pg_indexes.indexdef) that is one of the trigram indexes. */
export function isTrigramIndex(indexdef: string): boolean {
  return /\bUSING gin\b.*\bgin_trgm_ops\b/.test(indexdef);
}
