-- CreateTable
CREATE TABLE "IngestBatch" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "key" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "receivedBy" TEXT NOT NULL,
    "receivedAt" DATETIME NOT NULL,
    "claimToken" TEXT,
    "claimedBy" TEXT,
    "claimedUntil" DATETIME,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "doneAt" DATETIME,
    "doneBy" TEXT,
    "error" TEXT
);

-- CreateIndex
CREATE UNIQUE INDEX "IngestBatch_key_key" ON "IngestBatch"("key");

-- CreateIndex
CREATE INDEX "IngestBatch_doneAt_id_idx" ON "IngestBatch"("doneAt", "id");

