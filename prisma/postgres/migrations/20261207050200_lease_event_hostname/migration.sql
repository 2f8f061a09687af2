-- A lease event's lower-cased hostname, indexed with its time: a host name's lease changes
-- (the name's entity page and timeline) by index, as addresses and MACs already are.
-- AlterTable
ALTER TABLE "DhcpLeaseEvent" ADD COLUMN     "hostnameKey" TEXT;

-- Existing events get theirs (DHCP hostnames are ASCII; lower() folds ASCII as the writer does).
UPDATE "DhcpLeaseEvent" SET "hostnameKey" = lower("hostname") WHERE "hostname" IS NOT NULL;

-- CreateIndex
CREATE INDEX "DhcpLeaseEvent_hostnameKey_at_idx" ON "DhcpLeaseEvent"("hostnameKey", "at");
