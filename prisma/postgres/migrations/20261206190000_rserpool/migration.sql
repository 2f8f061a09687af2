-- CreateTable
CREATE TABLE "RserpoolRegistrar" (
    "serverId" TEXT NOT NULL,
    "addresses" TEXT NOT NULL,
    "firstSeen" TIMESTAMP(3) NOT NULL,
    "lastPresence" TIMESTAMP(3),
    "lastAnnounce" TIMESTAMP(3),
    "checksum" INTEGER,
    "disagreeSince" TIMESTAMP(3),
    "status" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "takenOverBy" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RserpoolRegistrar_pkey" PRIMARY KEY ("serverId")
);

-- CreateTable
CREATE TABLE "RserpoolPoolElement" (
    "id" SERIAL NOT NULL,
    "poolHandle" TEXT NOT NULL,
    "pool" TEXT NOT NULL,
    "peId" TEXT NOT NULL,
    "policy" TEXT,
    "policyJson" TEXT,
    "home" TEXT NOT NULL,
    "address" TEXT,
    "transports" TEXT NOT NULL,
    "load" DOUBLE PRECISION,
    "registrationLifeMs" INTEGER NOT NULL,
    "registeredAt" TIMESTAMP(3) NOT NULL,
    "lastSeen" TIMESTAMP(3) NOT NULL,
    "state" TEXT NOT NULL,
    "unreachableReports" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "RserpoolPoolElement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RserpoolEvent" (
    "id" SERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "kind" TEXT NOT NULL,
    "pool" TEXT,
    "peId" TEXT,
    "registrar" TEXT,
    "by" TEXT,
    "detail" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "captureId" INTEGER,
    "frame" INTEGER,

    CONSTRAINT "RserpoolEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RserpoolComponent" (
    "senderId" TEXT NOT NULL,
    "group" INTEGER NOT NULL,
    "groupName" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "location" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "workload" DOUBLE PRECISION,
    "uptimeMs" DOUBLE PRECISION NOT NULL,
    "reportIntervalMs" INTEGER NOT NULL,
    "associations" TEXT NOT NULL,
    "lastReport" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RserpoolComponent_pkey" PRIMARY KEY ("senderId")
);

-- CreateTable
CREATE TABLE "RserpoolCapture" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "importedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "bytes" INTEGER NOT NULL,
    "frames" INTEGER NOT NULL,
    "messages" INTEGER NOT NULL,
    "csp" INTEGER NOT NULL,
    "errors" INTEGER NOT NULL,
    "report" TEXT NOT NULL,

    CONSTRAINT "RserpoolCapture_pkey" PRIMARY KEY ("id")
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

