-- CreateTable
CREATE TABLE "BgpEvent" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
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
    "format" TEXT,

    CONSTRAINT "BgpEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BgpUnparsedLine" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "firstSeen" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeen" TIMESTAMP(3) NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 1,
    "router" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "line" TEXT NOT NULL,
    "reason" TEXT NOT NULL,

    CONSTRAINT "BgpUnparsedLine_pkey" PRIMARY KEY ("id")
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

