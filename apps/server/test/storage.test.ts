/**
 * A database that cannot take writes, on a real server. How it is made full: SQLite's own page limit
 * (`PRAGMA max_page_count`, set on the console's connection to the pages the file has now), then
 * the audit table's last page is filled until SQLite answers SQLITE_FULL. Every later write that needs
 * a new page then meets the same error, from the same allocator, that a full disk gives — without
 * filling a real disk the machine shares (root ignores file modes, so a read-only file is not
 * available here; see packages/api/test/security/storage.test.ts for a read-only connection).
 */
import { testEngine } from "@netops/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, type Harness, startHarness, until } from "./harness";

let h: Harness;
let admin: Client;
let viewer: Client;
beforeAll(async () => {
  h = await startHarness();
  admin = new Client(h);
  await admin.login("admin", "admin-password-1");
  await admin.mutate("users.create", { username: "viewer1", password: "viewer-password-1", role: "viewer" });
  viewer = new Client(h);
  await viewer.login("viewer1", "viewer-password-1");
});
afterAll(() => h?.close());

const healthz = async () => {
  const r = await fetch(`${h.url}/healthz`);
  return { status: r.status, body: (await r.json()) as Record<string, unknown> };
};

async function fillDatabase(): Promise<number> {
  const db = h.app.services.db;
  const [{ page_count }] = (await db.$queryRawUnsafe("PRAGMA page_count")) as [{ page_count: bigint }];
  await db.$queryRawUnsafe(`PRAGMA max_page_count = ${page_count}`);
  // Big rows first, then smaller ones, until not even a row without text fits: the last page must
  // have no room left for the smallest entry a refused login writes.
  let rows = 0;
  for (const size of [100, 10, 0]) {
    for (let i = 0; ; i++) {
      if (i >= 10_000) throw new Error("the database never filled up");
      try {
        await db.auditEntry.create({
          data: { actorName: "filler", action: "test.fill", after: size ? "x".repeat(size) : null },
        });
        rows++;
      } catch (e) {
        expect((e as { code?: string }).code).toBe("SQLITE_FULL");
        break;
      }
    }
  }
  return rows;
}

describe("a full database", () => {
  it("keeps ok = false and the error code in the audit entry of a refused change", async () => {
    const r = await viewer.mutate("users.create", {
      username: "nope",
      password: "nope-password-12",
      role: "viewer",
    });
    expect(r.status).toBe(403);
    const rows = await h.app.services.db.auditEntry.findMany({
      where: { action: "users.create", actorName: "viewer1" },
    });
    expect(rows.map((e) => [e.ok, JSON.parse(e.after ?? "null").error])).toEqual([[false, "FORBIDDEN"]]);
    // A change that went through has one entry (the detailed one), not a pending one besides it.
    const made = await h.app.services.db.auditEntry.findMany({
      where: { action: "users.create", target: "viewer1" },
    });
    expect(made.map((e) => e.ok)).toEqual([true]);
    expect(await h.app.services.db.auditEntry.count({ where: { after: { contains: "pending" } } })).toBe(0);
  });

  // SQLite's own page limit makes the database full; PostgreSQL's read-only refusal is tested in
  // packages/api/test/security/storage.test.ts.
  it.runIf(testEngine() === "sqlite")(
    "is reported by /healthz and the overview, and changes are refused with 503 instead of going unrecorded",
    async () => {
      expect((await healthz()).status).toBe(200);
      const sessionsBefore = await h.app.services.db.session.count();
      expect(await fillDatabase()).toBeGreaterThan(0);

      // A change whose audit entry cannot be written does not happen.
      const create = await admin.mutate("users.create", {
        username: "ghost",
        password: "ghost-password-1",
        role: "viewer",
      });
      expect([create.status, create.error?.message]).toEqual([
        503,
        "storage unavailable: the database is full (SQLITE_FULL); nothing was changed",
      ]);
      expect(await h.app.services.db.user.findUnique({ where: { username: "ghost" } })).toBeNull();

      // Logins: a clear 503, not a bare 500, and no session without its audit entry.
      const anon = new Client(h);
      const wrong = await anon.mutate("auth.login", { username: "viewer1", password: "not-the-password" });
      expect([wrong.status, wrong.error?.message]).toEqual([
        503,
        "storage unavailable: the database is full (SQLITE_FULL); nothing was changed",
      ]);
      const right = await anon.mutate("auth.login", { username: "viewer1", password: "viewer-password-1" });
      expect(right.status).toBe(503);
      expect(anon.cookie).toBe("");
      expect(await h.app.services.db.session.count()).toBe(sessionsBefore);

      expect(await healthz()).toEqual({
        status: 503,
        body: {
          status: "unavailable",
          database: "failing",
          storage: "unavailable",
          ready: true,
          replica: expect.any(String),
          owns: expect.any(Array),
        },
      });
      const overview = await admin.query("system.overview");
      const system = (
        overview.data as { subsystems: { subsystem: string; health: string; summary: string }[] }
      ).subsystems.find((s) => s.subsystem === "system");
      expect(system).toMatchObject({
        health: "failing",
        summary: "Storage unavailable: the database is full (SQLITE_FULL)",
      });
      // The alert table still had room on its page here, so the alert could be raised.
      const alerts = await h.app.services.db.alert.findMany({
        where: { source: "system", state: "firing", labels: { contains: "storage" } },
      });
      expect(alerts.map((a) => [a.severity, a.summary])).toEqual([
        ["critical", "Storage unavailable: the database is full (SQLITE_FULL)"],
      ]);

      // Room again: changes go through, and health recovers.
      await h.app.services.db.$queryRawUnsafe("PRAGMA max_page_count = 1073741823");
      const again = await admin.mutate("users.create", {
        username: "ghost",
        password: "ghost-password-1",
        role: "viewer",
      });
      expect(again.status).toBe(200);
      await until(async () => (await healthz()).status === 200, "/healthz to recover");
      // The health probe's write was rolled back every time: it left nothing behind.
      expect(
        await h.app.services.db.$queryRawUnsafe("SELECT name FROM sqlite_master WHERE name LIKE '%probe%'"),
      ).toEqual([]);
    },
  );
});
