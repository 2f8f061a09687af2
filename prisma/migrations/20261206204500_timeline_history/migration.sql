-- CreateTable
CREATE TABLE "DhcpPoolLevelChange" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "poolId" INTEGER NOT NULL,
    "at" DATETIME NOT NULL,
    "level" TEXT NOT NULL,
    "previous" TEXT NOT NULL,
    "pct" REAL NOT NULL,
    "assigned" INTEGER NOT NULL,
    "size" INTEGER NOT NULL,
    "firstAddr" TEXT NOT NULL,
    "lastAddr" TEXT NOT NULL,
    "lowKey" TEXT NOT NULL,
    "highKey" TEXT NOT NULL,
    "subnet" TEXT NOT NULL,
    "source" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "RdapConsistencyState" (
    "connectionId" TEXT NOT NULL,
    "objectType" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "verdict" TEXT NOT NULL,
    "since" DATETIME NOT NULL,

    PRIMARY KEY ("connectionId", "objectType", "name")
);

-- CreateTable
CREATE TABLE "RdapConsistencyChange" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "at" DATETIME NOT NULL,
    "connectionId" TEXT NOT NULL,
    "objectType" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "verdict" TEXT NOT NULL,
    "previous" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "addresses" TEXT NOT NULL DEFAULT '[]'
);

-- AlterTable
ALTER TABLE "DhcpPool" ADD COLUMN "level" TEXT NOT NULL DEFAULT 'ok';

-- CreateIndex
CREATE INDEX "DhcpPoolLevelChange_at_idx" ON "DhcpPoolLevelChange"("at");

-- CreateIndex
CREATE INDEX "DhcpPoolLevelChange_lowKey_highKey_idx" ON "DhcpPoolLevelChange"("lowKey", "highKey");

-- CreateIndex
CREATE INDEX "RdapConsistencyChange_at_idx" ON "RdapConsistencyChange"("at");

-- CreateIndex
CREATE INDEX "RdapConsistencyChange_name_at_idx" ON "RdapConsistencyChange"("name", "at");

