// Test and benchmark helpers (never imported by product code): throw-away PostgreSQL clusters
// and per-test databases on either engine.
export { PG_BIN, type PgCluster, pgAvailable, startPgCluster } from "./pg-cluster";
export {
  freshTestDatabase,
  TEST_PG_ENV,
  TEST_PG_TEMPLATE,
  type TestDatabase,
  testEngine,
} from "./test-database";
