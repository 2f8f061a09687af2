/**
 * The migration that adds the registry's address and name-server rows fills them from the hosts
 * and domains already cached (their JSON columns), so an upgraded console finds them at once.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { applyMigrations, migrationNames } from "@netops/db";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";

const MIGRATION = "20261206211000_search_registry_index";
const dir = mkdtempSync(path.join(tmpdir(), "netops-registry-backfill-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("registry search rows migration", () => {
  it("writes one row per glue address and name server of the cached objects, skipping malformed JSON", () => {
    const names = migrationNames();
    const before = names[names.indexOf(MIGRATION) - 1] as string;
    const file = path.join(dir, "m.db");
    applyMigrations(`file:${file}`, { upto: before });
    const db = new Database(file);
    const now = new Date().toISOString();
    db.prepare(
      "INSERT INTO EppRegistryConnection (id, name, host, port, clientId, passwordSealed, clientCert, clientKeySealed, caCert, createdAt, updatedAt) VALUES ('c', 'c', 'h', 700, 'x', 'x', 'x', 'x', 'x', ?, ?)",
    ).run(now, now);
    const host = db.prepare(
      "INSERT INTO EppHost (connectionId, name, addrs, sponsor, refreshedAt) VALUES ('c', ?, ?, 's', ?)",
    );
    host.run(
      "ns1.example",
      JSON.stringify([
        { ip: "v4", address: "192.0.2.53" },
        { ip: "v6", address: "2001:DB8::53" },
      ]),
      now,
    );
    host.run("ns2.example", "not json", now);
    const domain = db.prepare(
      "INSERT INTO EppDomain (connectionId, name, nameServers, sponsor, refreshedAt) VALUES ('c', ?, ?, 's', ?)",
    );
    domain.run("a.example", JSON.stringify(["NS1.example", "ns2.example."]), now);
    domain.run("b.example", "{}", now);
    db.close();

    expect(applyMigrations(`file:${file}`)).toContain(MIGRATION);
    const after = new Database(file, { readonly: true });
    try {
      expect(
        after
          .prepare(
            "SELECT h.name, a.address FROM EppHostAddress a JOIN EppHost h ON h.id = a.hostId ORDER BY 2",
          )
          .all(),
      ).toEqual([
        { name: "ns1.example", address: "192.0.2.53" },
        { name: "ns1.example", address: "2001:db8::53" },
      ]);
      expect(
        after
          .prepare(
            "SELECT d.name, n.host FROM EppDomainNameServer n JOIN EppDomain d ON d.id = n.domainId ORDER BY 2",
          )
          .all(),
      ).toEqual([
        { name: "a.example", host: "ns1.example" },
        { name: "a.example", host: "ns2.example" },
      ]);
    } finally {
      after.close();
    }
  });
});
