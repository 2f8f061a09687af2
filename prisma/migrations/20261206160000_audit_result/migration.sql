-- AlterTable
ALTER TABLE "AuditEntry" ADD COLUMN "resultCode" INTEGER;
ALTER TABLE "AuditEntry" ADD COLUMN "resultText" TEXT;

