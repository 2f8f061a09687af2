-- AlterTable
ALTER TABLE "DhcpLease" ADD COLUMN     "iaid" INTEGER;

