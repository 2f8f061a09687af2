-- CreateTable
CREATE TABLE "Replica" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "host" TEXT NOT NULL,
    "pid" INTEGER NOT NULL,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "heartbeatAt" DATETIME NOT NULL,
    "owned" TEXT NOT NULL DEFAULT '[]'
);

-- CreateTable
CREATE TABLE "WorkLease" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "owner" TEXT NOT NULL,
    "epoch" INTEGER NOT NULL DEFAULT 1,
    "acquiredAt" DATETIME NOT NULL,
    "renewedAt" DATETIME NOT NULL,
    "expiresAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "WorkLease_owner_idx" ON "WorkLease"("owner");

