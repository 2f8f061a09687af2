-- Partial ("contains") search over every row, not only the newest: FTS5 tables with the trigram
-- tokenizer (SQLite >= 3.34; contentless_delete >= 3.43, better-sqlite3 bundles 3.49) over the
-- free-text columns search reads. Contentless: the text stays in its table only. Each row is
-- indexed under the NEGATED id of its row, so the index's ascending order is newest first: FTS5
-- walks a doclist forwards page by page and stops at the LIMIT, while a descending walk loads whole
-- doclists first (measured on 100,000 BGP events: 1 ms against 13-41 ms for a phrase of common
-- trigrams). The triggers keep the index in step with every writer.

CREATE VIRTUAL TABLE "AlertFts" USING fts5("summary", "labels", content='', contentless_delete=1, tokenize='trigram');
CREATE TRIGGER "Alert_fts_ai" AFTER INSERT ON "Alert" BEGIN
  INSERT INTO "AlertFts" (rowid, "summary", "labels") VALUES (-new."id", new."summary", new."labels");
END;
CREATE TRIGGER "Alert_fts_ad" AFTER DELETE ON "Alert" BEGIN
  DELETE FROM "AlertFts" WHERE rowid = -old."id";
END;
CREATE TRIGGER "Alert_fts_au" AFTER UPDATE OF "summary", "labels" ON "Alert" BEGIN
  DELETE FROM "AlertFts" WHERE rowid = -old."id";
  INSERT INTO "AlertFts" (rowid, "summary", "labels") VALUES (-new."id", new."summary", new."labels");
END;

CREATE VIRTUAL TABLE "AuditEntryFts" USING fts5("target", "action", "actorName", content='', contentless_delete=1, tokenize='trigram');
CREATE TRIGGER "AuditEntry_fts_ai" AFTER INSERT ON "AuditEntry" BEGIN
  INSERT INTO "AuditEntryFts" (rowid, "target", "action", "actorName") VALUES (-new."id", new."target", new."action", new."actorName");
END;
CREATE TRIGGER "AuditEntry_fts_ad" AFTER DELETE ON "AuditEntry" BEGIN
  DELETE FROM "AuditEntryFts" WHERE rowid = -old."id";
END;
CREATE TRIGGER "AuditEntry_fts_au" AFTER UPDATE OF "target", "action", "actorName" ON "AuditEntry" BEGIN
  DELETE FROM "AuditEntryFts" WHERE rowid = -old."id";
  INSERT INTO "AuditEntryFts" (rowid, "target", "action", "actorName") VALUES (-new."id", new."target", new."action", new."actorName");
END;

CREATE VIRTUAL TABLE "BgpEventFts" USING fts5("text", content='', contentless_delete=1, tokenize='trigram');
CREATE TRIGGER "BgpEvent_fts_ai" AFTER INSERT ON "BgpEvent" BEGIN
  INSERT INTO "BgpEventFts" (rowid, "text") VALUES (-new."id", new."text");
END;
CREATE TRIGGER "BgpEvent_fts_ad" AFTER DELETE ON "BgpEvent" BEGIN
  DELETE FROM "BgpEventFts" WHERE rowid = -old."id";
END;
CREATE TRIGGER "BgpEvent_fts_au" AFTER UPDATE OF "text" ON "BgpEvent" BEGIN
  DELETE FROM "BgpEventFts" WHERE rowid = -old."id";
  INSERT INTO "BgpEventFts" (rowid, "text") VALUES (-new."id", new."text");
END;

CREATE VIRTUAL TABLE "EppPollMessageFts" USING fts5("text", content='', contentless_delete=1, tokenize='trigram');
CREATE TRIGGER "EppPollMessage_fts_ai" AFTER INSERT ON "EppPollMessage" BEGIN
  INSERT INTO "EppPollMessageFts" (rowid, "text") VALUES (-new."id", new."text");
END;
CREATE TRIGGER "EppPollMessage_fts_ad" AFTER DELETE ON "EppPollMessage" BEGIN
  DELETE FROM "EppPollMessageFts" WHERE rowid = -old."id";
END;
CREATE TRIGGER "EppPollMessage_fts_au" AFTER UPDATE OF "text" ON "EppPollMessage" BEGIN
  DELETE FROM "EppPollMessageFts" WHERE rowid = -old."id";
  INSERT INTO "EppPollMessageFts" (rowid, "text") VALUES (-new."id", new."text");
END;

-- Backfill: index the rows already stored.
INSERT INTO "AlertFts" (rowid, "summary", "labels") SELECT -"id", "summary", "labels" FROM "Alert";
INSERT INTO "AuditEntryFts" (rowid, "target", "action", "actorName") SELECT -"id", "target", "action", "actorName" FROM "AuditEntry";
INSERT INTO "BgpEventFts" (rowid, "text") SELECT -"id", "text" FROM "BgpEvent";
INSERT INTO "EppPollMessageFts" (rowid, "text") SELECT -"id", "text" FROM "EppPollMessage";
