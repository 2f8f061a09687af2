-- AlterTable
ALTER TABLE "AuditEntry" ADD COLUMN     "resultCode" INTEGER,
ADD COLUMN     "resultText" TEXT;

