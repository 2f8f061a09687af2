-- RdapConsistencyState rows go with their registry connection (ON DELETE CASCADE).
-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_RdapConsistencyState" (
    "connectionId" TEXT NOT NULL,
    "objectType" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "verdict" TEXT NOT NULL,
    "since" DATETIME NOT NULL,

    PRIMARY KEY ("connectionId", "objectType", "name"),
    CONSTRAINT "RdapConsistencyState_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "EppRegistryConnection" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
-- Verdicts left behind by connections deleted before this migration are dropped, not copied.
INSERT INTO "new_RdapConsistencyState" ("connectionId", "name", "objectType", "since", "verdict") SELECT "connectionId", "name", "objectType", "since", "verdict" FROM "RdapConsistencyState"
  WHERE "connectionId" IN (SELECT "id" FROM "EppRegistryConnection");
DROP TABLE "RdapConsistencyState";
ALTER TABLE "new_RdapConsistencyState" RENAME TO "RdapConsistencyState";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

