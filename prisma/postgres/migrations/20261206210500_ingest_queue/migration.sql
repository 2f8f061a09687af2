-- CreateTable
CREATE TABLE "IngestBatch" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "receivedBy" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL,
    "claimToken" TEXT,
    "claimedBy" TEXT,
    "claimedUntil" TIMESTAMP(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "doneAt" TIMESTAMP(3),
    "doneBy" TEXT,
    "error" TEXT,

    CONSTRAINT "IngestBatch_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "IngestBatch_key_key" ON "IngestBatch"("key");

-- CreateIndex
CREATE INDEX "IngestBatch_doneAt_id_idx" ON "IngestBatch"("doneAt", "id");

