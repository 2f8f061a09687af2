-- CreateTable
CREATE TABLE "EppHostAddress" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "hostId" INTEGER NOT NULL,
    "address" TEXT NOT NULL,
    CONSTRAINT "EppHostAddress_hostId_fkey" FOREIGN KEY ("hostId") REFERENCES "EppHost" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "EppDomainNameServer" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "domainId" INTEGER NOT NULL,
    "host" TEXT NOT NULL,
    CONSTRAINT "EppDomainNameServer_domainId_fkey" FOREIGN KEY ("domainId") REFERENCES "EppDomain" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "EppHostAddress_address_idx" ON "EppHostAddress"("address");

-- CreateIndex
CREATE INDEX "EppHostAddress_hostId_idx" ON "EppHostAddress"("hostId");

-- CreateIndex
CREATE INDEX "EppDomainNameServer_host_idx" ON "EppDomainNameServer"("host");

-- CreateIndex
CREATE INDEX "EppDomainNameServer_domainId_idx" ON "EppDomainNameServer"("domainId");


-- Backfill: the hosts and domains already cached, one row per address / name server of their JSON.
INSERT INTO "EppHostAddress" ("hostId", "address")
SELECT h."id", lower(json_extract(a.value, '$.address'))
FROM "EppHost" h, json_each(h."addrs") a
WHERE json_valid(h."addrs") AND json_type(a.value, '$.address') = 'text';

INSERT INTO "EppDomainNameServer" ("domainId", "host")
SELECT d."id", lower(rtrim(n.value, '.'))
FROM "EppDomain" d, json_each(d."nameServers") n
WHERE json_valid(d."nameServers") AND n.type = 'text';
