-- The BGP peer address as a sort key: a prefix's peers are one index range (search, entity pages).
-- AlterTable
ALTER TABLE "BgpEvent" ADD COLUMN     "peerAddressKey" TEXT;

-- Events stored before: marked "?" for the backfill job (BgpService.backfillPeerKeys), which
-- computes each key in code (the sort key is not SQL's to compute) and finds them by the index.
UPDATE "BgpEvent" SET "peerAddressKey" = '?' WHERE "peerAddress" IS NOT NULL;

-- CreateIndex
CREATE INDEX "BgpEvent_peerAddressKey_at_idx" ON "BgpEvent"("peerAddressKey", "at");

