/**
 * First and later starts: the generated admin password is printed once (as the first start says)
 * and stored nowhere; the demo users' passwords are kept (owner-only) and printed at every start.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createServices } from "@netops/api";
import { applyMigrations, createDb, type Db } from "@netops/db";
import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { bootstrap } from "../src/bootstrap";

const open: { dir: string; db: Db }[] = [];
afterEach(async () => {
  for (const o of open.splice(0)) {
    await o.db.$disconnect();
    rmSync(o.dir, { recursive: true, force: true });
  }
});

function fresh() {
  const dir = mkdtempSync(path.join(tmpdir(), "netops-boot-"));
  const url = `file:${path.join(dir, "netops.db")}`;
  applyMigrations(url);
  const db = createDb(url);
  open.push({ dir, db });
  const services = createServices(db, pino({ level: "silent" }), {
    sessionTtlHours: 1,
    loginMaxFailures: 5,
    loginWindowSeconds: 60,
    secretKey: "test-secret-key",
    publicOrigin: "http://127.0.0.1:1",
    webhook: { timeoutMs: 1000, maxAttempts: 1, backoffMs: 10 },
  });
  return { dir, services };
}

/** One start's bootstrap; returns what it printed. */
async function start(s: ReturnType<typeof fresh>, demo: boolean, env: Record<string, string> = {}) {
  let out = "";
  await bootstrap(s.services, { env, demo, dataDir: s.dir, print: (t) => (out += t) });
  return out;
}

const passwordOf = (out: string, user: string) =>
  out.match(new RegExp(`^ +${user} +role \\S+ +password (\\S+)$`, "m"))?.[1];

describe("bootstrap", () => {
  it("prints a generated admin password at the first start only; demo passwords at every start", async () => {
    const s = fresh();
    const first = await start(s, true);
    const admin = first.match(/password: (\S+) {3}\(shown once: keep it\)/)?.[1];
    expect(admin).toBeDefined();
    const operator = passwordOf(first, "demo-operator");
    const viewer = passwordOf(first, "demo-viewer");
    expect(operator).toBeDefined();
    expect(viewer).toBeDefined();
    expect(await s.services.auth.checkPassword("admin", admin as string)).not.toBeNull();

    const file = path.join(s.dir, "demo-credentials.txt");
    expect(readFileSync(file, "utf8")).not.toContain(admin);
    expect(statSync(file).mode & 0o777).toBe(0o600);

    const second = await start(s, true);
    expect(second).not.toContain(admin);
    expect(passwordOf(second, "demo-operator")).toBe(operator);
    expect(passwordOf(second, "demo-viewer")).toBe(viewer);
    expect(second).toContain("The admin password was shown at the first start only.");
  });

  it("drops the admin line from a credentials file an earlier version wrote, and never prints it", async () => {
    const s = fresh();
    const first = await start(s, true);
    const operator = passwordOf(first, "demo-operator");
    const file = path.join(s.dir, "demo-credentials.txt");
    const old = readFileSync(file, "utf8").replace(
      ":\n",
      ":\n  admin          role admin     password old-admin-secret-123\n",
    );
    writeFileSync(file, old);
    const second = await start(s, true);
    expect(second).not.toContain("old-admin-secret-123");
    expect(passwordOf(second, "demo-operator")).toBe(operator);
    expect(readFileSync(file, "utf8")).not.toContain("old-admin-secret-123");
  });

  it("prints no password at a later start without demo data", async () => {
    const s = fresh();
    const first = await start(s, false);
    const admin = first.match(/password: (\S+) {3}\(shown once: keep it\)/)?.[1];
    expect(admin).toBeDefined();
    const second = await start(s, false);
    expect(second).not.toContain(admin);
    expect(second).toMatch(/Log in with your account/);
  });

  it("replicas starting together on a fresh database: one creates admin, the other starts without failing", async () => {
    const s = fresh();
    const outs = await Promise.all([start(s, false), start(s, false)]);
    expect(outs.filter((o) => o.includes("First start: created user 'admin'")).length).toBe(1);
    expect(outs.filter((o) => o.includes("Another replica set this database up first")).length).toBe(1);
    expect(await s.services.db.user.count()).toBe(1);
  });
});
