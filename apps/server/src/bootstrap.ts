import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { newPasswordProblem, type Services } from "@netops/api";

export const DEMO_USERS = [
  { username: "demo-operator", role: "operator" },
  { username: "demo-viewer", role: "viewer" },
] as const;

function generatedPassword(): string {
  return randomBytes(12).toString("base64url");
}

const CREDENTIALS_FILE = "demo-credentials.txt";
const DEMO_NAMES = new Set<string>(DEMO_USERS.map((u) => u.username));

function credentialsText(file: string, userLines: string[]): string {
  return `Demo users (from ${file}):\n${userLines.join("\n")}\n`;
}

/**
 * The demo users' passwords, printed at every demo start so a restarted demo stays usable. Only
 * theirs: the admin's password is shown once, at the first start, and a file an earlier version
 * wrote with the admin's line in it is rewritten without it.
 */
function demoCredentials(dataDir: string): string | null {
  const file = path.join(dataDir, CREDENTIALS_FILE);
  if (!existsSync(file)) return null;
  const lines = readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "");
  const users = lines.filter((l) => DEMO_NAMES.has(l.trim().split(/\s+/)[0] ?? ""));
  const text = credentialsText(file, users);
  if (lines.length !== users.length + 1) writeFileSync(file, text, { mode: 0o600 });
  return `${text}The admin password was shown at the first start only.\n`;
}

/**
 * First start: with no user at all, create `admin` (password from NETOPS_ADMIN_PASSWORD, or
 * generated and printed once). With `demo`, also seed the demo users and a demo webhook
 * receiver — only into a brand-new database, never over real data.
 */
export async function bootstrap(
  services: Services,
  opts: {
    env: Record<string, string | undefined>;
    demo: boolean;
    dataDir: string;
    print: (s: string) => void;
  },
): Promise<void> {
  const { db, auth } = services;
  if ((await db.user.count()) > 0) {
    const demo = opts.demo ? demoCredentials(opts.dataDir) : null;
    if (demo) opts.print(`\n${demo}`);
    else opts.print("\nLog in with your account (`npx netops user create NAME --role admin` makes one).\n");
    return;
  }
  const given = opts.env.NETOPS_ADMIN_PASSWORD;
  // The same password rule as everywhere else (length, common passwords, the username "admin").
  const problem = given === undefined ? null : newPasswordProblem(given, "admin");
  if (problem) throw new Error(`NETOPS_ADMIN_PASSWORD: ${problem}`);
  const adminPassword = given ?? generatedPassword();
  try {
    await auth.createUser("admin", adminPassword, "admin");
  } catch (e) {
    // Replicas starting together on a fresh database: another one created the first user (and
    // seeds the rest); this one starts like on a database that has users.
    if ((e as { code?: string }).code !== "P2002") throw e;
    opts.print("\nAnother replica set this database up first; log in with its account.\n");
    return;
  }
  await services.audit.record({
    actorId: null,
    actorName: "system",
    action: "bootstrap.admin",
    target: "admin",
  });
  const lines = ["", "First start: created user 'admin' (role admin)."];
  lines.push(
    given ? "  password: from NETOPS_ADMIN_PASSWORD" : `  password: ${adminPassword}   (shown once: keep it)`,
  );
  if (opts.demo) {
    lines.push("Demo data seeded. Demo users (disable them before real use):");
    const demoLines: string[] = [];
    for (const u of DEMO_USERS) {
      const pw = generatedPassword();
      await auth.createUser(u.username, pw, u.role);
      demoLines.push(`  ${u.username.padEnd(14)} role ${u.role.padEnd(9)} password ${pw}`);
    }
    lines.push(...demoLines);
    // Nothing listens on port 4 (unassigned, privileged, and not on fetch's blocked-port list):
    // deliveries fail for real, are retried, and the failure raises an alert.
    await services.webhooks.create({
      name: "demo-unreachable",
      url: "http://127.0.0.1:4/hook",
      secret: randomBytes(24).toString("base64url"),
      minSeverity: "info",
      sources: [],
      sendResolved: true,
    });
    await db.meta.upsert({
      where: { key: "demo" },
      create: { key: "demo", value: new Date().toISOString() },
      update: {},
    });
    await services.audit.record({
      actorId: null,
      actorName: "system",
      action: "bootstrap.demo",
      target: "demo data",
    });
    // The demo users' passwords are kept for later starts; the admin's is not (shown once, above).
    mkdirSync(opts.dataDir, { recursive: true, mode: 0o700 });
    const file = path.join(opts.dataDir, CREDENTIALS_FILE);
    writeFileSync(file, credentialsText(file, demoLines), { mode: 0o600 });
  }
  opts.print(`${lines.join("\n")}\n`);
}
