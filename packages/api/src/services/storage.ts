import { statfs } from "node:fs/promises";
import path from "node:path";
import { type Db, dbEngine } from "@netops/db";
import type { Logger } from "pino";
import type { AlertService } from "./alerts";
import { ownPgPool } from "./pg-own";

/** Why the database cannot take writes (or reads). */
export type StorageProblemKind = "full" | "read-only" | "failing";
export interface StorageProblem {
  kind: StorageProblemKind;
  /** SQLite's result code or the system's errno name, e.g. SQLITE_FULL, ENOSPC. */
  code: string;
}

// PostgreSQL's SQLSTATEs too: 53100 disk_full, 25006 read_only_sql_transaction, 58030 io_error.
const KIND_OF_CODE: [RegExp, StorageProblemKind][] = [
  [/^(SQLITE_FULL|ENOSPC|EDQUOT|53100)$/, "full"],
  [/^(SQLITE_READONLY\w*|EROFS|25006)$/, "read-only"],
  [/^(SQLITE_IOERR\w*|SQLITE_CANTOPEN\w*|SQLITE_CORRUPT\w*|SQLITE_NOTADB|EIO|58030)$/, "failing"],
];
// SQLite's own messages, for wrappers that keep the text but drop the code.
const KIND_OF_MESSAGE: [RegExp, StorageProblem][] = [
  [/database or disk is full/i, { kind: "full", code: "SQLITE_FULL" }],
  [/attempt to write a readonly database/i, { kind: "read-only", code: "SQLITE_READONLY" }],
  [/disk I\/O error/i, { kind: "failing", code: "SQLITE_IOERR" }],
  [/unable to open database file/i, { kind: "failing", code: "SQLITE_CANTOPEN" }],
  [/database disk image is malformed/i, { kind: "failing", code: "SQLITE_CORRUPT" }],
];

/**
 * The storage problem behind `err`, or null when `err` is something else. Looks through wrappers
 * (a TRPCError's cause, Prisma's known-request errors, whose `code` is SQLite's, driver errors in
 * `cause` or `meta`).
 */
export function storageProblem(err: unknown): StorageProblem | null {
  let e: unknown = err;
  for (let depth = 0; e && typeof e === "object" && depth < 6; depth++) {
    const o = e as { code?: unknown; message?: unknown; cause?: unknown; meta?: unknown };
    for (const c of [o.code, (o.meta as { code?: unknown } | undefined)?.code]) {
      if (typeof c !== "string") continue;
      const hit = KIND_OF_CODE.find(([re]) => re.test(c));
      if (hit) return { kind: hit[1], code: c };
    }
    if (typeof o.message === "string") {
      const hit = KIND_OF_MESSAGE.find(([re]) => re.test(o.message as string));
      if (hit) return hit[1];
    }
    e = o.cause;
  }
  return null;
}

export function describeStorageProblem(p: StorageProblem): string {
  return p.kind === "full"
    ? `the database is full (${p.code})`
    : p.kind === "read-only"
      ? `the database is read-only (${p.code})`
      : `the database cannot be read or written (${p.code})`;
}

export interface StorageStatus {
  ok: boolean;
  problem: StorageProblem | null;
  /** For the system overview: one line. */
  summary: string;
  /** The last failed write the console itself met, if any. */
  lastFailure: { at: string; code: string } | null;
}

/** Below this much free space on the database's file system, it counts as full. */
const MIN_FREE_BYTES = 8 * 1024 * 1024;
/** A failed write this recent keeps the status failing even if the probe passes (until a write succeeds). */
const RECENT_MS = 60_000;

/**
 * Watches the database's ability to take writes. Two sources: the writes the console makes (any
 * storage error is noted here), and a probe run for /healthz and the system overview — free space on
 * the file system, and a write that allocates a page inside a transaction that is rolled back
 * (SQLite refuses it when the file is read-only or at its page limit; nothing reaches the disk).
 */
export class StorageMonitor {
  private last: { at: number; problem: StorageProblem } | null = null;
  /** Set while an alert for the current problem is open. */
  private alerted = false;
  /** The database file, looked up once. */
  private file: string | null | undefined;
  /** /healthz is public: a flood of it runs at most one probe a second (news of a write resets it). */
  private cached: { at: number; status: Promise<StorageStatus> } | null = null;
  alerts: AlertService | null = null;

  constructor(
    private readonly db: Db,
    private readonly logger: Logger,
    private readonly now: () => Date = () => new Date(),
    private readonly minFreeBytes = MIN_FREE_BYTES,
  ) {}

  /** Records a failed write; logs it and raises an alert where the database still takes one. */
  async noteFailure(problem: StorageProblem, where: string): Promise<void> {
    const first = this.last === null || this.now().getTime() - this.last.at > RECENT_MS;
    this.last = { at: this.now().getTime(), problem };
    this.cached = null;
    if (first)
      this.logger.error(
        { code: problem.code, where },
        `storage unavailable: ${describeStorageProblem(problem)}`,
      );
    if (this.alerted || !this.alerts) return;
    try {
      await this.alerts.raise({
        source: "system",
        severity: "critical",
        labels: { check: "storage" },
        summary: `Storage unavailable: ${describeStorageProblem(problem)}`,
        details: `A write failed in ${where}. Changes are refused until the database takes writes again; see /healthz.`,
        links: [{ label: "System status", href: "/settings/system" }],
      });
      this.alerted = true;
    } catch {
      // The alert itself cannot be stored: the log line, /healthz and the overview still say it.
    }
  }

  /** A write went through: a failure noted earlier is over. */
  noteWriteOk(): void {
    if (this.last) this.cached = null;
    this.last = null;
  }

  /** Probes the database now (see the class comment). Cheap: no data reaches the disk. */
  check(): Promise<StorageStatus> {
    const t = this.now().getTime();
    if (this.cached && t - this.cached.at < 1000 && t >= this.cached.at) return this.cached.status;
    const status = this.checkNow();
    this.cached = { at: t, status };
    return status;
  }

  private async checkNow(): Promise<StorageStatus> {
    const problem = (await this.probe()) ?? this.recent();
    const lastFailure = this.last
      ? { at: new Date(this.last.at).toISOString(), code: this.last.problem.code }
      : null;
    if (!problem && this.alerted) {
      this.alerted = false;
      await this.alerts
        ?.clear("system", { check: "storage" }, "the database takes writes again")
        .catch(() => {});
    }
    return {
      ok: problem === null,
      problem,
      summary: problem ? `Storage unavailable: ${describeStorageProblem(problem)}` : "Storage OK",
      lastFailure,
    };
  }

  private recent(): StorageProblem | null {
    return this.last && this.now().getTime() - this.last.at <= RECENT_MS ? this.last.problem : null;
  }

  private async probe(): Promise<StorageProblem | null> {
    try {
      // PostgreSQL: the server's disk is not ours to measure; the write probe below still runs.
      if (this.file === undefined && dbEngine(this.db) === "postgres") this.file = null;
      if (this.file === undefined) {
        const rows = await this.db.$queryRawUnsafe<{ file: string }[]>(
          "SELECT file FROM pragma_database_list WHERE name = 'main'",
        );
        // An in-memory database has no file (""): nothing to measure.
        this.file = rows[0]?.file || null;
      }
      if (this.file) {
        const fs = await statfs(path.dirname(this.file));
        if (fs.bavail * fs.bsize < this.minFreeBytes) return { kind: "full", code: "ENOSPC" };
      }
      if (dbEngine(this.db) === "postgres") {
        await probePostgres(this.db);
        return null;
      }
      await this.db.$transaction(async (tx) => {
        await tx.$executeRawUnsafe("CREATE TABLE _netops_storage_probe (x integer)");
        throw ROLLBACK;
      });
    } catch (e) {
      if (e === ROLLBACK) return null;
      const p = storageProblem(e);
      if (p) return p;
      // Busy (another process writing) or an unexpected error: not evidence of a storage problem.
      this.logger.warn({ err: e }, "storage probe inconclusive");
      return null;
    }
    return null;
  }
}

const ROLLBACK = new Error("storage probe: roll back");

/**
 * The write probe on PostgreSQL, on a connection of the console's own (pg-own.ts), not a Prisma
 * interactive transaction: those stalled with the pool busy. Rolled back: nothing stays.
 */
async function probePostgres(db: Db): Promise<void> {
  const c = await ownPgPool(db).connect();
  try {
    await c.query("BEGIN");
    await c.query("CREATE TABLE _netops_storage_probe (x integer)");
  } finally {
    await c.query("ROLLBACK").catch(() => {});
    c.release();
  }
}
