/**
 * vitest globalSetup for NETOPS_TEST_DB=postgres: one throw-away PostgreSQL 15 cluster for the
 * run, a template database migrated once, its URL handed to the workers in NETOPS_TEST_PG_URL.
 * Does nothing on SQLite.
 */
import { applyPgMigrations } from "../migrate-pg";
import { startPgCluster } from "./pg-cluster";
import { TEST_PG_ENV, TEST_PG_TEMPLATE, testEngine } from "./test-database";

export default async function setup(): Promise<(() => void) | undefined> {
  if (testEngine() !== "postgres" || process.env[TEST_PG_ENV]) return undefined;
  const cluster = startPgCluster();
  try {
    await applyPgMigrations(cluster.createDatabase(TEST_PG_TEMPLATE));
  } catch (err) {
    cluster.stop();
    throw err;
  }
  process.env[TEST_PG_ENV] = cluster.url("postgres");
  return () => cluster.stop();
}
