-- CreateTable
CREATE TABLE "RserpoolRegistrar" (
    "serverId" TEXT NOT NULL PRIMARY KEY,
    "addresses" TEXT NOT NULL,
    "firstSeen" DATETIME NOT NULL,
    "lastPresence" DATETIME,
    "lastAnnounce" DATETIME,
    "checksum" INTEGER,
    "disagreeSince" DATETIME,
    "status" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "takenOverBy" TEXT,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "RserpoolPoolElement" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "poolHandle" TEXT NOT NULL,
    "pool" TEXT NOT NULL,
    "peId" TEXT NOT NULL,
    "policy" TEXT,
    "policyJson" TEXT,
    "home" TEXT NOT NULL,
    "address" TEXT,
    "transports" TEXT NOT NULL,
    "load" REAL,
    "registrationLifeMs" INTEGER NOT NULL,
    "registeredAt" DATETIME NOT NULL,
    "lastSeen" DATETIME NOT NULL,
    "state" TEXT NOT NULL,
    "unreachableReports" INTEGER NOT NULL DEFAULT 0
);

-- CreateTable
CREATE TABLE "RserpoolEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "at" DATETIME NOT NULL,
    "receivedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "kind" TEXT NOT NULL,
    "pool" TEXT,
    "peId" TEXT,
    "registrar" TEXT,
    "by" TEXT,
    "detail" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "captureId" INTEGER,
    "frame" INTEGER
);

-- CreateTable
CREATE TABLE "RserpoolComponent" (
    "senderId" TEXT NOT NULL PRIMARY KEY,
    "group" INTEGER NOT NULL,
    "groupName" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "location" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "workload" REAL,
    "uptimeMs" REAL NOT NULL,
    "reportIntervalMs" INTEGER NOT NULL,
    "associations" TEXT NOT NULL,
    "lastReport" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "RserpoolCapture" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "importedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "bytes" INTEGER NOT NULL,
    "frames" INTEGER NOT NULL,
    "messages" INTEGER NOT NULL,
    "csp" INTEGER NOT NULL,
    "errors" INTEGER NOT NULL,
    "report" TEXT NOT NULL
);

-- CreateIndex
CREATE INDEX "RserpoolPoolElement_pool_idx" ON "RserpoolPoolElement"("pool");

-- CreateIndex
CREATE UNIQUE INDEX "RserpoolPoolElement_poolHandle_peId_key" ON "RserpoolPoolElement"("poolHandle", "peId");

-- CreateIndex
CREATE INDEX "RserpoolEvent_at_id_idx" ON "RserpoolEvent"("at", "id");

-- CreateIndex
CREATE INDEX "RserpoolEvent_peId_at_idx" ON "RserpoolEvent"("peId", "at");

-- CreateIndex
CREATE INDEX "RserpoolEvent_kind_receivedAt_idx" ON "RserpoolEvent"("kind", "receivedAt");

