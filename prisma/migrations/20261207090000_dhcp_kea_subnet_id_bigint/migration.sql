-- Kea subnet ids are 32-bit unsigned (1 … 4294967294): DhcpSubnet.keaId, DhcpReservation.keaSubnetId
-- and DhcpLease.subnetId become BIGINT (SQLite stored them already; the declared type changes with
-- the schema, which on SQLite means rebuilding the tables).
-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_DhcpSubnet" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "sourceId" INTEGER NOT NULL,
    "keaId" BIGINT,
    "cidr" TEXT NOT NULL,
    "lowKey" TEXT NOT NULL,
    "highKey" TEXT NOT NULL,
    "sharedNetwork" TEXT,
    "origin" TEXT NOT NULL DEFAULT 'console',
    CONSTRAINT "DhcpSubnet_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "DhcpSource" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_DhcpSubnet" ("cidr", "highKey", "id", "keaId", "lowKey", "origin", "sharedNetwork", "sourceId") SELECT "cidr", "highKey", "id", "keaId", "lowKey", "origin", "sharedNetwork", "sourceId" FROM "DhcpSubnet";
DROP TABLE "DhcpSubnet";
ALTER TABLE "new_DhcpSubnet" RENAME TO "DhcpSubnet";
CREATE UNIQUE INDEX "DhcpSubnet_sourceId_cidr_key" ON "DhcpSubnet"("sourceId", "cidr");
CREATE TABLE "new_DhcpReservation" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "sourceId" INTEGER NOT NULL,
    "keaSubnetId" BIGINT,
    "address" TEXT NOT NULL,
    "addressKey" TEXT NOT NULL,
    "hwAddress" TEXT,
    "clientId" TEXT,
    "hostname" TEXT
);
INSERT INTO "new_DhcpReservation" ("address", "addressKey", "clientId", "hostname", "hwAddress", "id", "keaSubnetId", "sourceId") SELECT "address", "addressKey", "clientId", "hostname", "hwAddress", "id", "keaSubnetId", "sourceId" FROM "DhcpReservation";
DROP TABLE "DhcpReservation";
ALTER TABLE "new_DhcpReservation" RENAME TO "DhcpReservation";
CREATE INDEX "DhcpReservation_sourceId_addressKey_idx" ON "DhcpReservation"("sourceId", "addressKey");
CREATE TABLE "new_DhcpLease" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "sourceId" INTEGER NOT NULL,
    "addressKey" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "family" INTEGER NOT NULL,
    "prefixLength" INTEGER NOT NULL,
    "leaseType" TEXT NOT NULL,
    "hwAddress" TEXT,
    "clientId" TEXT,
    "iaid" BIGINT,
    "hostname" TEXT,
    "hostnameKey" TEXT,
    "state" TEXT NOT NULL,
    "starts" INTEGER,
    "ends" INTEGER,
    "cltt" INTEGER,
    "subnetId" BIGINT,
    "line" INTEGER NOT NULL,
    "gen" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" INTEGER NOT NULL
);
INSERT INTO "new_DhcpLease" ("address", "addressKey", "clientId", "cltt", "ends", "family", "gen", "hostname", "hostnameKey", "hwAddress", "iaid", "id", "leaseType", "line", "prefixLength", "sourceId", "starts", "state", "subnetId", "updatedAt") SELECT "address", "addressKey", "clientId", "cltt", "ends", "family", "gen", "hostname", "hostnameKey", "hwAddress", "iaid", "id", "leaseType", "line", "prefixLength", "sourceId", "starts", "state", "subnetId", "updatedAt" FROM "DhcpLease";
DROP TABLE "DhcpLease";
ALTER TABLE "new_DhcpLease" RENAME TO "DhcpLease";
CREATE INDEX "DhcpLease_addressKey_id_idx" ON "DhcpLease"("addressKey", "id");
CREATE INDEX "DhcpLease_state_addressKey_id_idx" ON "DhcpLease"("state", "addressKey", "id");
CREATE INDEX "DhcpLease_hwAddress_addressKey_idx" ON "DhcpLease"("hwAddress", "addressKey");
CREATE INDEX "DhcpLease_clientId_addressKey_idx" ON "DhcpLease"("clientId", "addressKey");
CREATE INDEX "DhcpLease_hostnameKey_addressKey_idx" ON "DhcpLease"("hostnameKey", "addressKey");
CREATE UNIQUE INDEX "DhcpLease_sourceId_addressKey_prefixLength_key" ON "DhcpLease"("sourceId", "addressKey", "prefixLength");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
