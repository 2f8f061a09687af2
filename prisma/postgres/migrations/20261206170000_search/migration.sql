-- CreateTable
CREATE TABLE "DnsRecordTerm" (
    "id" SERIAL NOT NULL,
    "zoneId" TEXT NOT NULL,
    "checkId" INTEGER NOT NULL,
    "owner" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "addrKey" TEXT,
    "ttl" INTEGER NOT NULL,

    CONSTRAINT "DnsRecordTerm_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "DnsRecordTerm_owner_idx" ON "DnsRecordTerm"("owner");

-- CreateIndex
CREATE INDEX "DnsRecordTerm_value_idx" ON "DnsRecordTerm"("value");

-- CreateIndex
CREATE INDEX "DnsRecordTerm_addrKey_idx" ON "DnsRecordTerm"("addrKey");

-- CreateIndex
CREATE INDEX "DnsRecordTerm_zoneId_idx" ON "DnsRecordTerm"("zoneId");

-- CreateIndex
CREATE INDEX "BgpEvent_peerAddress_at_idx" ON "BgpEvent"("peerAddress", "at");

-- CreateIndex
CREATE INDEX "BgpEvent_peerAs_at_idx" ON "BgpEvent"("peerAs", "at");

-- CreateIndex
CREATE INDEX "BgpEvent_peerName_at_idx" ON "BgpEvent"("peerName", "at");

-- CreateIndex
CREATE INDEX "DhcpLeaseEvent_at_idx" ON "DhcpLeaseEvent"("at");

-- CreateIndex
CREATE INDEX "DnsZoneCheck_startedAt_idx" ON "DnsZoneCheck"("startedAt");

-- CreateIndex
CREATE INDEX "EppHost_name_idx" ON "EppHost"("name");

-- CreateIndex
CREATE INDEX "EppDomain_name_idx" ON "EppDomain"("name");

-- CreateIndex
CREATE INDEX "EppTransactionLog_object_startedAt_idx" ON "EppTransactionLog"("object", "startedAt");

-- CreateIndex
CREATE INDEX "EppPollMessage_receivedAt_idx" ON "EppPollMessage"("receivedAt");

-- CreateIndex
CREATE INDEX "EppPollMessage_object_idx" ON "EppPollMessage"("object");

