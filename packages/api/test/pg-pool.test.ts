import { dbUrl } from "@netops/db";
import { testEngine } from "@netops/db/testing";
import { afterAll, describe, expect, it } from "vitest";
import { resilientPgPool } from "../src/pg-pool";
import { type TestDb, testDb } from "./fixtures";

// PostgreSQL only (the PostgreSQL pass of npm test runs it): a connection checked out between two
// statements of a transaction, terminated by the server, must fail its next query — not throw an
// uncaught "terminating connection" error that would end the replica.
describe.skipIf(testEngine() !== "postgres")("resilientPgPool", () => {
  let t: TestDb | undefined;
  afterAll(async () => t?.close());

  it("a checked-out connection the server terminates fails its next query; the pool goes on", async () => {
    t = testDb("pg-pool");
    const pool = resilientPgPool({ connectionString: dbUrl(t.db), max: 2 });
    const uncaught: unknown[] = [];
    const onUncaught = (e: unknown) => uncaught.push(e);
    process.on("uncaughtException", onUncaught);
    try {
      const held = await pool.connect();
      await held.query("BEGIN");
      const pid = (await held.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]?.pid;
      const other = await pool.connect();
      await other.query("SELECT pg_terminate_backend($1)", [pid]);
      other.release();
      await new Promise((r) => setTimeout(r, 200)); // the termination reaches the idle-in-transaction client
      await expect(held.query("SELECT 1")).rejects.toThrow();
      held.release(true);
      expect(uncaught).toEqual([]);
      expect((await pool.query<{ one: number }>("SELECT 1 AS one")).rows[0]?.one).toBe(1);
    } finally {
      process.off("uncaughtException", onUncaught);
      await pool.end();
    }
  });
});
