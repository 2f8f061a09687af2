-- AlterTable
ALTER TABLE "DhcpSubnet" ALTER COLUMN "keaId" SET DATA TYPE BIGINT;

-- AlterTable
ALTER TABLE "DhcpReservation" ALTER COLUMN "keaSubnetId" SET DATA TYPE BIGINT;

-- AlterTable
ALTER TABLE "DhcpLease" ALTER COLUMN "subnetId" SET DATA TYPE BIGINT;

