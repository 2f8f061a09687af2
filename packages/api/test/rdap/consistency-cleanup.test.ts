/**
 * RDAP consistency verdicts belong to a registry connection: deleting the connection (through
 * the registry service, as the admin page does) removes its stored verdicts and nobody else's,
 * keeps the change history (the timeline's past), and a checker run that ends after the deletion
 * records nothing instead of failing or leaving rows behind. Verdicts orphaned before the
 * cascade existed are dropped by its migration (both engines).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { applyMigrations, applyPgMigrations, createDb, migrationNames } from "@netops/db";
import { TEST_PG_ENV, testEngine } from "@netops/db/testing";
import pg from "pg";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConsistencyHistory } from "../../src/features/rdap/consistency-history";
import type { Services } from "../../src/services";
import { type TestDb, testDb, testServices } from "../fixtures";

let t: TestDb;
let services: Services;

beforeEach(() => {
  t = testDb("rdap-cleanup");
  services = testServices(t.db);
});
afterEach(() => t.close());

const connection = (name: string) =>
  t.db.eppRegistryConnection.create({
    data: {
      name,
      host: "127.0.0.1",
      port: 7700,
      clientId: name,
      passwordSealed: "x",
      clientCert: "x",
      clientKeySealed: "x",
      caCert: "x",
    },
  });

const mismatch = (name: string) => ({
  objectType: "host" as const,
  name,
  findings: [{ kind: "address-mismatch", message: "RDAP has 192.0.2.1, EPP 192.0.2.53" }],
  addresses: ["192.0.2.53"],
});

describe("RDAP consistency verdicts of a deleted registry connection", () => {
  it("go with the connection; the other connection's verdicts and the change history stay", async () => {
    const history = new ConsistencyHistory(t.db);
    const [a, b] = [await connection("a"), await connection("b")];
    const at = new Date("2026-12-06T10:00:00Z");
    expect(await history.record(a.id, [mismatch("ns1.a.example"), mismatch("ns2.a.example")], at)).toBe(2);
    expect(await history.record(b.id, [mismatch("ns1.b.example")], at)).toBe(1);
    expect(await t.db.rdapConsistencyState.count({ where: { connectionId: a.id } })).toBe(2);

    await services.registry.removeConnection(a.id);

    expect(await t.db.rdapConsistencyState.count({ where: { connectionId: a.id } })).toBe(0);
    expect((await t.db.rdapConsistencyState.findMany()).map((r) => [r.connectionId, r.name])).toEqual([
      [b.id, "ns1.b.example"],
    ]);
    expect(await t.db.rdapConsistencyChange.count()).toBe(3);
  });

  it("a run that finishes after the deletion records nothing and leaves no row", async () => {
    const history = new ConsistencyHistory(t.db);
    const a = await connection("a");
    await services.registry.removeConnection(a.id);
    expect(await history.record(a.id, [mismatch("ns1.a.example")], new Date())).toBe(0);
    expect(await t.db.rdapConsistencyState.count()).toBe(0);
    expect(await t.db.rdapConsistencyChange.count()).toBe(0);
  });
});

describe("the cascade's migration", () => {
  const MIGRATION = "20261207050100_rdap_state_cascade";

  /** A database migrated up to the migration before MIGRATION; `rest()` applies the others. */
  async function before(): Promise<{ url: string; rest: () => Promise<unknown>; drop: () => Promise<void> }> {
    const names = migrationNames();
    const upto = names[names.indexOf(MIGRATION) - 1] as string;
    if (testEngine() === "postgres") {
      const admin = process.env[TEST_PG_ENV] as string;
      const name = `rdap_cascade_${Date.now()}`;
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`CREATE DATABASE "${name}"`);
      const u = new URL(admin);
      u.pathname = `/${name}`;
      await applyPgMigrations(u.toString(), { upto });
      return {
        url: u.toString(),
        rest: () => applyPgMigrations(u.toString()),
        drop: async () => {
          await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
          await c.end();
        },
      };
    }
    const dir = mkdtempSync(path.join(tmpdir(), "netops-rdap-cascade-"));
    const url = `file:${path.join(dir, "m.db")}`;
    applyMigrations(url, { upto });
    return {
      url,
      rest: async () => applyMigrations(url),
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }

  it("drops verdicts whose connection was already gone and keeps the others", async () => {
    const m = await before();
    try {
      const db = createDb(m.url);
      await db.eppRegistryConnection.create({
        data: {
          id: "kept",
          name: "kept",
          host: "127.0.0.1",
          port: 7700,
          clientId: "k",
          passwordSealed: "x",
          clientCert: "x",
          clientKeySealed: "x",
          caCert: "x",
        },
      });
      for (const connectionId of ["kept", "gone"])
        await db.$executeRawUnsafe(
          `INSERT INTO "RdapConsistencyState" ("connectionId", "objectType", "name", "verdict", "since") VALUES ('${connectionId}', 'host', 'ns1.example', 'address-mismatch', CURRENT_TIMESTAMP)`,
        );
      await db.$disconnect();
      await m.rest();
      const after = createDb(m.url);
      expect((await after.rdapConsistencyState.findMany()).map((r) => r.connectionId)).toEqual(["kept"]);
      await after.$disconnect();
    } finally {
      await m.drop();
    }
  });
});
