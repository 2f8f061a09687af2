// bench-scale.mjs's TypeScript imports in one module graph: tsImport gives each call its own copy
// of the modules, and the database client must be the copy the services know (dbEngine).
export { applyMigrations, createDb, migrateDatabase } from "../packages/db/src/index.ts";
export { PG_BIN, startPgCluster } from "../packages/db/src/testing/index.ts";
export { createServices } from "../packages/api/src/services/index.ts";
export { LEASE_COLUMNS, LeaseWriter, leaseRow } from "../packages/api/src/features/dhcp/ingest.ts";
export { openSql, sqlOnPostgres, stepRun } from "../packages/api/src/sql.ts";
export { EVENT_COLUMNS, eventKey, insertParams } from "../packages/api/src/features/bgp/event-rows.ts";
