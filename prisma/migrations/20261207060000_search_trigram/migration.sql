-- Partial ("contains") search over every row, not only the newest: FTS5 tables with the trigram
-- tokenizer (SQLite >= 3.34) over the free-text columns search reads. External content: the
-- text stays in its table only; the triggers keep the index in step with every writer.

CREATE VIRTUAL TABLE "AlertFts" USING fts5("summary", "labels", content='Alert', content_rowid='id', tokenize='trigram');
CREATE TRIGGER "Alert_fts_ai" AFTER INSERT ON "Alert" BEGIN
  INSERT INTO "AlertFts" (rowid, "summary", "labels") VALUES (new."id", new."summary", new."labels");
END;
CREATE TRIGGER "Alert_fts_ad" AFTER DELETE ON "Alert" BEGIN
  INSERT INTO "AlertFts" ("AlertFts", rowid, "summary", "labels") VALUES ('delete', old."id", old."summary", old."labels");
END;
CREATE TRIGGER "Alert_fts_au" AFTER UPDATE OF "summary", "labels" ON "Alert" BEGIN
  INSERT INTO "AlertFts" ("AlertFts", rowid, "summary", "labels") VALUES ('delete', old."id", old."summary", old."labels");
  INSERT INTO "AlertFts" (rowid, "summary", "labels") VALUES (new."id", new."summary", new."labels");
END;

CREATE VIRTUAL TABLE "AuditEntryFts" USING fts5("target", "action", "actorName", content='AuditEntry', content_rowid='id', tokenize='trigram');
CREATE TRIGGER "AuditEntry_fts_ai" AFTER INSERT ON "AuditEntry" BEGIN
  INSERT INTO "AuditEntryFts" (rowid, "target", "action", "actorName") VALUES (new."id", new."target", new."action", new."actorName");
END;
CREATE TRIGGER "AuditEntry_fts_ad" AFTER DELETE ON "AuditEntry" BEGIN
  INSERT INTO "AuditEntryFts" ("AuditEntryFts", rowid, "target", "action", "actorName") VALUES ('delete', old."id", old."target", old."action", old."actorName");
END;
CREATE TRIGGER "AuditEntry_fts_au" AFTER UPDATE OF "target", "action", "actorName" ON "AuditEntry" BEGIN
  INSERT INTO "AuditEntryFts" ("AuditEntryFts", rowid, "target", "action", "actorName") VALUES ('delete', old."id", old."target", old."action", old."actorName");
  INSERT INTO "AuditEntryFts" (rowid, "target", "action", "actorName") VALUES (new."id", new."target", new."action", new."actorName");
END;

CREATE VIRTUAL TABLE "BgpEventFts" USING fts5("text", content='BgpEvent', content_rowid='id', tokenize='trigram');
CREATE TRIGGER "BgpEvent_fts_ai" AFTER INSERT ON "BgpEvent" BEGIN
  INSERT INTO "BgpEventFts" (rowid, "text") VALUES (new."id", new."text");
END;
CREATE TRIGGER "BgpEvent_fts_ad" AFTER DELETE ON "BgpEvent" BEGIN
  INSERT INTO "BgpEventFts" ("BgpEventFts", rowid, "text") VALUES ('delete', old."id", old."text");
END;
CREATE TRIGGER "BgpEvent_fts_au" AFTER UPDATE OF "text" ON "BgpEvent" BEGIN
  INSERT INTO "BgpEventFts" ("BgpEventFts", rowid, "text") VALUES ('delete', old."id", old."text");
  INSERT INTO "BgpEventFts" (rowid, "text") VALUES (new."id", new."text");
END;

CREATE VIRTUAL TABLE "EppPollMessageFts" USING fts5("text", content='EppPollMessage', content_rowid='id', tokenize='trigram');
CREATE TRIGGER "EppPollMessage_fts_ai" AFTER INSERT ON "EppPollMessage" BEGIN
  INSERT INTO "EppPollMessageFts" (rowid, "text") VALUES (new."id", new."text");
END;
CREATE TRIGGER "EppPollMessage_fts_ad" AFTER DELETE ON "EppPollMessage" BEGIN
  INSERT INTO "EppPollMessageFts" ("EppPollMessageFts", rowid, "text") VALUES ('delete', old."id", old."text");
END;
CREATE TRIGGER "EppPollMessage_fts_au" AFTER UPDATE OF "text" ON "EppPollMessage" BEGIN
  INSERT INTO "EppPollMessageFts" ("EppPollMessageFts", rowid, "text") VALUES ('delete', old."id", old."text");
  INSERT INTO "EppPollMessageFts" (rowid, "text") VALUES (new."id", new."text");
END;

-- Backfill: index the rows already stored.
INSERT INTO "AlertFts" ("AlertFts") VALUES ('rebuild');
INSERT INTO "AuditEntryFts" ("AuditEntryFts") VALUES ('rebuild');
INSERT INTO "BgpEventFts" ("BgpEventFts") VALUES ('rebuild');
INSERT INTO "EppPollMessageFts" ("EppPollMessageFts") VALUES ('rebuild');
