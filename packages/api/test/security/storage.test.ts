/**
 * A read-only database. SQLite: the console's connection opened read-only on a real SQLite file
 * (what SQLite falls back to when the file or its mount cannot be written; file modes do not stop
 * root, so the test opens it read-only itself): every write fails with SQLITE_READONLY.
 * PostgreSQL: a connection whose transactions are read-only (default_transaction_read_only, what a
 * hot standby or `ALTER DATABASE … SET default_transaction_read_only` gives): SQLSTATE 25006.
 */
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import path from "node:path";
import { createDb, dbUrl } from "@netops/db";
import { testEngine } from "@netops/db/testing";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PrismaClient } from "../../../db/src/generated/client";
import type { Context } from "../../src/context";
import { appRouter } from "../../src/router";
import { storageProblem } from "../../src/services/storage";
import { createCallerFactory } from "../../src/trpc";
import { type TestDb, testDb, testServices } from "../fixtures";

const onPostgres = testEngine() === "postgres";
/** The code each engine gives a write on a read-only database. */
const READ_ONLY_CODE = onPostgres ? "25006" : "SQLITE_READONLY";
let t: TestDb;
let readOnly: PrismaClient;
let adminId = "";
beforeAll(async () => {
  t = testDb("readonly");
  adminId = (await testServices(t.db).auth.createUser("admin", "admin-password-1", "admin")).id;
  readOnly = onPostgres
    ? createDb(`${dbUrl(t.db)}?options=${encodeURIComponent("-c default_transaction_read_only=on")}`)
    : new PrismaClient({
        adapter: new PrismaBetterSQLite3({ url: `file:${path.join(t.dir, "netops.db")}`, readonly: true }),
      });
});
afterAll(async () => {
  await readOnly?.$disconnect();
  await t?.close();
});

function adminCaller() {
  const services = testServices(readOnly as never);
  const ctx: Context = {
    services,
    req: { method: "POST", headers: {}, ip: "127.0.0.1", secure: false, setCookie: () => {} },
    user: { id: adminId, username: "admin", role: "admin", via: "token" },
    audit: { written: false },
  };
  return { services, caller: createCallerFactory(appRouter)(ctx) };
}

describe("a read-only database", () => {
  it("refuses a change with 503 storage unavailable, and says so in the health overview", async () => {
    const { services, caller } = adminCaller();
    // Reads still work.
    expect((await caller.users.list()).map((u) => u.username)).toEqual(["admin"]);
    const err = await caller.users
      .create({ username: "ghost", password: "ghost-password-1", role: "viewer" })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TRPCError);
    expect([(err as TRPCError).code, (err as TRPCError).message]).toEqual([
      "SERVICE_UNAVAILABLE",
      `storage unavailable: the database is read-only (${READ_ONLY_CODE}); nothing was changed`,
    ]);
    expect(await t.db.user.count({ where: { username: "ghost" } })).toBe(0);
    const status = await services.storage.check();
    expect([status.ok, status.problem?.kind, status.summary]).toEqual([
      false,
      "read-only",
      `Storage unavailable: the database is read-only (${READ_ONLY_CODE})`,
    ]);
    const system = (await services.health.overview()).find((s) => s.subsystem === "system");
    expect(system?.health).toBe("failing");
  });

  it("recognises storage errors through Prisma's wrappers, and nothing else", async () => {
    const wrapped = await readOnly.user
      .create({ data: { username: "x", passwordHash: "x", role: "viewer" } })
      .catch((e: unknown) => e);
    expect(storageProblem(wrapped)).toEqual({ kind: "read-only", code: READ_ONLY_CODE });
    expect(storageProblem(new TRPCError({ code: "INTERNAL_SERVER_ERROR", cause: wrapped as Error }))).toEqual(
      { kind: "read-only", code: READ_ONLY_CODE },
    );
    expect(storageProblem(Object.assign(new Error("write failed"), { code: "ENOSPC" }))).toEqual({
      kind: "full",
      code: "ENOSPC",
    });
    const unique = await t.db.user
      .create({ data: { username: "admin", passwordHash: "x", role: "viewer" } })
      .catch((e: unknown) => e);
    expect(storageProblem(unique)).toBeNull();
    expect(storageProblem(new Error("no such object"))).toBeNull();
  });

  it("still signs in a session and a token whose last-seen stamp cannot be written", async () => {
    // Stamps older than a minute are rewritten on use; on a read-only database that write fails.
    const rw = testServices(t.db).auth;
    const { secret } = await rw.createSession(adminId, {});
    const { token, row } = await rw.createToken(adminId, "ro-check", null);
    const old = new Date(Date.now() - 3_600_000);
    await t.db.session.updateMany({ where: { userId: adminId }, data: { lastSeenAt: old } });
    await t.db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: old } });
    const ro = testServices(readOnly as never).auth;
    expect((await ro.sessionPrincipal(secret))?.username).toBe("admin");
    expect((await ro.tokenPrincipal(token))?.username).toBe("admin");
  });
});
