-- DhcpLease.iaid: an IAID is 32-bit unsigned (RFC 8415), so BIGINT (SQLite stored it already; the
-- declared type changes with the schema, which on SQLite means rebuilding the table).
-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
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
    "subnetId" INTEGER,
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

