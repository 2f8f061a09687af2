import { chmodSync, existsSync, mkdtempSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { applyMigrations, createDb } from "../src";

const mode = (f: string) => statSync(f).mode & 0o777;

describe("database file permissions", () => {
  it("creates the database and its WAL and shared-memory files readable by the owner only", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "netops-mode-"));
    const file = path.join(dir, "data", "netops.db");
    applyMigrations(`file:${file}`);
    const db = createDb(`file:${file}`);
    // A write with the client open: the -wal and -shm files exist now.
    await db.meta.create({ data: { key: "k", value: "v" } });
    expect(existsSync(`${file}-wal`)).toBe(true);
    expect(existsSync(`${file}-shm`)).toBe(true);
    expect([mode(file), mode(`${file}-wal`), mode(`${file}-shm`)]).toEqual([0o600, 0o600, 0o600]);
    expect(mode(path.dirname(file))).toBe(0o700);
    await db.$disconnect();
  });

  it("tightens files an earlier version left world-readable", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "netops-mode-"));
    const file = path.join(dir, "netops.db");
    applyMigrations(`file:${file}`);
    writeFileSync(`${file}-wal`, "");
    for (const f of [file, `${file}-wal`]) chmodSync(f, 0o644);
    const db = createDb(`file:${file}`);
    expect([mode(file), mode(`${file}-wal`)]).toEqual([0o600, 0o600]);
    await db.meta.create({ data: { key: "k", value: "v" } });
    expect(mode(`${file}-shm`)).toBe(0o600);
    await db.$disconnect();
  });
});
