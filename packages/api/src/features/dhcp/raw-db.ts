import type { Db } from "@netops/db";
import Database from "better-sqlite3";

export type RawDb = Database.Database;

/**
 * A second better-sqlite3 connection on the console's database file, for the lease hot paths
 * (bulk ingest, keyset queries) where Prisma's per-row overhead would dominate. The file is
 * found through Prisma itself, so there is one source of truth for where the database lives.
 */
export async function openRawDb(db: Db): Promise<RawDb> {
  const rows = await db.$queryRawUnsafe<{ name: string; file: string }[]>("PRAGMA database_list");
  const main = rows.find((r) => r.name === "main");
  if (!main?.file) throw new Error("the console database is not a file; DHCP needs one");
  const raw = new Database(main.file);
  // Both connections write: wait for the other's lock rather than fail at once.
  raw.pragma("busy_timeout = 5000");
  return raw;
}
