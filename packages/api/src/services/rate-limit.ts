/**
 * Login throttling, in the database (the `Throttle` table), so that it holds across replicas: a
 * guesser whose requests a load balancer spreads over several console processes meets one count.
 * Three counters per attempt:
 *
 * - `pair:` one name from one address: `maxFailures` failures, then that pair waits out the window.
 *   This is the lockout a guesser meets; it never locks the real user out from another address.
 * - `ip:` one address over all names (password spraying): `ipFactor` times as many, since many
 *   people can share an address (NAT, a proxy). A success does not clear it: an attacker with one
 *   valid account must not be able to reset the count between guesses.
 * - `user:` one name over all addresses (a guesser with many addresses): past `maxFailures` in the
 *   window, attempts are spaced by a doubling delay capped at `backoffCapMs` — slowed, never locked,
 *   so nobody can lock a user (admin included) out for the whole window.
 *
 * An attempt is counted when it is reserved, before the password is checked: each counter is
 * counted and checked in one atomic statement (INSERT … ON CONFLICT DO UPDATE … RETURNING), so
 * parallel requests, on one replica or several, cannot all pass the check before any of them is
 * counted. A refused attempt gives back what it counted. Rows past their window are deleted by
 * `prune()` (housekeeping).
 */
import { type Db, dbEngine } from "@netops/db";

export interface LoginAttempt {
  /** The password was right: the pair's failures are forgiven and this attempt is not one. */
  succeeded(): Promise<void>;
  /** The password was wrong: the attempt stays counted. */
  failed(): Promise<void>;
  /** The password was never checked (e.g. the checker was busy): as if the attempt never came. */
  cancel(): Promise<void>;
}

export interface LoginLimiterOptions {
  ipFactor?: number;
  backoffBaseMs?: number;
  backoffCapMs?: number;
}

interface Counted {
  count: number;
  resetAt: number;
}

/** Statements written once with `?` parameters; PostgreSQL gets `$n` and its name for the scalar min. */
function statements(engine: "sqlite" | "postgres") {
  const min = engine === "postgres" ? "LEAST" : "MIN";
  const big = "CAST(? AS BIGINT)";
  // A row past its window (or given back to zero) starts a new window.
  const expired = `"Throttle"."resetAt" <= ${big} OR "Throttle"."count" <= 0`;
  const upsert = (where: string) => `
    INSERT INTO "Throttle" ("key", "count", "resetAt", "lastAt") VALUES (?, 1, ${big}, ${big})
    ON CONFLICT ("key") DO UPDATE SET
      "count" = CASE WHEN ${expired} THEN 1 ELSE "Throttle"."count" + 1 END,
      "resetAt" = CASE WHEN ${expired} THEN ${big} ELSE "Throttle"."resetAt" END,
      "lastAt" = ${big}
    ${where}
    RETURNING "count", "resetAt"`;
  const sql = {
    /** Count one attempt: params key, t+window, t, t, t, t+window, t. */
    count: upsert(""),
    /**
     * Count one attempt unless the name's backoff holds it: params as `count`, then t, max, max,
     * base, max, cap, t. No row comes back when it is held.
     */
    countUnlessBackedOff: upsert(
      `WHERE "Throttle"."resetAt" <= ${big} OR "Throttle"."count" < ? OR
        "Throttle"."lastAt" + ${min}(? * power(2, ${min}("Throttle"."count" - ?, 30)), ?) <= ${big}`,
    ),
    uncount: `UPDATE "Throttle" SET "count" = "Throttle"."count" - 1 WHERE "key" = ? AND "count" > 0`,
    forget: `DELETE FROM "Throttle" WHERE "key" = ?`,
    read: `SELECT "count", "resetAt", "lastAt" FROM "Throttle" WHERE "key" = ?`,
    prune: `DELETE FROM "Throttle" WHERE "resetAt" <= ${big}`,
  };
  if (engine === "sqlite") return sql;
  const out = {} as typeof sql;
  for (const [k, v] of Object.entries(sql) as [keyof typeof sql, string][]) {
    let n = 0;
    out[k] = v.replace(/\?/g, () => `$${++n}`);
  }
  return out;
}

export class LoginLimiter {
  private readonly ipFactor: number;
  private readonly backoffBaseMs: number;
  private readonly backoffCapMs: number;
  private readonly sql: ReturnType<typeof statements>;

  constructor(
    private readonly db: Db,
    private readonly maxFailures: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
    opts: LoginLimiterOptions = {},
  ) {
    this.ipFactor = opts.ipFactor ?? 5;
    this.backoffBaseMs = opts.backoffBaseMs ?? 1000;
    this.backoffCapMs = opts.backoffCapMs ?? 60_000;
    this.sql = statements(dbEngine(db));
  }

  /**
   * Either the seconds to wait before `username` may be tried from `ip`, or a reserved attempt
   * that the caller settles once the password has been checked.
   */
  async reserve(ip: string, username: string): Promise<{ wait: number } | { attempt: LoginAttempt }> {
    const t = this.now();
    const pair = `login:pair:${ip}\n${username}`;
    const addr = `login:ip:${ip}`;
    const user = `login:user:${username}`;
    // The pair first: a guesser locked out on one name does not count against the others.
    const p = await this.count(pair, t);
    if (p.count > this.maxFailures) return this.refuse(p.resetAt - t, [pair]);
    const a = await this.count(addr, t);
    if (a.count > this.maxFailures * this.ipFactor) return this.refuse(a.resetAt - t, [pair, addr]);
    if (!(await this.countUser(user, t))) return this.refuse(await this.backoffLeft(user, t), [pair, addr]);
    let settled = false;
    const settle = async (forgive: string[], forget?: string) => {
      if (settled) return;
      settled = true;
      for (const k of forgive) await this.uncount(k);
      if (forget) await this.db.$executeRawUnsafe(this.sql.forget, forget);
    };
    return {
      attempt: {
        succeeded: () => settle([addr, user], pair),
        failed: () => settle([]),
        cancel: () => settle([pair, addr, user]),
      },
    };
  }

  /** Deletes the counters whose window has ended (housekeeping); how many went. */
  async prune(): Promise<number> {
    return this.db.$executeRawUnsafe(this.sql.prune, this.now());
  }

  private async refuse(waitMs: number, giveBack: string[]): Promise<{ wait: number }> {
    for (const k of giveBack) await this.uncount(k);
    return { wait: Math.max(1, Math.ceil(waitMs / 1000)) };
  }

  private params(key: string, t: number): unknown[] {
    return [key, t + this.windowMs, t, t, t, t + this.windowMs, t];
  }

  private async count(key: string, t: number): Promise<Counted> {
    const rows = await this.db.$queryRawUnsafe<Record<string, unknown>[]>(
      this.sql.count,
      ...this.params(key, t),
    );
    return counted(rows[0]);
  }

  /** Counts the name's attempt unless its backoff holds it; false when held. */
  private async countUser(key: string, t: number): Promise<boolean> {
    const m = this.maxFailures;
    const rows = await this.db.$queryRawUnsafe<Record<string, unknown>[]>(
      this.sql.countUnlessBackedOff,
      ...this.params(key, t),
      t,
      m,
      this.backoffBaseMs,
      m,
      this.backoffCapMs,
      t,
    );
    return rows.length > 0;
  }

  /** How long the name's backoff still holds (for the refusal's message). */
  private async backoffLeft(key: string, t: number): Promise<number> {
    const rows = await this.db.$queryRawUnsafe<Record<string, unknown>[]>(this.sql.read, key);
    const row = rows[0];
    if (!row) return 0;
    const over = Math.min(Number(row.count) - this.maxFailures, 30);
    const delay = Math.min(this.backoffBaseMs * 2 ** Math.max(0, over), this.backoffCapMs);
    return Number(row.lastAt) + delay - t;
  }

  private async uncount(key: string): Promise<void> {
    await this.db.$executeRawUnsafe(this.sql.uncount, key);
  }
}

function counted(row: Record<string, unknown> | undefined): Counted {
  if (!row) throw new Error("throttle: the counter statement returned no row");
  return { count: Number(row.count), resetAt: Number(row.resetAt) };
}

/** Waits for a slot; refuses (throws `refuse()`) when the wait would exceed `maxWaitMs`. */
export interface CommandRateLimiter {
  take(maxWaitMs: number): Promise<void>;
}

/**
 * A token bucket (`perSecond`, `burst`) shared by every replica through one `Throttle` row, kept as
 * GCRA: the row's `lastAt` is the theoretical arrival time, moved on by one emission interval per
 * command in one atomic statement. Used for the commands sent to one EPP registry, which caps them
 * per account, not per console process.
 */
export class SharedTokenBucket implements CommandRateLimiter {
  private readonly intervalMs: number;
  private readonly toleranceMs: number;
  private readonly sql: string;

  constructor(
    private readonly db: Db,
    private readonly key: string,
    perSecond: number,
    burst: number,
    private readonly refuse: () => Error,
    private readonly now: () => number = Date.now,
  ) {
    this.intervalMs = Math.max(1, Math.round(1000 / perSecond));
    this.toleranceMs = Math.max(0, burst - 1) * this.intervalMs;
    const engine = dbEngine(db);
    const max = engine === "postgres" ? "GREATEST" : "MAX";
    const big = "CAST(? AS BIGINT)";
    const due = `${max}("Throttle"."lastAt", ${big})`;
    const sql = `
      INSERT INTO "Throttle" ("key", "count", "resetAt", "lastAt") VALUES (?, 1, ${big}, ${big})
      ON CONFLICT ("key") DO UPDATE SET
        "count" = "Throttle"."count" + 1,
        "lastAt" = ${due} + ${big},
        "resetAt" = ${due} + ${big}
      WHERE ${due} - ${big} <= ${big}
      RETURNING "lastAt"`;
    let n = 0;
    this.sql = engine === "postgres" ? sql.replace(/\?/g, () => `$${++n}`) : sql;
  }

  async take(maxWaitMs: number): Promise<void> {
    const t = this.now();
    const T = this.intervalMs;
    // Params: key, resetAt and lastAt of a new row; the new lastAt and resetAt; the condition.
    const rows = await this.db.$queryRawUnsafe<{ lastAt: unknown }[]>(
      this.sql,
      this.key,
      t + T,
      t + T,
      t,
      T,
      t,
      T,
      t,
      t + this.toleranceMs,
      maxWaitMs,
    );
    const row = rows[0];
    if (!row) throw this.refuse();
    // The row's slot is reserved now, so concurrent callers (on any replica) queue behind it.
    const waitMs = Number(row.lastAt) - T - this.toleranceMs - t;
    if (waitMs > 0) await new Promise((r) => setTimeout(r, waitMs));
  }
}
