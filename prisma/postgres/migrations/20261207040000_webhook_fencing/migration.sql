-- AlterTable
ALTER TABLE "WebhookReceiver" ADD COLUMN     "failures" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "holdUntil" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "WebhookDelivery" ADD COLUMN     "claimToken" TEXT,
ADD COLUMN     "claimedUntil" TIMESTAMP(3),
ADD COLUMN     "dedupKey" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "WebhookDelivery_dedupKey_key" ON "WebhookDelivery"("dedupKey");

