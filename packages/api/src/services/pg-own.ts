/**
 * A small node-postgres pool of the console's own, beside Prisma's, for the few PostgreSQL
 * transactions that hold a lock while other work runs (the fence's lease lock, the storage probe).
 * Through Prisma's interactive transactions these stalled: a transaction holds a pool connection
 * while the code inside it waits for another one, and with the pool full every transaction sat idle
 * after BEGIN until Prisma timed it out (50 fenced writes reading through the client on a
 * 3-connection pool: all 50 failed after 5 s). Here the locks live on connections Prisma never
 * waits for. One pool per client, made on first use; idle, it lets the process exit.
 */
import { type Db, dbUrl } from "@netops/db";
import type pg from "pg";
import { resilientPgPool } from "../pg-pool";

const pools = new WeakMap<Db, pg.Pool>();

/** Connections at most: fenced writes and probes beyond this wait for one (never for Prisma's). */
const MAX = 4;

export function ownPgPool(db: Db): pg.Pool {
  let pool = pools.get(db);
  if (!pool) {
    pool = resilientPgPool({ connectionString: dbUrl(db), max: MAX, allowExitOnIdle: true });
    pools.set(db, pool);
  }
  return pool;
}

/** Ends the pool of `db`, if one was made (tests, shutdown). */
export async function closeOwnPgPool(db: Db): Promise<void> {
  const pool = pools.get(db);
  pools.delete(db);
  await pool?.end();
}
