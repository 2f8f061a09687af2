/**
 * The migration that adds partial search's FTS5 trigram tables indexes the rows already stored
 * (an upgraded console finds its old alerts, audit entries, BGP events and poll messages at once),
 * and its triggers keep the index in step with later inserts, updates and deletes.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { applyMigrations, migrationNames } from "@netops/db";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { ftsPhrase } from "../../src/search/contains";

const MIGRATION = "20261207060000_search_trigram";
const dir = mkdtempSync(path.join(tmpdir(), "netops-trigram-backfill-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const match = (db: Database.Database, fts: string, text: string) =>
  (
    db
      .prepare(`SELECT -rowid AS id FROM "${fts}" WHERE "${fts}" MATCH ? ORDER BY rowid`)
      .all(ftsPhrase(text)) as {
      id: number;
    }[]
  ).map((r) => r.id);

describe("trigram index migration (SQLite)", () => {
  it("indexes the rows stored before it, then follows inserts, updates and deletes", () => {
    const names = migrationNames();
    const before = names[names.indexOf(MIGRATION) - 1] as string;
    const file = path.join(dir, "m.db");
    applyMigrations(`file:${file}`, { upto: before });
    const db = new Database(file);
    const now = new Date().toISOString();
    db.prepare(
      "INSERT INTO Alert (fingerprint, source, severity, state, summary, labels, firstSeenAt, lastSeenAt) VALUES ('f', 'epp', 'warning', 'firing', 'Glue of ns9.old.example differs', '{\"host\":\"ns9.old.example\"}', ?, ?)",
    ).run(now, now);
    db.prepare(
      "INSERT INTO AuditEntry (at, actorName, action, target, ok) VALUES (?, 'olduser', 'dns.checkNow', 'old-zone.example.', 1)",
    ).run(now);
    db.prepare(
      "INSERT INTO BgpEvent (key, at, receivedAt, router, session, kind, direction, text, findings, source, tickets) VALUES ('k', ?, ?, 'r', 'r|p', 'notification', 'received', 'old maintenance CHG-0001', '[]', 'syslog', '[]')",
    ).run(now, now);
    db.prepare(
      "INSERT INTO EppRegistryConnection (id, name, host, port, clientId, passwordSealed, clientCert, clientKeySealed, caCert, createdAt, updatedAt) VALUES ('c', 'c', 'h', 700, 'x', 'x', 'x', 'x', 'x', ?, ?)",
    ).run(now, now);
    db.prepare(
      "INSERT INTO EppPollMessage (connectionId, msgId, text, kind, receivedAt) VALUES ('c', '1', 'Old transfer of old-domain.example', 'transfer', ?)",
    ).run(now);
    db.close();

    expect(applyMigrations(`file:${file}`)).toContain(MIGRATION);
    const after = new Database(file);
    try {
      expect(match(after, "AlertFts", "ns9.old")).toEqual([1]);
      expect(match(after, "AuditEntryFts", "ld-zone")).toEqual([1]);
      expect(match(after, "AuditEntryFts", "olduser")).toEqual([1]);
      expect(match(after, "BgpEventFts", "chg-0001")).toEqual([1]);
      expect(match(after, "EppPollMessageFts", "domain.exa")).toEqual([1]);
      after.prepare("UPDATE BgpEvent SET text = 'new words' WHERE id = 1").run();
      expect(match(after, "BgpEventFts", "chg-0001")).toEqual([]);
      expect(match(after, "BgpEventFts", "new words")).toEqual([1]);
      after.prepare("DELETE FROM Alert WHERE id = 1").run();
      expect(match(after, "AlertFts", "ns9.old")).toEqual([]);
      // The index's own consistency check (contentless: the index alone).
      for (const fts of ["AlertFts", "AuditEntryFts", "BgpEventFts", "EppPollMessageFts"])
        after.prepare(`INSERT INTO "${fts}" ("${fts}") VALUES ('integrity-check')`).run();
    } finally {
      after.close();
    }
  });
});
