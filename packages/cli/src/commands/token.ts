import { parseArgs } from "node:util";
import { withServices } from "../context";
import { Failure, type Io, print, UsageError } from "../io";

export const TOKEN_HELP = `netops token create --user USERNAME --name NAME [--expires-days N] [--json]
netops token list --user USERNAME [--json]
netops token revoke --user USERNAME --name NAME`;

export async function tokenCommand(args: string[], io: Io): Promise<void> {
  const [sub, ...rest] = args;
  const { values } = parseArgs({
    args: rest,
    options: {
      user: { type: "string" },
      name: { type: "string" },
      "expires-days": { type: "string" },
      json: { type: "boolean" },
    },
  });
  const json = values.json ?? false;
  if (!values.user) throw new UsageError(`--user is required\n${TOKEN_HELP}`);
  const username = values.user;
  await withServices(io, async ({ db, auth, audit }) => {
    const user = await db.user.findUnique({ where: { username } });
    if (!user) throw new Failure(`no user ${username}`);
    if (sub === "create") {
      const name = values.name?.trim();
      if (!name || name.length > 64) throw new UsageError("--name: 1 to 64 characters");
      let expires: Date | null = null;
      if (values["expires-days"] !== undefined) {
        const days = Number(values["expires-days"]);
        if (!Number.isInteger(days) || days < 1 || days > 3650)
          throw new UsageError("--expires-days: a whole number from 1 to 3650");
        expires = new Date(Date.now() + days * 86_400_000);
      }
      const { token, row } = await auth.createToken(user.id, name, expires);
      await audit.record({
        actorId: null,
        actorName: "cli",
        action: "tokens.create",
        target: `${username}/${name}`,
      });
      if (json)
        print(io, true, { token, name, user: username, expiresAt: row.expiresAt?.toISOString() ?? null });
      else io.out(`${token}\n(shown once; it acts as ${username} with role ${user.role})\n`);
      return;
    }
    if (sub === "list") {
      const rows = await db.apiToken.findMany({ where: { userId: user.id }, orderBy: { createdAt: "desc" } });
      const data = rows.map((t) => ({
        name: t.name,
        hint: `secret-token:netops_${t.hint}…`,
        createdAt: t.createdAt.toISOString(),
        lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
        revoked: t.revokedAt !== null,
      }));
      print(io, json, data, [
        ["NAME", "HINT", "LAST USED (UTC)", "REVOKED"],
        ...data.map((t) => [t.name, t.hint, t.lastUsedAt ?? "never", t.revoked ? "yes" : "no"]),
      ]);
      return;
    }
    if (sub === "revoke") {
      const r = await db.apiToken.updateMany({
        where: { userId: user.id, name: values.name ?? "", revokedAt: null },
        data: { revokedAt: new Date() },
      });
      if (r.count === 0) throw new Failure(`no active token named ${values.name ?? ""} for ${username}`);
      await audit.record({
        actorId: null,
        actorName: "cli",
        action: "tokens.revoke",
        target: `${username}/${values.name}`,
      });
      io.out(`revoked ${r.count} token(s)\n`);
      return;
    }
    throw new UsageError(`unknown or missing subcommand: token ${sub ?? ""}\n${TOKEN_HELP}`);
  });
}
