-- Partial ("contains") search over every row, not only the newest: trigram GIN indexes (pg_trgm,
-- a trusted extension since PostgreSQL 13: the database owner may create it) on the free-text
-- columns search reads. pg_trgm splits words at anything but letters and digits, so the index is
-- on the text with the separators of addresses and names (. : - /) turned into 'q': `10.0.0.1`
-- stays one word (packages/api/src/search/contains.ts asks exactly this expression with ILIKE and
-- rechecks the column). Built from the rows already stored, kept in step by PostgreSQL itself.
-- Prisma's schema cannot state them for both engines: the drift test leaves indexes using
-- gin_trgm_ops out of its comparison (packages/db/src/fts.ts).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE INDEX "Alert_summary_trgm_idx" ON "Alert" USING gin (translate("summary", '.:-/', 'qqqq') gin_trgm_ops);
CREATE INDEX "Alert_labels_trgm_idx" ON "Alert" USING gin (translate("labels", '.:-/', 'qqqq') gin_trgm_ops);
CREATE INDEX "AuditEntry_target_trgm_idx" ON "AuditEntry" USING gin (translate("target", '.:-/', 'qqqq') gin_trgm_ops);
CREATE INDEX "AuditEntry_action_trgm_idx" ON "AuditEntry" USING gin (translate("action", '.:-/', 'qqqq') gin_trgm_ops);
CREATE INDEX "AuditEntry_actorName_trgm_idx" ON "AuditEntry" USING gin (translate("actorName", '.:-/', 'qqqq') gin_trgm_ops);
CREATE INDEX "BgpEvent_text_trgm_idx" ON "BgpEvent" USING gin (translate("text", '.:-/', 'qqqq') gin_trgm_ops);
CREATE INDEX "EppPollMessage_text_trgm_idx" ON "EppPollMessage" USING gin (translate("text", '.:-/', 'qqqq') gin_trgm_ops);
