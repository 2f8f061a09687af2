import pg from "pg";

/**
 * A node-postgres pool that survives its connections being dropped (a server restart, an
 * administrator's pg_terminate_backend, a database dropped WITH (FORCE)). pg-pool listens for
 * errors only on idle connections; a connection checked out between two statements of a
 * transaction has no listener, so its "terminating connection" error would be thrown as an
 * uncaught exception and end the process. Here every connection keeps a listener for life: the
 * error surfaces as the failure of the next query, and pg-pool discards the broken connection
 * when it is released.
 */
export function resilientPgPool(config: pg.PoolConfig): pg.Pool {
  const pool = new pg.Pool(config);
  pool.on("error", () => {}); // an idle connection dropped: replaced on next use
  pool.on("connect", (client) => {
    client.on("error", () => {});
  });
  return pool;
}
