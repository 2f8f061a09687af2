import { chmodSync, closeSync, mkdirSync, openSync, statSync } from "node:fs";
import path from "node:path";

/** The database file a `file:` URL names, or null for an in-memory database. */
export function databaseFile(url: string): string | null {
  const file = url.replace(/^file:/, "").replace(/\?.*$/, "");
  return file === "" || file === ":memory:" ? null : file;
}

/**
 * The database holds password hashes, session hashes and sealed secrets: only its owner may read
 * it, like the key file beside it. SQLite gives the -wal, -shm and -journal files the mode of the
 * database file, so creating that file 0600 before SQLite opens it covers them all; files left
 * readable by an earlier version are tightened. New folders on the way are 0700.
 */
export function secureDatabaseFile(url: string): void {
  const file = databaseFile(url);
  if (!file) return;
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  try {
    // An empty file is an empty SQLite database; "wx" never touches an existing one.
    closeSync(openSync(file, "wx", 0o600));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
  }
  for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) {
    let mode: number;
    try {
      mode = statSync(f).mode;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") continue;
      throw err;
    }
    if (mode & 0o077) chmodSync(f, mode & 0o700);
  }
}
