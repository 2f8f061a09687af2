import type Database from "better-sqlite3";

/** The better-sqlite3 handle under the DHCP SQL connection on SQLite (sql.ts; SQLite-only code). */
export type RawDb = Database.Database;
