import type { Db } from "@netops/db";
import { passwordProblem, type Role, roleSchema } from "@netops/protocols";
import { commonPasswords } from "@netops/protocols/common-passwords";
import { storageProblem } from "./storage";
import { dummyPasswordHash, hashPassword, randomToken, sha256Hex, verifyPassword } from "./crypto";

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
  constructor(
    private readonly db: Db,
    private readonly sessionTtlMs: number,
    private readonly now: () => Date = () => new Date(),
  ) {}

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
    const id = sha256Hex(secret);
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
    return {
      id: s.user.id,
      username: s.user.username,
      role: roleSchema.parse(s.user.role),
      via: "session",
      sessionId: id,
    };
  }

  async endSession(sessionId: string) {
    await this.db.session.deleteMany({ where: { id: sessionId } });
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
