import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { applyMigrations, createDb, withoutFtsModels } from "../src";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

describe("migrations", () => {
  it("apply to a fresh database, are idempotent, and the client works on the result", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "netops-db-"));
    const url = `file:${path.join(dir, "m.db")}`;
    expect(applyMigrations(url).length).toBeGreaterThan(0);
    expect(applyMigrations(url)).toEqual([]);
    const db = createDb(url);
    const u = await db.user.create({ data: { username: "x", passwordHash: "h", role: "viewer" } });
    expect((await db.user.findUniqueOrThrow({ where: { id: u.id } })).username).toBe("x");
    // WAL, as the client sees it (the mode lives in the file, so every connection has it).
    expect(await db.$queryRawUnsafe("PRAGMA journal_mode")).toEqual([{ journal_mode: "wal" }]);
    await db.$disconnect();
  });

  it("produce exactly prisma/schema/*.prisma (no drift), checked by the Prisma CLI", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "netops-drift-"));
    const url = `file:${path.join(dir, "drift.db")}`;
    applyMigrations(url);
    const env = { ...process.env, DATABASE_URL: url };
    const pulled = execFileSync("npx", ["prisma", "db", "pull", "--print"], {
      cwd: root,
      env,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    });
    const file = path.join(dir, "pulled.prisma");
    // The CLI prints an adapter warning on stdout before the schema itself.
    // Multi-file schemas print "// prisma/schema/<file>" headers; a file sorting before console.prisma
    // (bgp.prisma) comes before the generator block, so start at the first header when there is one.
    const start = pulled.search(/^(\/\/ prisma\/schema\/|generator |datasource )/m);
    expect(start).toBeGreaterThanOrEqual(0);
    // Partial search's FTS5 tables (and their shadow tables) are outside Prisma's schema.
    writeFileSync(file, withoutFtsModels(pulled.slice(start)));
    // --exit-code: 0 when the two schemas are the same, 2 when they differ.
    const diff = () =>
      execFileSync(
        "npx",
        [
          "prisma",
          "migrate",
          "diff",
          "--from-schema-datamodel",
          file,
          "--to-schema-datamodel",
          "prisma/schema",
          "--exit-code",
        ],
        { cwd: root, env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] },
      );
    expect(diff).not.toThrow();
  }, 120_000);
});
