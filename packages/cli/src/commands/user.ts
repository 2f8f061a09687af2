import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { auditedChange, newPasswordProblem } from "@netops/api";
import { passwordSchema, roleSchema, usernameSchema } from "@netops/protocols";
import { withServices } from "../context";
import { Failure, type Io, print, UsageError } from "../io";

export const USER_HELP = `netops user create USERNAME --role viewer|operator|admin [--password-stdin] [--json]
netops user list [--json]
netops user set-role USERNAME ROLE [--revoke-tokens] [--json]
  (a new role ends the user's sessions; --revoke-tokens also revokes their API tokens)`;

function check<T>(
  schema: {
    safeParse(
      v: unknown,
    ): { success: true; data: T } | { success: false; error: { issues: { message: string }[] } };
  },
  v: unknown,
  what: string,
): T {
  const r = schema.safeParse(v);
  if (!r.success) throw new UsageError(`${what}: ${r.error.issues.map((i) => i.message).join("; ")}`);
  return r.data;
}

export async function userCommand(args: string[], io: Io): Promise<void> {
  const [sub, ...rest] = args;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      role: { type: "string" },
      "password-stdin": { type: "boolean" },
      "revoke-tokens": { type: "boolean" },
      json: { type: "boolean" },
    },
  });
  const json = values.json ?? false;
  if (sub === "list") {
    await withServices(io, async ({ db }) => {
      const users = await db.user.findMany({ orderBy: { username: "asc" } });
      const data = users.map((u) => ({
        username: u.username,
        role: u.role,
        disabled: u.disabled,
        createdAt: u.createdAt.toISOString(),
        lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
      }));
      print(io, json, data, [
        ["USERNAME", "ROLE", "DISABLED", "LAST LOGIN (UTC)"],
        ...data.map((u) => [u.username, u.role, u.disabled ? "yes" : "no", u.lastLoginAt ?? "never"]),
      ]);
    });
    return;
  }
  if (sub === "create") {
    const username = check(usernameSchema, positionals[0], "USERNAME");
    const role = check(roleSchema, values.role, "--role");
    let password: string;
    let generated = false;
    if (values["password-stdin"]) {
      password = check(passwordSchema, (await io.stdin()).replace(/\r?\n$/, ""), "password");
      const problem = newPasswordProblem(password, username);
      if (problem) throw new UsageError(`password: ${problem}`);
    } else {
      password = randomBytes(12).toString("base64url");
      generated = true;
    }
    await withServices(io, async ({ db, auth, audit }) => {
      if (await db.user.findUnique({ where: { username } }))
        throw new Failure(`user ${username} exists already`);
      const u = await auth.createUser(username, password, role);
      await audit.record({
        actorId: null,
        actorName: "cli",
        action: "users.create",
        target: username,
        after: { username, role },
      });
      const data = { username: u.username, role: u.role, ...(generated && { password }) };
      if (json) print(io, true, data);
      else
        io.out(`created ${username} (${role})${generated ? `\npassword: ${password}   (shown once)` : ""}\n`);
    });
    return;
  }
  if (sub === "set-role") {
    const username = check(usernameSchema, positionals[0], "USERNAME");
    const role = check(roleSchema, positionals[1], "ROLE");
    await withServices(io, async ({ db, auth, audit }) => {
      const before = await db.user.findUnique({ where: { username } });
      if (!before) throw new Failure(`no user ${username}`);
      // Like the web console: a new role ends the user's sessions, and tokens too if asked.
      const ended =
        before.role === role
          ? { sessionsEnded: 0, tokensRevoked: 0 }
          : await auth.setRole(before.id, role, { revokeTokens: values["revoke-tokens"] ?? false });
      await audit.record({
        actorId: null,
        actorName: "cli",
        action: "users.setRole",
        target: username,
        before: { role: before.role },
        after: { role, ...auditedChange(ended) },
      });
      if (json) print(io, true, { username, role, previous: before.role, ...ended });
      else
        io.out(
          `${username}: ${before.role} → ${role}; ${ended.sessionsEnded} session(s) ended, ${ended.tokensRevoked} token(s) revoked\n`,
        );
    });
    return;
  }
  throw new UsageError(`unknown or missing subcommand: user ${sub ?? ""}\n${USER_HELP}`);
}
