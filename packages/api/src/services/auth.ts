import type { Db } from "@netops/db";
import { passwordProblem, type Role, roleSchema } from "@netops/protocols";
import { commonPasswords } from "@netops/protocols/common-passwords";
import { storageProblem } from "./storage";
import { dummyPasswordHash, hashPassword, randomToken, sha256Hex, verifyPassword } from "./crypto";
import { SessionCache } from "./session-cache";

export interface Principal {
  id: string;
  username: string;
  role: Role;
  /** How the request proved who it is: a browser session cookie or an API token. */
  via: "session" | "token";
  sessionId?: string;
  tokenId?: string;
}

export const SESSION_COOKIE = "netops_session";
/** RFC 8959: tokens carry a URI scheme so that leaked ones are recognisable by scanners. */
export const TOKEN_PREFIX = "secret-token:netops_";

/** A new password that breaks the password rule; `reason` says which part (see passwordProblem). */
export class PasswordRefused extends Error {
  constructor(readonly reason: string) {
    super(`password refused: ${reason}`);
    this.name = "PasswordRefused";
  }
}

/** The whole password rule for a new password of `username`, with the shipped common-password list. */
export function newPasswordProblem(password: string, username: string): string | null {
  return passwordProblem(password, { username, common: commonPasswords() });
}

/** What a password or role change also does: it always ends the user's sessions. */
export interface CredentialChangeOptions {
  /** The caller's own session, kept when users change their own password. */
  keepSessionId?: string | undefined;
  /** Also revoke every API token of the user that is not revoked yet. */
  revokeTokens?: boolean | undefined;
}

export interface CredentialChangeResult {
  sessionsEnded: number;
  tokensRevoked: number;
}

/** The result as the audit trail keeps it: the redactor would hide any key that names tokens. */
export function auditedChange(r: CredentialChangeResult) {
  return { sessionsEnded: r.sessionsEnded, revoked: r.tokensRevoked };
}

export class AuthService {
  /** Sessions checked recently on this replica (session-cache.ts: what bounds a revocation). */
  readonly sessions: SessionCache;

  constructor(
    private readonly db: Db,
    private readonly sessionTtlMs: number,
    private readonly now: () => Date = () => new Date(),
    /** auth.sessionCacheSeconds in ms; 0 reads the session from the database on every request. */
    sessionCacheMs = 0,
  ) {
    this.sessions = new SessionCache(sessionCacheMs);
  }

  /** Throws PasswordRefused for a password that breaks the rule (callers check first to name the field). */
  async createUser(username: string, password: string, role: Role) {
    const problem = newPasswordProblem(password, username);
    if (problem) throw new PasswordRefused(problem);
    return this.db.user.create({ data: { username, passwordHash: await hashPassword(password), role } });
  }

  /**
   * Sets a new password and, in the same transaction, ends the user's sessions (a stolen session
   * must not outlive the password it came from) and, if asked, revokes their API tokens.
   */
  async setPassword(
    userId: string,
    password: string,
    opts: CredentialChangeOptions = {},
  ): Promise<CredentialChangeResult> {
    const user = await this.db.user.findUniqueOrThrow({ where: { id: userId } });
    const problem = newPasswordProblem(password, user.username);
    if (problem) throw new PasswordRefused(problem);
    return this.changeCredentials(userId, { passwordHash: await hashPassword(password) }, opts);
  }

  /** Sets the role; like a new password, it ends the user's sessions and may revoke their tokens. */
  async setRole(userId: string, role: Role, opts: CredentialChangeOptions = {}) {
    return this.changeCredentials(userId, { role }, opts);
  }

  private async changeCredentials(
    userId: string,
    data: { passwordHash: string } | { role: Role },
    opts: CredentialChangeOptions,
  ): Promise<CredentialChangeResult> {
    // Forgotten before and after: a request that read the old row meanwhile must not keep it.
    this.sessions.forgetUser(userId);
    try {
      return await this.writeCredentials(userId, data, opts);
    } finally {
      this.sessions.forgetUser(userId);
    }
  }

  private async writeCredentials(
    userId: string,
    data: { passwordHash: string } | { role: Role },
    opts: CredentialChangeOptions,
  ): Promise<CredentialChangeResult> {
    const update = this.db.user.update({ where: { id: userId }, data });
    const endSessions = this.db.session.deleteMany({
      where: { userId, ...(opts.keepSessionId && { id: { not: opts.keepSessionId } }) },
    });
    if (!opts.revokeTokens) {
      const [, sessions] = await this.db.$transaction([update, endSessions]);
      return { sessionsEnded: sessions.count, tokensRevoked: 0 };
    }
    const revoke = this.db.apiToken.updateMany({
      where: { userId, revokedAt: null },
      data: { revokedAt: this.now() },
    });
    const [, sessions, tokens] = await this.db.$transaction([update, endSessions, revoke]);
    return { sessionsEnded: sessions.count, tokensRevoked: tokens.count };
  }

  /** Checks a password; an unknown or disabled user costs the same time as a wrong password. */
  async checkPassword(username: string, password: string) {
    const user = await this.db.user.findUnique({ where: { username } });
    if (!user || user.disabled) {
      await verifyPassword(await dummyPasswordHash(), password);
      return null;
    }
    return (await verifyPassword(user.passwordHash, password)) ? user : null;
  }

  async createSession(userId: string, meta: { ip?: string | undefined; userAgent?: string | undefined }) {
    const secret = randomToken();
    const now = this.now();
    const expiresAt = new Date(now.getTime() + this.sessionTtlMs);
    await this.db.session.create({
      data: {
        id: sha256Hex(secret),
        userId,
        expiresAt,
        ip: meta.ip ?? null,
        userAgent: meta.userAgent?.slice(0, 256) ?? null,
      },
    });
    await this.db.user.update({ where: { id: userId }, data: { lastLoginAt: now } });
    return { secret, expiresAt };
  }

  async sessionPrincipal(secret: string): Promise<Principal | null> {
    if (!secret || secret.length > 128) return null;
    const id = this.sessionId(secret);
    const cached = this.sessions.get(id, this.now().getTime());
    if (cached) return cached;
    if (this.sessions.ttlMs <= 0) return this.readSession(id, this.sessions.generation);
    // Requests that miss together (an entry just ran out) share one read, unless something was
    // forgotten since it began.
    const readIn = this.sessions.generation;
    const pending = this.reading.get(id);
    if (pending && pending.readIn === readIn) return pending.read;
    const read = this.readSession(id, readIn).finally(() => {
      if (this.reading.get(id)?.read === read) this.reading.delete(id);
    });
    this.reading.set(id, { readIn, read });
    return read;
  }

  private readonly reading = new Map<string, { readIn: number; read: Promise<Principal | null> }>();

  /**
   * A session's id (the SHA-256 of its secret, as stored) for the secrets seen lately: hashing on
   * every request cost about as much as the rest of a cached list answer. Bounded; cleared when full.
   */
  private readonly ids = new Map<string, string>();
  private sessionId(secret: string): string {
    let id = this.ids.get(secret);
    if (id === undefined) {
      if (this.ids.size >= 10_000) this.ids.clear();
      id = sha256Hex(secret);
      this.ids.set(secret, id);
    }
    return id;
  }

  private async readSession(id: string, readIn: number): Promise<Principal | null> {
    this.sessions.stats.reads++;
    const s = await this.db.session.findUnique({ where: { id }, include: { user: true } });
    if (!s) return null;
    const now = this.now();
    if (s.expiresAt <= now || s.user.disabled) {
      await this.db.session.deleteMany({ where: { id } });
      return null;
    }
    // lastSeenAt is for the sessions list; a minute's precision saves a write per request.
    if (now.getTime() - s.lastSeenAt.getTime() > 60_000) {
      await this.touch(this.db.session.update({ where: { id }, data: { lastSeenAt: now } }));
    }
    const principal: Principal = {
      id: s.user.id,
      username: s.user.username,
      role: roleSchema.parse(s.user.role),
      via: "session",
      sessionId: id,
    };
    this.sessions.set(id, principal, now.getTime(), s.expiresAt.getTime(), readIn);
    return principal;
  }

  async endSession(sessionId: string) {
    this.sessions.forget(sessionId);
    await this.db.session.deleteMany({ where: { id: sessionId } });
    // Again (session-cache.ts): a read that overlapped the delete is not kept.
    this.sessions.forget(sessionId);
  }

  /** Enables or disables a user; disabling ends their sessions in the same transaction. */
  async setDisabled(userId: string, disabled: boolean) {
    this.sessions.forgetUser(userId);
    try {
      const update = this.db.user.update({ where: { id: userId }, data: { disabled } });
      if (!disabled) return await update;
      const [after] = await this.db.$transaction([update, this.db.session.deleteMany({ where: { userId } })]);
      return after;
    } finally {
      this.sessions.forgetUser(userId);
    }
  }

  async createToken(userId: string, name: string, expiresAt: Date | null) {
    const random = randomToken();
    const token = `${TOKEN_PREFIX}${random}`;
    const row = await this.db.apiToken.create({
      data: { userId, name, tokenHash: sha256Hex(token), hint: random.slice(0, 6), expiresAt },
    });
    return { token, row };
  }

  async tokenPrincipal(token: string): Promise<Principal | null> {
    if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return null;
    const row = await this.db.apiToken.findUnique({
      where: { tokenHash: sha256Hex(token) },
      include: { user: true },
    });
    const now = this.now();
    if (!row || row.revokedAt || (row.expiresAt && row.expiresAt <= now) || row.user.disabled) return null;
    if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000) {
      await this.touch(this.db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: now } }));
    }
    return {
      id: row.user.id,
      username: row.user.username,
      role: roleSchema.parse(row.user.role),
      via: "token",
      tokenId: row.id,
    };
  }

  /**
   * Last-seen/last-used stamps are bookkeeping: a database that cannot take writes must not turn
   * every signed-in read into a 500 (the mutation path reports the storage problem as a 503).
   */
  private async touch(write: Promise<unknown>): Promise<void> {
    try {
      await write;
    } catch (err) {
      if (!storageProblem(err)) throw err;
    }
  }

  async purgeExpiredSessions(): Promise<number> {
    const r = await this.db.session.deleteMany({ where: { expiresAt: { lte: this.now() } } });
    return r.count;
  }
}
