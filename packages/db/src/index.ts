import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { secureDatabaseFile } from "./file-mode";
import { PrismaClient } from "./generated/client";

export type { Prisma } from "./generated/client";
export type { PrismaClient } from "./generated/client";
export type * from "./generated/models";
export { applyMigrations, migrationsDir } from "./migrate";
export { secureDatabaseFile } from "./file-mode";

export type Db = PrismaClient;

/** A Prisma client on the embedded SQLite database at `url` (`file:/abs/path.db`). */
export function createDb(url: string): Db {
  // Before the driver opens (and so creates) it: owner-only, with its WAL and shared-memory files.
  secureDatabaseFile(url);
  return new PrismaClient({ adapter: new PrismaBetterSQLite3({ url }) });
}
