-- CreateTable
CREATE TABLE "DhcpSource" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "location" TEXT NOT NULL,
    "service" TEXT,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "lab" BOOLEAN NOT NULL DEFAULT false,
    "staleAfterSeconds" INTEGER NOT NULL DEFAULT 900,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastPollAt" TIMESTAMP(3),
    "lastOkAt" TIMESTAMP(3),
    "lastChangeAt" TIMESTAMP(3),
    "lastError" TEXT,
    "lastErrorAt" TIMESTAMP(3),
    "parseErrors" TEXT NOT NULL DEFAULT '[]',
    "parseErrorCount" INTEGER NOT NULL DEFAULT 0,
    "fileId" TEXT,
    "fileOffset" INTEGER NOT NULL DEFAULT 0,
    "stats" TEXT,

    CONSTRAINT "DhcpSource_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DhcpSubnet" (
    "id" SERIAL NOT NULL,
    "sourceId" INTEGER NOT NULL,
    "keaId" INTEGER,
    "cidr" TEXT NOT NULL,
    "lowKey" TEXT NOT NULL,
    "highKey" TEXT NOT NULL,
    "sharedNetwork" TEXT,
    "origin" TEXT NOT NULL DEFAULT 'console',

    CONSTRAINT "DhcpSubnet_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DhcpPool" (
    "id" SERIAL NOT NULL,
    "subnetId" INTEGER NOT NULL,
    "firstAddr" TEXT NOT NULL,
    "lastAddr" TEXT NOT NULL,
    "lowKey" TEXT NOT NULL,
    "highKey" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "warnPct" INTEGER,
    "critPct" INTEGER,

    CONSTRAINT "DhcpPool_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DhcpReservation" (
    "id" SERIAL NOT NULL,
    "sourceId" INTEGER NOT NULL,
    "keaSubnetId" INTEGER,
    "address" TEXT NOT NULL,
    "addressKey" TEXT NOT NULL,
    "hwAddress" TEXT,
    "clientId" TEXT,
    "hostname" TEXT,

    CONSTRAINT "DhcpReservation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DhcpLease" (
    "id" SERIAL NOT NULL,
    "sourceId" INTEGER NOT NULL,
    "addressKey" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "family" INTEGER NOT NULL,
    "prefixLength" INTEGER NOT NULL,
    "leaseType" TEXT NOT NULL,
    "hwAddress" TEXT,
    "clientId" TEXT,
    "hostname" TEXT,
    "hostnameKey" TEXT,
    "state" TEXT NOT NULL,
    "starts" INTEGER,
    "ends" INTEGER,
    "cltt" INTEGER,
    "subnetId" INTEGER,
    "line" INTEGER NOT NULL,
    "gen" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" INTEGER NOT NULL,

    CONSTRAINT "DhcpLease_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DhcpLeaseEvent" (
    "id" SERIAL NOT NULL,
    "sourceId" INTEGER NOT NULL,
    "addressKey" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "hwAddress" TEXT,
    "clientId" TEXT,
    "hostname" TEXT,
    "state" TEXT NOT NULL,
    "ends" INTEGER,
    "kind" TEXT NOT NULL,
    "at" INTEGER NOT NULL,

    CONSTRAINT "DhcpLeaseEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DhcpUtilSample" (
    "id" SERIAL NOT NULL,
    "poolId" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "assigned" INTEGER NOT NULL,
    "declined" INTEGER NOT NULL,
    "total" INTEGER NOT NULL,

    CONSTRAINT "DhcpUtilSample_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "DhcpSource_name_key" ON "DhcpSource"("name");

-- CreateIndex
CREATE UNIQUE INDEX "DhcpSubnet_sourceId_cidr_key" ON "DhcpSubnet"("sourceId", "cidr");

-- CreateIndex
CREATE UNIQUE INDEX "DhcpPool_subnetId_lowKey_highKey_key" ON "DhcpPool"("subnetId", "lowKey", "highKey");

-- CreateIndex
CREATE INDEX "DhcpReservation_sourceId_addressKey_idx" ON "DhcpReservation"("sourceId", "addressKey");

-- CreateIndex
CREATE INDEX "DhcpLease_addressKey_id_idx" ON "DhcpLease"("addressKey", "id");

-- CreateIndex
CREATE INDEX "DhcpLease_state_addressKey_id_idx" ON "DhcpLease"("state", "addressKey", "id");

-- CreateIndex
CREATE INDEX "DhcpLease_hwAddress_addressKey_idx" ON "DhcpLease"("hwAddress", "addressKey");

-- CreateIndex
CREATE INDEX "DhcpLease_clientId_addressKey_idx" ON "DhcpLease"("clientId", "addressKey");

-- CreateIndex
CREATE INDEX "DhcpLease_hostnameKey_addressKey_idx" ON "DhcpLease"("hostnameKey", "addressKey");

-- CreateIndex
CREATE UNIQUE INDEX "DhcpLease_sourceId_addressKey_prefixLength_key" ON "DhcpLease"("sourceId", "addressKey", "prefixLength");

-- CreateIndex
CREATE INDEX "DhcpLeaseEvent_addressKey_at_idx" ON "DhcpLeaseEvent"("addressKey", "at");

-- CreateIndex
CREATE INDEX "DhcpLeaseEvent_hwAddress_at_idx" ON "DhcpLeaseEvent"("hwAddress", "at");

-- CreateIndex
CREATE INDEX "DhcpLeaseEvent_clientId_at_idx" ON "DhcpLeaseEvent"("clientId", "at");

-- CreateIndex
CREATE INDEX "DhcpUtilSample_poolId_at_idx" ON "DhcpUtilSample"("poolId", "at");

-- AddForeignKey
ALTER TABLE "DhcpSubnet" ADD CONSTRAINT "DhcpSubnet_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "DhcpSource"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DhcpPool" ADD CONSTRAINT "DhcpPool_subnetId_fkey" FOREIGN KEY ("subnetId") REFERENCES "DhcpSubnet"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DhcpUtilSample" ADD CONSTRAINT "DhcpUtilSample_poolId_fkey" FOREIGN KEY ("poolId") REFERENCES "DhcpPool"("id") ON DELETE CASCADE ON UPDATE CASCADE;

