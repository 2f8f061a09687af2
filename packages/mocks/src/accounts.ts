/** Mock sign-in, users, API tokens and the audit trail (auth.*, users.*, tokens.*, audit.list). */
import type { AppRouter, RouterInputs } from "@netops/api";
import {
  auditEntryMatches,
  auditFilterSchema,
  pageOfSorted,
  passwordProblem,
  passwordSchema,
  roleSchema,
  usernameSchema,
} from "@netops/protocols";
import { type MockBackend, nextCode } from "./backend";
import { invalid } from "./errors";
import type { TokenFixture, UserFixture } from "./fixtures";
import type { MockToken, MockUser } from "./state";
import { mockError, type TrpcResolvers } from "./trpc-msw";

type AccountPaths = Extract<
  keyof TrpcResolvers<AppRouter>,
  `auth.${string}` | `users.${string}` | `tokens.${string}` | "audit.list"
>;

export function createAccountResolvers(b: MockBackend): Pick<TrpcResolvers<AppRouter>, AccountPaths> {
  const { state } = b;
  /** Hands the signed-in user to a resolver (its role was checked by roles.ts). */
  const withUser =
    <I, O>(fn: (input: I, user: MockUser) => O) =>
    (input: I) =>
      fn(input, b.user());
  const findUser = (id: string) => {
    const u = state.users.find((x) => x.id === id);
    if (!u) throw mockError("NOT_FOUND", "no such user");
    return u;
  };
  const userView = ({ password: _p, ...u }: MockUser): UserFixture => u;
  const tokenView = ({ userId: _u, ...t }: MockToken): TokenFixture => t;
  /** The server's password rule (passwordProblem with the shipped list), as its 400. */
  const refuseWeakPassword = async (field: string, password: string, username: string) => {
    // Loaded on first use: the ~480 kB list is a chunk of its own, fetched only when a password is set.
    const { commonPasswords } = await import("@netops/protocols/common-passwords");
    const problem = passwordProblem(password, { username, common: commonPasswords() });
    if (problem) throw mockError("BAD_REQUEST", `${field}: ${problem}`);
  };
  /**
   * A reset or role change ends the user's sessions and, if asked, revokes their tokens. The mock
   * has one session (the browser's): it ends unless the user is the one making the change.
   */
  const endCredentials = (u: MockUser, caller: MockUser, revokeTokens: boolean) => {
    let sessionsEnded = 0;
    if (state.sessionUserId === u.id && u.id !== caller.id) {
      state.sessionUserId = null;
      sessionsEnded = 1;
    }
    let tokensRevoked = 0;
    if (revokeTokens) {
      for (const t of state.tokens) {
        if (t.userId !== u.id || t.revokedAt) continue;
        t.revokedAt = b.iso();
        tokensRevoked++;
      }
    }
    return { sessionsEnded, tokensRevoked };
  };

  return {
    "auth.login": (input) => {
      const user = state.users.find((u) => u.username === input.username);
      b.advance();
      if (!user || user.disabled || user.password !== input.password) {
        b.record(null, "auth.login", null, false);
        throw mockError("UNAUTHORIZED", "wrong username or password");
      }
      state.sessionUserId = user.id;
      user.lastLoginAt = b.iso();
      b.record(user, "auth.login", null);
      return {
        username: user.username,
        role: user.role,
        expiresAt: new Date(b.now().getTime() + 12 * 3_600_000).toISOString(),
      };
    },
    "auth.logout": () => {
      const user = b.me();
      if (user) b.record(user, "auth.logout", user.username);
      state.sessionUserId = null;
      return { ok: true };
    },
    "auth.me": withUser((_input: unknown, user) => ({
      id: user.id,
      username: user.username,
      role: user.role,
      via: "session" as const,
    })),
    "auth.changePassword": withUser(async (input: RouterInputs["auth"]["changePassword"], user) => {
      if (input.current !== user.password)
        throw mockError("BAD_REQUEST", "current: the current password is wrong");
      const r = passwordSchema.safeParse(input.next);
      if (!r.success)
        throw invalid({ issues: r.error.issues.map((i) => ({ ...i, path: ["next", ...i.path] })) });
      await refuseWeakPassword("next", input.next, user.username);
      user.password = input.next;
      b.advance();
      b.record(user, "auth.changePassword", user.username);
      return { ok: true };
    }),

    "users.list": withUser(() =>
      [...state.users].sort((a, b) => a.username.localeCompare(b.username)).map(userView),
    ),
    "users.create": withUser(async (input: RouterInputs["users"]["create"], user) => {
      const issues = [
        ...(usernameSchema
          .safeParse(input.username)
          .error?.issues.map((i) => ({ ...i, path: ["username"] })) ?? []),
        ...(passwordSchema
          .safeParse(input.password)
          .error?.issues.map((i) => ({ ...i, path: ["password"] })) ?? []),
        ...(roleSchema.safeParse(input.role).error?.issues.map((i) => ({ ...i, path: ["role"] })) ?? []),
      ];
      if (issues.length) throw invalid({ issues });
      if (state.users.some((u) => u.username === input.username))
        throw mockError("CONFLICT", `username: ${input.username} exists already`);
      await refuseWeakPassword("password", input.password, input.username);
      b.advance();
      const u: MockUser = {
        id: nextCode(
          "mock-user",
          state.users.map((x) => x.id),
        ),
        username: input.username,
        role: input.role,
        disabled: false,
        createdAt: b.iso(),
        lastLoginAt: null,
        password: input.password,
      };
      state.users.push(u);
      b.record(user, "users.create", u.username);
      return userView(u);
    }),
    "users.setRole": withUser((input: RouterInputs["users"]["setRole"], user) => {
      const u = findUser(input.id);
      if (u.id === user.id && input.role !== "admin")
        throw mockError("BAD_REQUEST", "role: you cannot demote yourself; ask another admin");
      if (u.role === input.role) return { ...userView(u), sessionsEnded: 0, tokensRevoked: 0 };
      b.advance();
      u.role = input.role;
      const ended = endCredentials(u, user, input.revokeTokens ?? false);
      b.record(user, "users.setRole", u.username);
      return { ...userView(u), ...ended };
    }),
    "users.setDisabled": withUser((input: RouterInputs["users"]["setDisabled"], user) => {
      const u = findUser(input.id);
      if (u.id === user.id) throw mockError("BAD_REQUEST", "id: you cannot disable yourself");
      b.advance();
      u.disabled = input.disabled;
      b.record(user, "users.setDisabled", u.username);
      return userView(u);
    }),
    "users.resetPassword": withUser(async (input: RouterInputs["users"]["resetPassword"], user) => {
      const u = findUser(input.id);
      const r = passwordSchema.safeParse(input.password);
      if (!r.success) throw invalid({ issues: r.error.issues.map((i) => ({ ...i, path: ["password"] })) });
      await refuseWeakPassword("password", input.password, u.username);
      b.advance();
      u.password = input.password;
      const ended = endCredentials(u, user, input.revokeTokens ?? false);
      b.record(user, "users.resetPassword", u.username);
      return { ok: true, ...ended };
    }),

    "tokens.list": withUser((_input: unknown, user) =>
      state.tokens
        .filter((t) => t.userId === user.id)
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
        .map(tokenView),
    ),
    "tokens.listAll": withUser(() =>
      [...state.tokens]
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || a.id.localeCompare(b.id))
        .map((t) => {
          const { id, username, disabled } = findUser(t.userId);
          return { ...tokenView(t), owner: { id, username, disabled } };
        }),
    ),
    "tokens.create": withUser((input: RouterInputs["tokens"]["create"], user) => {
      const name = input.name.trim();
      if (!name)
        throw invalid({
          issues: [
            {
              path: ["name"],
              message: "Too small: expected string to have >=1 characters",
              code: "too_small",
            },
          ],
        });
      b.advance();
      const n = state.tokens.length + 1;
      const secret = `mock${String(n).padStart(2, "0")}EXAMPLEONLYnotarealtoken`;
      const t: MockToken = {
        id: nextCode(
          "mock-token",
          state.tokens.map((x) => x.id),
        ),
        name,
        hint: `secret-token:netops_${secret.slice(0, 6)}…`,
        createdAt: b.iso(),
        expiresAt: input.expiresInDays
          ? new Date(b.now().getTime() + input.expiresInDays * 86_400_000).toISOString()
          : null,
        lastUsedAt: null,
        revokedAt: null,
        userId: user.id,
      };
      state.tokens.push(t);
      b.record(user, "tokens.create", name);
      return { token: `secret-token:netops_${secret}`, info: tokenView(t) };
    }),
    "tokens.revoke": withUser((input: RouterInputs["tokens"]["revoke"], user) => {
      const t = state.tokens.find((x) => x.id === input.id);
      if (!t || (t.userId !== user.id && user.role !== "admin"))
        throw mockError("NOT_FOUND", "no such token");
      b.advance();
      t.revokedAt ??= b.iso();
      const owner = findUser(t.userId).username;
      b.record(user, "tokens.revoke", owner === user.username ? t.name : `${owner}/${t.name}`);
      return tokenView(t);
    }),

    "audit.list": (raw: RouterInputs["audit"]["list"]) => {
      const parsed = auditFilterSchema.safeParse(raw);
      if (!parsed.success) throw invalid(parsed.error);
      const { cursor, limit } = parsed.data;
      const rows = [...state.audit]
        .sort((x, y) => y.id - x.id)
        .filter((e) => auditEntryMatches(e, parsed.data));
      return pageOfSorted(rows, limit, cursor ? (e) => e.id < cursor : null, (e) => e.id);
    },
  };
}
