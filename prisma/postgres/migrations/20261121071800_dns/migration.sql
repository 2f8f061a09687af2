-- CreateTable
CREATE TABLE "DnsZone" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "sourceKind" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "tsigName" TEXT,
    "tsigAlgorithm" TEXT,
    "tsigSecret" TEXT,
    "servers" TEXT NOT NULL DEFAULT '[]',
    "serversFromNs" BOOLEAN NOT NULL DEFAULT false,
    "nsServers" TEXT NOT NULL DEFAULT '[]',
    "intervalSeconds" INTEGER NOT NULL DEFAULT 3600,
    "mode" TEXT NOT NULL DEFAULT 'enforce',
    "expectZonemd" BOOLEAN NOT NULL DEFAULT true,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "lastCheckId" INTEGER,
    "lastGoodCheckId" INTEGER,
    "nextCheckAt" TIMESTAMP(3),
    "serverState" TEXT NOT NULL DEFAULT '[]',
    "serversCheckedAt" TIMESTAMP(3),

    CONSTRAINT "DnsZone_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DnsZoneCheck" (
    "id" SERIAL NOT NULL,
    "zoneId" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "durationMs" INTEGER NOT NULL,
    "trigger" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "accepted" BOOLEAN NOT NULL,
    "serial" BIGINT,
    "records" INTEGER NOT NULL DEFAULT 0,
    "bytes" INTEGER NOT NULL DEFAULT 0,
    "zonemd" TEXT NOT NULL DEFAULT '[]',
    "computedDigest" TEXT,
    "publishedDigest" TEXT,
    "hashAlgorithm" INTEGER,
    "errors" TEXT NOT NULL DEFAULT '[]',
    "timing" TEXT NOT NULL DEFAULT '{}',

    CONSTRAINT "DnsZoneCheck_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "DnsZone_name_key" ON "DnsZone"("name");

-- CreateIndex
CREATE INDEX "DnsZoneCheck_zoneId_startedAt_idx" ON "DnsZoneCheck"("zoneId", "startedAt");

-- AddForeignKey
ALTER TABLE "DnsZoneCheck" ADD CONSTRAINT "DnsZoneCheck_zoneId_fkey" FOREIGN KEY ("zoneId") REFERENCES "DnsZone"("id") ON DELETE CASCADE ON UPDATE CASCADE;

