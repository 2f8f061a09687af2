/**
 * Accounts hardening: the password rule wherever a password is set, and what a password reset or a
 * role change does to the user's sessions and API tokens; admins see and revoke every token.
 */
import type { Services } from "@netops/api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bootstrap } from "../src/bootstrap";
import { Client, type Harness, startHarness } from "./harness";

let h: Harness;
let admin: Client;
let n = 0;

beforeAll(async () => {
  h = await startHarness();
  admin = new Client(h);
  await admin.login("admin", "admin-password-1");
});
afterAll(() => h.close());

type TokenInfo = { id: string; name: string; revokedAt: string | null };

/** A fresh user with a browser session and an API token. */
async function userWithSessionAndToken(role: "viewer" | "operator" = "viewer") {
  const username = `acct${++n}`;
  const password = "tall-ferns-by-the-river";
  const created = await admin.mutate("users.create", { username, password, role });
  expect(created.status).toBe(200);
  const session = new Client(h);
  await session.login(username, password);
  const t = await session.mutate("tokens.create", { name: `script-${n}` });
  const { token, info } = t.data as { token: string; info: TokenInfo };
  return {
    id: (created.data as { id: string }).id,
    username,
    password,
    session,
    bearer: new Client(h, { authorization: `Bearer ${token}` }),
    tokenId: info.id,
  };
}

describe("the password rule on the server", () => {
  it("users.create refuses the issue's examples, naming the field and the reason", async () => {
    for (const password of ["password1234", "123456789012"]) {
      const r = await admin.mutate("users.create", { username: "weak1", password, role: "viewer" });
      expect(r.status).toBe(400);
      expect(r.error?.message).toMatch(/^password: this password is (in the list of the 49,233|a run)/);
      expect(r.error?.data.code).toBe("BAD_REQUEST");
    }
    const r = await admin.mutate("users.create", {
      username: "weak1",
      password: "Weak1-2024!!",
      role: "viewer",
    });
    expect(r.error?.message).toBe(
      "password: this password is the username with only digits or symbols added",
    );
    expect(await h.app.services.db.user.count({ where: { username: "weak1" } })).toBe(0);
  });

  it("users.resetPassword and auth.changePassword apply the same rule", async () => {
    const u = await userWithSessionAndToken();
    const reset = await admin.mutate("users.resetPassword", { id: u.id, password: "Password1234" });
    expect(reset.status).toBe(400);
    expect(reset.error?.message).toBe(
      "password: this password is in the list of the 49,233 most common passwords",
    );
    const change = await u.session.mutate("auth.changePassword", {
      current: u.password,
      next: "aaaaaaaaaaaaaaaa",
    });
    expect(change.status).toBe(400);
    expect(change.error?.message).toBe("next: this password is one character repeated");
    const own = await u.session.mutate("auth.changePassword", {
      current: u.password,
      next: `${u.username}!!!!!!!!`,
    });
    expect(own.error?.message).toBe("next: this password is the username with only digits or symbols added");
    // Nothing changed: the old password still logs in.
    await new Client(h).login(u.username, u.password);
  });

  it("the first start refuses a common NETOPS_ADMIN_PASSWORD", async () => {
    const services = { db: { user: { count: async () => 0 } } } as unknown as Services;
    const run = (pw: string) =>
      bootstrap(services, {
        env: { NETOPS_ADMIN_PASSWORD: pw },
        demo: false,
        dataDir: h.dir,
        print: () => {},
      });
    await expect(run("password1234")).rejects.toThrow(
      "NETOPS_ADMIN_PASSWORD: this password is in the list of the 49,233 most common passwords",
    );
    await expect(run("admin1234567")).rejects.toThrow(/NETOPS_ADMIN_PASSWORD: this password is the username/);
  });
});

describe("a password reset", () => {
  it("ends the user's sessions and, with revokeTokens false, keeps their tokens", async () => {
    const u = await userWithSessionAndToken();
    const r = await admin.mutate("users.resetPassword", {
      id: u.id,
      password: "new-ferns-by-the-lake",
      revokeTokens: false,
    });
    expect(r.status).toBe(200);
    expect(r.data).toMatchObject({ ok: true, sessionsEnded: 1, tokensRevoked: 0 });
    expect((await u.session.query("auth.me")).status).toBe(401);
    expect(await h.app.services.db.session.count({ where: { userId: u.id } })).toBe(0);
    expect((await u.bearer.query("auth.me")).data).toMatchObject({ username: u.username, via: "token" });
  });

  it("with revokeTokens true also revokes the tokens: they no longer authenticate", async () => {
    const u = await userWithSessionAndToken("operator");
    const r = await admin.mutate("users.resetPassword", {
      id: u.id,
      password: "new-ferns-by-the-lake",
      revokeTokens: true,
    });
    expect(r.data).toMatchObject({ sessionsEnded: 1, tokensRevoked: 1 });
    expect((await u.bearer.query("auth.me")).status).toBe(401);
    expect((await u.session.query("auth.me")).status).toBe(401);
    const row = await h.app.services.db.apiToken.findUniqueOrThrow({ where: { id: u.tokenId } });
    expect(row.revokedAt).not.toBeNull();
    const audit = (await admin.query("audit.list", { action: "users.resetPassword" })).data as {
      items: { target: string; after: string | null }[];
    };
    const entry = audit.items.find((e) => e.target === u.username);
    expect(JSON.parse(entry!.after!)).toEqual({ sessionsEnded: 1, revoked: 1 });
  });

  it("a self-service change ends the other sessions but keeps the one that made it", async () => {
    const u = await userWithSessionAndToken();
    const other = new Client(h);
    await other.login(u.username, u.password);
    const r = await u.session.mutate("auth.changePassword", {
      current: u.password,
      next: "fresh-ferns-in-spring",
    });
    expect(r.status).toBe(200);
    expect((await other.query("auth.me")).status).toBe(401);
    expect((await u.session.query("auth.me")).status).toBe(200);
    expect((await u.bearer.query("auth.me")).status).toBe(200);
  });
});

describe("an admin resetting their own password", () => {
  it("keeps the session that made the change and ends the others", async () => {
    await admin.mutate("users.create", {
      username: "second-admin",
      password: "tall-ferns-by-the-river",
      role: "admin",
    });
    const me = new Client(h);
    await me.login("second-admin", "tall-ferns-by-the-river");
    const other = new Client(h);
    await other.login("second-admin", "tall-ferns-by-the-river");
    const id = ((await me.query("auth.me")).data as { id: string }).id;
    const r = await me.mutate("users.resetPassword", { id, password: "new-ferns-by-the-lake" });
    expect(r.data).toMatchObject({ sessionsEnded: 1, tokensRevoked: 0 });
    expect((await me.query("auth.me")).status).toBe(200);
    expect((await other.query("auth.me")).status).toBe(401);
  });
});

describe("a role change", () => {
  it("ends the user's sessions; revokeTokens decides about their tokens", async () => {
    const kept = await userWithSessionAndToken();
    const a = await admin.mutate("users.setRole", { id: kept.id, role: "operator", revokeTokens: false });
    expect(a.data).toMatchObject({ role: "operator", sessionsEnded: 1, tokensRevoked: 0 });
    expect((await kept.session.query("auth.me")).status).toBe(401);
    expect((await kept.bearer.query("auth.me")).data).toMatchObject({ role: "operator" });

    const revoked = await userWithSessionAndToken("operator");
    const b = await admin.mutate("users.setRole", { id: revoked.id, role: "viewer", revokeTokens: true });
    expect(b.data).toMatchObject({ role: "viewer", sessionsEnded: 1, tokensRevoked: 1 });
    expect((await revoked.session.query("auth.me")).status).toBe(401);
    expect((await revoked.bearer.query("auth.me")).status).toBe(401);
  });

  it("to the same role changes nothing and logs nobody out", async () => {
    const u = await userWithSessionAndToken();
    const r = await admin.mutate("users.setRole", { id: u.id, role: "viewer", revokeTokens: true });
    expect(r.data).toMatchObject({ sessionsEnded: 0, tokensRevoked: 0 });
    expect((await u.session.query("auth.me")).status).toBe(200);
    expect((await u.bearer.query("auth.me")).status).toBe(200);
  });
});

describe("disabling a user", () => {
  it("ends their sessions and refuses their tokens until enabled again", async () => {
    const u = await userWithSessionAndToken();
    expect((await admin.mutate("users.setDisabled", { id: u.id, disabled: true })).status).toBe(200);
    expect(await h.app.services.db.session.count({ where: { userId: u.id } })).toBe(0);
    expect((await u.session.query("auth.me")).status).toBe(401);
    expect((await u.bearer.query("auth.me")).status).toBe(401);
    await admin.mutate("users.setDisabled", { id: u.id, disabled: false });
    expect((await u.bearer.query("auth.me")).status).toBe(200);
  });
});

describe("every user's tokens, for admins", () => {
  it("a viewer or an operator cannot list them", async () => {
    const v = await userWithSessionAndToken("viewer");
    const o = await userWithSessionAndToken("operator");
    expect((await v.session.query("tokens.listAll")).status).toBe(403);
    expect((await o.session.query("tokens.listAll")).status).toBe(403);
    expect((await o.bearer.query("tokens.listAll")).status).toBe(403);
  });

  it("an admin lists them with their owners and revokes another user's token, audited", async () => {
    const u = await userWithSessionAndToken("operator");
    const all = (await admin.query("tokens.listAll")).data as (TokenInfo & {
      hint: string;
      owner: { id: string; username: string };
    })[];
    const row = all.find((t) => t.id === u.tokenId);
    expect(row).toMatchObject({
      name: `script-${n}`,
      owner: { id: u.id, username: u.username },
      revokedAt: null,
    });
    expect(row?.hint).toMatch(/^secret-token:netops_.{6}…$/);

    const r = await admin.mutate("tokens.revoke", { id: u.tokenId });
    expect(r.status).toBe(200);
    expect((await u.bearer.query("auth.me")).status).toBe(401);
    const audit = (await admin.query("audit.list", { action: "tokens.revoke" })).data as {
      items: { target: string; actorName: string }[];
    };
    expect(audit.items[0]).toMatchObject({ actorName: "admin", target: `${u.username}/script-${n}` });
  });

  it("a non-admin cannot revoke someone else's token", async () => {
    const owner = await userWithSessionAndToken("operator");
    const other = await userWithSessionAndToken("operator");
    expect((await other.session.mutate("tokens.revoke", { id: owner.tokenId })).status).toBe(404);
    expect((await owner.bearer.query("auth.me")).status).toBe(200);
  });
});
