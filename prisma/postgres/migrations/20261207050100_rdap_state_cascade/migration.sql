-- RdapConsistencyState rows go with their registry connection (ON DELETE CASCADE).
-- Verdicts left behind by connections deleted before this migration are dropped first.
DELETE FROM "RdapConsistencyState" WHERE "connectionId" NOT IN (SELECT "id" FROM "EppRegistryConnection");

-- AddForeignKey
ALTER TABLE "RdapConsistencyState" ADD CONSTRAINT "RdapConsistencyState_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "EppRegistryConnection"("id") ON DELETE CASCADE ON UPDATE CASCADE;
