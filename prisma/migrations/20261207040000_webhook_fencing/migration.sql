-- AlterTable
ALTER TABLE "WebhookReceiver" ADD COLUMN "failures" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "WebhookReceiver" ADD COLUMN "holdUntil" DATETIME;

-- AlterTable
ALTER TABLE "WebhookDelivery" ADD COLUMN "claimToken" TEXT;
ALTER TABLE "WebhookDelivery" ADD COLUMN "claimedUntil" DATETIME;
ALTER TABLE "WebhookDelivery" ADD COLUMN "dedupKey" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "WebhookDelivery_dedupKey_key" ON "WebhookDelivery"("dedupKey");
