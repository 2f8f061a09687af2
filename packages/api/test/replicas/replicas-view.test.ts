/**
 * system.replicas: the replicas from their heartbeat rows and the work each owns from the lease
 * rows, as two WorkOwnership instances ("replicas") on one database write them; a stopped replica
 * leaves its work waiting; operators only.
 */
import { createDb, type Db, dbUrl } from "@netops/db";
import type { Role } from "@netops/protocols";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Context } from "../../src/context";
import { appRouter } from "../../src/router";
import type { Services } from "../../src/services";
import { WorkOwnership } from "../../src/services/ownership";
import { createCallerFactory } from "../../src/trpc";
import { type TestDb, testDb, testServices } from "../fixtures";

let t: TestDb;
let dbB: Db;
let services: Services;

beforeAll(async () => {
  t = testDb("replicas-view");
  dbB = createDb(dbUrl(t.db));
  services = testServices(t.db);
  for (const role of ["viewer", "operator"] as const)
    await t.db.user.create({ data: { id: `u-${role}`, username: role, role, passwordHash: "x" } });
});
afterAll(async () => {
  await dbB?.$disconnect();
  await t?.close();
});

function caller(role: Role) {
  const ctx: Context = {
    services,
    req: { method: "GET", headers: {}, ip: "127.0.0.1", secure: false, setCookie: () => {} },
    user: { id: `u-${role}`, username: role, role, via: "session" },
    audit: { written: false },
  };
  return createCallerFactory(appRouter)(ctx);
}

describe("system.replicas", () => {
  it("lists both replicas with their heartbeats and the work each owns; a stopped one's work waits", async () => {
    const a = new WorkOwnership(t.db, { replicaId: "replica-a", ttlMs: 30_000 });
    const b = new WorkOwnership(dbB, { replicaId: "replica-b", ttlMs: 30_000 });
    a.want("housekeeping", "webhook-delivery");
    await a.heartbeat();
    b.want("housekeeping", "dns-zone-checks");
    await b.heartbeat();
    services.replicas.self = { id: "replica-b", leaseMs: 30_000 };

    const v = await caller("operator").system.replicas();
    expect(v.leaseSeconds).toBe(30);
    expect(v.replicas.map((r) => [r.id, r.alive, r.self, r.owned.map((w) => w.name)])).toEqual([
      ["replica-b", true, true, ["dns-zone-checks"]],
      ["replica-a", true, false, ["housekeeping", "webhook-delivery"]],
    ]);
    expect(v.replicas[1]?.owned[0]).toMatchObject({ epoch: 1 });
    expect(v.unowned).toEqual([]);

    // A stops cleanly: its row goes and its leases run out at once, waiting for B's next heartbeat.
    await a.stop();
    const after = await caller("operator").system.replicas();
    expect(after.replicas.map((r) => r.id)).toEqual(["replica-b"]);
    expect(after.unowned.map((w) => [w.name, w.lastOwner])).toEqual([
      ["housekeeping", "replica-a"],
      ["webhook-delivery", "replica-a"],
    ]);
    // B takes what it wants; the epoch says the work changed owner.
    await b.heartbeat();
    const taken = await caller("operator").system.replicas();
    expect(taken.replicas[0]?.owned.map((w) => [w.name, w.epoch])).toEqual([
      ["dns-zone-checks", 1],
      ["housekeeping", 2],
    ]);
    await b.stop();
  });

  it("is refused to viewers", async () => {
    await expect(caller("viewer").system.replicas()).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
