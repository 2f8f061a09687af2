import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { applyMigrations, createDb } from "@netops/db";
import { type PgCluster, pgAvailable, startPgCluster } from "@netops/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "./run-cli";

describe.skipIf(!pgAvailable())("netops db copy --to postgres://…", () => {
  let cluster: PgCluster;
  let dir: string;
  let from: string;
  beforeAll(async () => {
    cluster = startPgCluster();
    dir = mkdtempSync(path.join(tmpdir(), "netops-dbcopy-"));
    from = `file:${path.join(dir, "netops.db")}`;
    applyMigrations(from);
    const db = createDb(from);
    const u = await db.user.create({
      data: {
        username: "ops",
        passwordHash: "h",
        role: "admin",
        disabled: true,
        lastLoginAt: new Date("2026-12-01T10:00:00.123Z"),
      },
    });
    await db.session.create({
      data: { id: "s1", userId: u.id, expiresAt: new Date("2026-12-31T00:00:00Z") },
    });
    for (let i = 0; i < 1200; i++)
      await db.jobRun.create({
        data: {
          job: `j${i % 3}`,
          startedAt: new Date(1_796_000_000_000 + i),
          finishedAt: new Date(1_796_000_000_100 + i),
          ok: i % 2 === 0,
        },
      });
    await db.alert.create({
      data: {
        fingerprint: "f",
        source: "bgp",
        severity: "info",
        state: "firing",
        summary: "nul \u0000 inside",
        details: "",
        // Three references (AlertRef rows, kept by triggers on both engines).
        labels: JSON.stringify({ peer: "192.0.2.1", router: "edge1.example." }),
        links: JSON.stringify([{ label: "Session", href: "/bgp/sessions/1" }]),
        firstSeenAt: new Date(),
        lastSeenAt: new Date(),
      },
    });
    await db.$disconnect();
  });
  afterAll(() => {
    cluster?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("copies every row into a migrated PostgreSQL database, values intact, and ids continue", async () => {
    const to = cluster.createDatabase("copy");
    const r = await runCli(["db", "copy", "--to", to, "--json"], { env: { DATABASE_URL: from } });
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out) as { rows: number; tables: { table: string; rows: number }[] };
    expect(report.tables.find((t) => t.table === "JobRun")?.rows).toBe(1200);
    expect(report.rows).toBe(1 + 1 + 1200 + 1);
    const pg = createDb(to);
    try {
      const u = await pg.user.findUniqueOrThrow({ where: { username: "ops" }, include: { sessions: true } });
      expect(u.disabled).toBe(true);
      expect(u.lastLoginAt?.toISOString()).toBe("2026-12-01T10:00:00.123Z");
      expect(u.sessions.map((s) => s.id)).toEqual(["s1"]);
      expect(await pg.jobRun.count({ where: { ok: true } })).toBe(600);
      expect((await pg.alert.findFirstOrThrow()).summary).toBe("nul \ufffd inside");
      // Written by the target's triggers from the copied alert, not copied a second time.
      expect(report.tables.find((t) => t.table === "AlertRef")?.rows).toBe(3);
      expect(
        (await pg.alertRef.findMany({ orderBy: [{ kind: "asc" }, { key: "asc" }] })).map(
          (r) => `${r.kind} ${r.key}`,
        ),
      ).toEqual(["href /bgp/sessions/1", "label 192.0.2.1", "label edge1.example"]);
      // SQLite's FTS5 tables stay behind (PostgreSQL searches through pg_trgm indexes instead).
      expect(report.tables.some((t) => /Fts/.test(t.table))).toBe(false);
      // The serial sequence continues after the copied ids.
      const next = await pg.jobRun.create({
        data: { job: "x", startedAt: new Date(), finishedAt: new Date(), ok: true },
      });
      expect(next.id).toBe(1201);
    } finally {
      await pg.$disconnect();
    }
  }, 120_000);

  it("refuses a target that already holds data, and a target that is not PostgreSQL", async () => {
    const to = cluster.createDatabase("busy");
    expect((await runCli(["db", "copy", "--to", to], { env: { DATABASE_URL: from } })).code).toBe(0);
    const again = await runCli(["db", "copy", "--to", to], { env: { DATABASE_URL: from } });
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/not empty: \w+ has \d+ rows/);
    const bad = await runCli(["db", "copy", "--to", "mysql://x/y"], { env: { DATABASE_URL: from } });
    expect(bad.code).toBe(2);
  }, 120_000);
});
