-- CreateTable
CREATE TABLE "BgpEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "key" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    "receivedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "router" TEXT NOT NULL,
    "session" TEXT NOT NULL,
    "peerAddress" TEXT,
    "peerAs" INTEGER,
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
);

-- CreateTable
CREATE TABLE "BgpUnparsedLine" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "key" TEXT NOT NULL,
    "firstSeen" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeen" DATETIME NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 1,
    "router" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "line" TEXT NOT NULL,
    "reason" TEXT NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "BgpEvent_key_key" ON "BgpEvent"("key");

-- CreateIndex
CREATE INDEX "BgpEvent_at_id_idx" ON "BgpEvent"("at", "id");

-- CreateIndex
CREATE INDEX "BgpEvent_session_at_idx" ON "BgpEvent"("session", "at");

-- CreateIndex
CREATE UNIQUE INDEX "BgpUnparsedLine_key_key" ON "BgpUnparsedLine"("key");

-- CreateIndex
CREATE INDEX "BgpUnparsedLine_lastSeen_idx" ON "BgpUnparsedLine"("lastSeen");

