import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, type Harness, startHarness } from "./harness";

let h: Harness;
let admin: Client;
beforeAll(async () => {
  h = await startHarness({ env: { NETOPS_LOGIN_MAX_FAILURES: "3", NETOPS_LOGIN_WINDOW_SECONDS: "60" } });
  admin = new Client(h);
  await admin.login("admin", "admin-password-1");
  await admin.mutate("users.create", { username: "viewer1", password: "viewer-password-1", role: "viewer" });
  await admin.mutate("users.create", { username: "oper1", password: "operator-password", role: "operator" });
});
afterAll(() => h.close());

describe("login and sessions", () => {
  it("sets an httpOnly SameSite=Strict session cookie on login", async () => {
    const c = new Client(h);
    const r = await c.login("viewer1", "viewer-password-1");
    expect(r.setCookie[0]).toMatch(/^netops_session=[^;]+; Path=\/; HttpOnly; SameSite=Strict; Max-Age=\d+$/);
    expect((await c.query("auth.me")).data).toMatchObject({
      username: "viewer1",
      role: "viewer",
      via: "session",
    });
  });

  it("refuses a wrong password with 401 and the same message as an unknown user", async () => {
    const c = new Client(h);
    const wrong = await c.mutate("auth.login", { username: "oper1", password: "not-the-password" });
    const unknown = await c.mutate("auth.login", { username: "nobody", password: "not-the-password" });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.error?.message).toBe(unknown.error?.message);
    expect(c.cookie).toBe("");
  });

  it("rate-limits repeated failures with 429 and a retry time, also for the right password", async () => {
    const c = new Client(h, { "user-agent": "rate-test" });
    const target = { username: "ratelimited", password: "x" };
    await admin.mutate("users.create", {
      username: "ratelimited",
      password: "correct-horse-battery",
      role: "viewer",
    });
    for (let i = 0; i < 3; i++) expect((await c.mutate("auth.login", target)).status).toBe(401);
    const blocked = await c.mutate("auth.login", {
      username: "ratelimited",
      password: "correct-horse-battery",
    });
    expect(blocked.status).toBe(429);
    expect(blocked.error?.message).toMatch(/try again in \d+ s/);
  });

  it("401 for every protected procedure without a session; only login and logout are public", async () => {
    const anon = new Client(h);
    for (const p of [
      "auth.me",
      "alerts.list",
      "alerts.active",
      "system.overview",
      "users.list",
      "audit.list",
      "webhooks.list",
    ]) {
      const r = await anon.query(p, p === "alerts.list" ? {} : undefined);
      expect(r.status, p).toBe(401);
    }
    expect((await anon.mutate("alerts.acknowledge", { id: 1 })).status).toBe(401);
    expect((await anon.mutate("auth.logout")).status).toBe(200);
    expect((await fetch(`${h.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${h.url}/metrics`)).status).toBe(401);
  });

  it("logout ends the session server-side: the old cookie no longer works", async () => {
    const c = new Client(h);
    await c.login("oper1", "operator-password");
    const old = c.cookie;
    expect((await c.mutate("auth.logout")).status).toBe(200);
    const replay = new Client(h);
    replay.cookie = old;
    expect((await replay.query("auth.me")).status).toBe(401);
  });

  it("an expired session is refused and removed", async () => {
    const c = new Client(h);
    await c.login("oper1", "operator-password");
    const oper = await h.app.services.db.user.findUniqueOrThrow({ where: { username: "oper1" } });
    await h.app.services.db.session.updateMany({
      where: { userId: oper.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect((await c.query("auth.me")).status).toBe(401);
    expect(
      await h.app.services.db.session.count({ where: { userId: oper.id, expiresAt: { lt: new Date() } } }),
    ).toBe(0);
  });

  it("a forged session cookie is refused", async () => {
    const c = new Client(h);
    c.cookie = "netops_session=forged-value-that-is-not-a-session";
    expect((await c.query("auth.me")).status).toBe(401);
  });
});

describe("roles are checked on the server", () => {
  it("a viewer calling a mutation gets 403 and the attempt is audited", async () => {
    const v = new Client(h);
    await v.login("viewer1", "viewer-password-1");
    const r = await v.mutate("alerts.acknowledge", { id: 1 });
    expect(r.status).toBe(403);
    expect(r.error?.message).toMatch(/operator role/);
    const u = await v.mutate("users.create", {
      username: "evil",
      password: "evil-password-1",
      role: "admin",
    });
    expect(u.status).toBe(403);
    const audit = await admin.query("audit.list", { actor: "viewer1" });
    expect((audit.data as { items: { action: string; ok: boolean }[] }).items).toEqual(
      expect.arrayContaining([expect.objectContaining({ action: "users.create", ok: false })]),
    );
  });

  it("an operator may not manage users or webhooks", async () => {
    const o = new Client(h);
    await o.login("oper1", "operator-password");
    expect((await o.query("users.list")).status).toBe(403);
    expect((await o.query("webhooks.list")).status).toBe(403);
    expect((await o.query("audit.list", {})).status).toBe(403);
  });
});

describe("CSRF defence", () => {
  it("refuses a cookie-authenticated mutation from another origin", async () => {
    const c = new Client(h);
    await c.login("oper1", "operator-password");
    const r = await c.mutate("tokens.create", { name: "csrf" }, { origin: "https://evil.example" });
    expect(r.status).toBe(403);
    expect(r.error?.message).toMatch(/cross-site request refused/);
    const tokens = await c.query("tokens.list");
    expect((tokens.data as { name: string }[]).map((t) => t.name)).not.toContain("csrf");
  });

  it("refuses a cookie-authenticated mutation with no Origin header", async () => {
    const c = new Client(h);
    await c.login("oper1", "operator-password");
    const res = await fetch(`${h.url}/api/trpc/tokens.create`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: c.cookie },
      body: JSON.stringify({ name: "no-origin" }),
    });
    expect(res.status).toBe(403);
  });

  it("refuses a cross-origin login (login CSRF)", async () => {
    const c = new Client(h);
    const r = await c.mutate(
      "auth.login",
      { username: "oper1", password: "operator-password" },
      { origin: "https://evil.example" },
    );
    expect(r.status).toBe(403);
  });
});

describe("API tokens", () => {
  it("are shown once in the RFC 8959 form, work as Bearer, record last use, and stop working when revoked", async () => {
    const o = new Client(h);
    await o.login("oper1", "operator-password");
    const created = await o.mutate("tokens.create", { name: "script" });
    const token = (created.data as { token: string }).token;
    expect(token).toMatch(/^secret-token:netops_[A-Za-z0-9_-]{43}$/);
    const list = (await o.query("tokens.list")).data as {
      id: string;
      hint: string;
      lastUsedAt: string | null;
    }[];
    expect(JSON.stringify(list)).not.toContain(token);
    const bearer = new Client(h, { authorization: `Bearer ${token}` });
    expect((await bearer.query("auth.me")).data).toMatchObject({ username: "oper1", via: "token" });
    // Tokens carry no ambient authority, so no Origin is needed for their mutations.
    const res = await fetch(`${h.url}/api/trpc/alerts.resolve`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ id: 999999 }),
    });
    expect(res.status).toBe(404);
    const after = (await o.query("tokens.list")).data as { id: string; lastUsedAt: string | null }[];
    expect(after[0]?.lastUsedAt).not.toBeNull();
    expect((await fetch(`${h.url}/metrics`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(
      200,
    );
    await o.mutate("tokens.revoke", { id: after[0]!.id });
    expect((await bearer.query("auth.me")).status).toBe(401);
    // The database holds only a hash.
    const rows = await h.app.services.db.apiToken.findMany();
    expect(JSON.stringify(rows)).not.toContain(token.slice(20));
  });

  it("a malformed bearer token is 401, not a crash", async () => {
    for (const t of [
      "",
      "secret-token:netops_",
      "x".repeat(10_000),
      "secret-token:netops_%00%01",
      "secret-token:other_x",
    ]) {
      const c = new Client(h, { authorization: `Bearer ${t}` });
      expect((await c.query("auth.me")).status).toBe(401);
    }
  });
});

describe("bad input", () => {
  it("answers 400 with the zod issue path and message, never a stack trace", async () => {
    const r = await admin.mutate("users.create", { username: "Bad Name", password: "short", role: "king" });
    expect(r.status).toBe(400);
    const paths = r.error?.data.issues?.map((i) => i.path).sort();
    expect(paths).toEqual(["password", "role", "username"]);
    expect(r.error?.message).toContain("password: at least 12 characters");
    expect(JSON.stringify(r.body)).not.toMatch(/at .*\.ts:\d+/);
  });

  it("refuses malformed JSON and oversized bodies cleanly", async () => {
    const bad = await fetch(`${h.url}/api/trpc/auth.login`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: h.origin },
      body: "{not json",
    });
    expect(bad.status).toBe(400);
    const big = await fetch(`${h.url}/api/trpc/auth.login`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: h.origin },
      body: JSON.stringify({ username: "a", password: "x".repeat(2 * 1024 * 1024) }),
    });
    expect(big.status).toBe(413);
    expect((await fetch(`${h.url}/api/trpc/no.such.procedure`)).status).toBe(404);
  });

  it("hostile strings are stored and returned verbatim, not interpreted", async () => {
    const summary = `<script>alert(1)</script> ' OR 1=1 -- ${"\u202e"}`;
    await h.app.services.alerts.raise({
      source: "system",
      severity: "info",
      labels: { t: "hostile" },
      summary,
    });
    const list = await admin.query("alerts.list", { q: "OR 1=1" });
    expect((list.data as { items: { summary: string }[] }).items[0]?.summary).toBe(summary);
  });
});

describe("audit log", () => {
  it("records who changed what, with before and after, and redacts secrets", async () => {
    const u = (
      await admin.mutate("users.create", {
        username: "audited",
        password: "audited-password",
        role: "viewer",
      })
    ).data as { id: string };
    await admin.mutate("users.setRole", { id: u.id, role: "operator" });
    const entries = (await admin.query("audit.list", { action: "users." })).data as {
      items: {
        action: string;
        actorName: string;
        before: string | null;
        after: string | null;
        target: string;
      }[];
    };
    const setRole = entries.items.find((e) => e.action === "users.setRole" && e.target === "audited");
    expect(setRole?.actorName).toBe("admin");
    expect(JSON.parse(setRole!.before!)).toMatchObject({ role: "viewer" });
    expect(JSON.parse(setRole!.after!)).toMatchObject({ role: "operator" });
    const all = JSON.stringify(entries);
    expect(all).not.toContain("audited-password");
  });
});

describe("audit entries", () => {
  it("a role-checked mutation writes exactly one entry", async () => {
    const before = await h.app.services.db.auditEntry.count({ where: { action: "users.create" } });
    await admin.mutate("users.create", { username: "once", password: "once-password-1", role: "viewer" });
    expect(await h.app.services.db.auditEntry.count({ where: { action: "users.create" } })).toBe(before + 1);
    const login = await h.app.services.db.auditEntry.count({
      where: { action: "auth.login", actorName: "once" },
    });
    await new Client(h).login("once", "once-password-1");
    expect(
      await h.app.services.db.auditEntry.count({ where: { action: "auth.login", actorName: "once" } }),
    ).toBe(login + 1);
  });
});
