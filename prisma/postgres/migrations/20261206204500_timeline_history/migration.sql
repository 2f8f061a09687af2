-- AlterTable
ALTER TABLE "DhcpPool" ADD COLUMN     "level" TEXT NOT NULL DEFAULT 'ok';

-- CreateTable
CREATE TABLE "DhcpPoolLevelChange" (
    "id" SERIAL NOT NULL,
    "poolId" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "level" TEXT NOT NULL,
    "previous" TEXT NOT NULL,
    "pct" DOUBLE PRECISION NOT NULL,
    "assigned" INTEGER NOT NULL,
    "size" INTEGER NOT NULL,
    "firstAddr" TEXT NOT NULL,
    "lastAddr" TEXT NOT NULL,
    "lowKey" TEXT NOT NULL,
    "highKey" TEXT NOT NULL,
    "subnet" TEXT NOT NULL,
    "source" TEXT NOT NULL,

    CONSTRAINT "DhcpPoolLevelChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RdapConsistencyState" (
    "connectionId" TEXT NOT NULL,
    "objectType" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "verdict" TEXT NOT NULL,
    "since" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RdapConsistencyState_pkey" PRIMARY KEY ("connectionId","objectType","name")
);

-- CreateTable
CREATE TABLE "RdapConsistencyChange" (
    "id" SERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "connectionId" TEXT NOT NULL,
    "objectType" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "verdict" TEXT NOT NULL,
    "previous" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "addresses" TEXT NOT NULL DEFAULT '[]',

    CONSTRAINT "RdapConsistencyChange_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "DhcpPoolLevelChange_at_idx" ON "DhcpPoolLevelChange"("at");

-- CreateIndex
CREATE INDEX "DhcpPoolLevelChange_lowKey_highKey_idx" ON "DhcpPoolLevelChange"("lowKey", "highKey");

-- CreateIndex
CREATE INDEX "RdapConsistencyChange_at_idx" ON "RdapConsistencyChange"("at");

-- CreateIndex
CREATE INDEX "RdapConsistencyChange_name_at_idx" ON "RdapConsistencyChange"("name", "at");

