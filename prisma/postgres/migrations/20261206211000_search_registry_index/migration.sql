-- CreateTable
CREATE TABLE "EppHostAddress" (
    "id" SERIAL NOT NULL,
    "hostId" INTEGER NOT NULL,
    "address" TEXT NOT NULL,

    CONSTRAINT "EppHostAddress_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EppDomainNameServer" (
    "id" SERIAL NOT NULL,
    "domainId" INTEGER NOT NULL,
    "host" TEXT NOT NULL,

    CONSTRAINT "EppDomainNameServer_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "EppHostAddress_address_idx" ON "EppHostAddress"("address");

-- CreateIndex
CREATE INDEX "EppHostAddress_hostId_idx" ON "EppHostAddress"("hostId");

-- CreateIndex
CREATE INDEX "EppDomainNameServer_host_idx" ON "EppDomainNameServer"("host");

-- CreateIndex
CREATE INDEX "EppDomainNameServer_domainId_idx" ON "EppDomainNameServer"("domainId");

-- AddForeignKey
ALTER TABLE "EppHostAddress" ADD CONSTRAINT "EppHostAddress_hostId_fkey" FOREIGN KEY ("hostId") REFERENCES "EppHost"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EppDomainNameServer" ADD CONSTRAINT "EppDomainNameServer_domainId_fkey" FOREIGN KEY ("domainId") REFERENCES "EppDomain"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Backfill: the hosts and domains already cached, one row per address / name server of their JSON.
INSERT INTO "EppHostAddress" ("hostId", "address")
SELECT h."id", lower(a->>'address')
FROM "EppHost" h, jsonb_array_elements(h."addrs"::jsonb) a
WHERE h."addrs" LIKE '[%' AND jsonb_typeof(a->'address') = 'string';

INSERT INTO "EppDomainNameServer" ("domainId", "host")
SELECT d."id", lower(rtrim(n #>> '{}', '.'))
FROM "EppDomain" d, jsonb_array_elements(d."nameServers"::jsonb) n
WHERE d."nameServers" LIKE '[%' AND jsonb_typeof(n) = 'string';
