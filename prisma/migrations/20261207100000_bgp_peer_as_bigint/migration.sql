-- BgpEvent.peerAs becomes BIGINT: 4-byte AS numbers reach 4294967295 (RFC 6793; the RFC 6996 private
-- range 4200000000 … 4294967294 is common at IXPs) and PostgreSQL's INTEGER stops at 2^31 - 1.
-- SQLite stored such values already; its declared type changes with the schema, which means
-- rebuilding the table. The rebuild keeps every id (BgpEventFts indexes each row under its negated
-- id, so the FTS5 table stays valid as it is), keeps the AUTOINCREMENT high-water mark (ids of
-- deleted newest events are not handed out again), and recreates every index and trigger exactly as
-- 20261121100000_bgp, 20261206170000_search, 20261207050400_bgp_peer_key and
-- 20261207060000_search_trigram define them: DROP TABLE drops them with the table. The table text
-- is the one SQLite held (peerAddressKey last, as its ALTER TABLE … ADD COLUMN left it).
-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_BgpEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "key" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    "receivedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "router" TEXT NOT NULL,
    "session" TEXT NOT NULL,
    "peerAddress" TEXT,
    "peerAs" BIGINT,
    "peerName" TEXT,
    "kind" TEXT NOT NULL,
    "direction" TEXT NOT NULL,
    "code" INTEGER,
    "subcode" INTEGER,
    "codeName" TEXT,
    "subcodeName" TEXT,
    "text" TEXT,
    "textBytes" INTEGER,
    "status" TEXT,
    "findings" TEXT NOT NULL,
    "rawHex" TEXT,
    "rawLine" TEXT,
    "reason" TEXT,
    "source" TEXT NOT NULL,
    "tickets" TEXT NOT NULL,
    "format" TEXT
, "peerAddressKey" TEXT);
INSERT INTO "new_BgpEvent" ("id", "key", "at", "receivedAt", "router", "session", "peerAddress", "peerAs", "peerName", "kind", "direction", "code", "subcode", "codeName", "subcodeName", "text", "textBytes", "status", "findings", "rawHex", "rawLine", "reason", "source", "tickets", "format", "peerAddressKey") SELECT "id", "key", "at", "receivedAt", "router", "session", "peerAddress", "peerAs", "peerName", "kind", "direction", "code", "subcode", "codeName", "subcodeName", "text", "textBytes", "status", "findings", "rawHex", "rawLine", "reason", "source", "tickets", "format", "peerAddressKey" FROM "BgpEvent";
-- sqlite_sequence: the rows' largest id is what the copy left; the old table's mark may be higher.
UPDATE "sqlite_sequence" SET "seq" = (SELECT "seq" FROM "sqlite_sequence" WHERE "name" = 'BgpEvent')
  WHERE "name" = 'new_BgpEvent' AND "seq" < (SELECT "seq" FROM "sqlite_sequence" WHERE "name" = 'BgpEvent');
INSERT INTO "sqlite_sequence" ("name", "seq") SELECT 'new_BgpEvent', "seq" FROM "sqlite_sequence"
  WHERE "name" = 'BgpEvent' AND NOT EXISTS (SELECT 1 FROM "sqlite_sequence" WHERE "name" = 'new_BgpEvent');
DROP TABLE "BgpEvent";
ALTER TABLE "new_BgpEvent" RENAME TO "BgpEvent";
CREATE UNIQUE INDEX "BgpEvent_key_key" ON "BgpEvent"("key");
CREATE INDEX "BgpEvent_at_id_idx" ON "BgpEvent"("at", "id");
CREATE INDEX "BgpEvent_session_at_idx" ON "BgpEvent"("session", "at");
CREATE INDEX "BgpEvent_peerAddress_at_idx" ON "BgpEvent"("peerAddress", "at");
CREATE INDEX "BgpEvent_peerAs_at_idx" ON "BgpEvent"("peerAs", "at");
CREATE INDEX "BgpEvent_peerName_at_idx" ON "BgpEvent"("peerName", "at");
CREATE INDEX "BgpEvent_peerAddressKey_at_idx" ON "BgpEvent"("peerAddressKey", "at");
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
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
