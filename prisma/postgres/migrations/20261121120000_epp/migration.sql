-- CreateTable
CREATE TABLE "EppRegistryConnection" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "host" TEXT NOT NULL,
    "port" INTEGER NOT NULL,
    "servername" TEXT,
    "clientId" TEXT NOT NULL,
    "passwordSealed" TEXT NOT NULL,
    "clientCert" TEXT NOT NULL,
    "clientKeySealed" TEXT NOT NULL,
    "caCert" TEXT NOT NULL,
    "objURIs" TEXT NOT NULL DEFAULT '[]',
    "extURIs" TEXT NOT NULL DEFAULT '[]',
    "zones" TEXT NOT NULL DEFAULT '[]',
    "poolSize" INTEGER NOT NULL DEFAULT 2,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "lastGreeting" TEXT,
    "lastGreetingAt" TIMESTAMP(3),
    "sessionState" TEXT NOT NULL DEFAULT 'disconnected',
    "lastError" TEXT,
    "rttMs" TEXT NOT NULL DEFAULT '[]',
    "lastPollAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "EppRegistryConnection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EppHost" (
    "id" SERIAL NOT NULL,
    "connectionId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "roid" TEXT,
    "statuses" TEXT NOT NULL DEFAULT '[]',
    "addrs" TEXT NOT NULL DEFAULT '[]',
    "sponsor" TEXT NOT NULL,
    "crDate" TIMESTAMP(3),
    "upDate" TIMESTAMP(3),
    "gone" BOOLEAN NOT NULL DEFAULT false,
    "refreshedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "EppHost_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EppDomain" (
    "id" SERIAL NOT NULL,
    "connectionId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "roid" TEXT,
    "sponsor" TEXT NOT NULL,
    "nameServers" TEXT NOT NULL DEFAULT '[]',
    "subordinates" TEXT NOT NULL DEFAULT '[]',
    "statuses" TEXT NOT NULL DEFAULT '[]',
    "exDate" TIMESTAMP(3),
    "gone" BOOLEAN NOT NULL DEFAULT false,
    "refreshedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "EppDomain_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EppTransactionLog" (
    "id" SERIAL NOT NULL,
    "connectionId" TEXT NOT NULL,
    "command" TEXT NOT NULL,
    "object" TEXT,
    "clTRID" TEXT,
    "svTRID" TEXT,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "durationMs" INTEGER NOT NULL,
    "code" INTEGER,
    "message" TEXT,
    "requestXml" TEXT NOT NULL,
    "responseXml" TEXT,
    "error" TEXT,

    CONSTRAINT "EppTransactionLog_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EppPollMessage" (
    "id" SERIAL NOT NULL,
    "connectionId" TEXT NOT NULL,
    "msgId" TEXT NOT NULL,
    "qDate" TIMESTAMP(3),
    "text" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "object" TEXT,
    "data" TEXT NOT NULL DEFAULT 'null',
    "transferAway" BOOLEAN NOT NULL DEFAULT false,
    "receivedAt" TIMESTAMP(3) NOT NULL,
    "ackedAt" TIMESTAMP(3),
    "ackedBy" TEXT,

    CONSTRAINT "EppPollMessage_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "EppRegistryConnection_name_key" ON "EppRegistryConnection"("name");

-- CreateIndex
CREATE UNIQUE INDEX "EppHost_connectionId_name_key" ON "EppHost"("connectionId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "EppDomain_connectionId_name_key" ON "EppDomain"("connectionId", "name");

-- CreateIndex
CREATE INDEX "EppTransactionLog_connectionId_object_idx" ON "EppTransactionLog"("connectionId", "object");

-- CreateIndex
CREATE INDEX "EppTransactionLog_startedAt_idx" ON "EppTransactionLog"("startedAt");

-- CreateIndex
CREATE UNIQUE INDEX "EppPollMessage_connectionId_msgId_key" ON "EppPollMessage"("connectionId", "msgId");

-- AddForeignKey
ALTER TABLE "EppHost" ADD CONSTRAINT "EppHost_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "EppRegistryConnection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EppDomain" ADD CONSTRAINT "EppDomain_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "EppRegistryConnection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EppTransactionLog" ADD CONSTRAINT "EppTransactionLog_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "EppRegistryConnection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EppPollMessage" ADD CONSTRAINT "EppPollMessage_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "EppRegistryConnection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

