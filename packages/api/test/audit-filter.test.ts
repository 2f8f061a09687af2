/**
 * audit.list by target and time range (issue 15: an object's change log, the audit log's range):
 * through the router as an admin, on a real database; a reversed or zone-less range is refused.
 */
import { TRPCError } from "@trpc/server";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Context } from "../src/context";
import { appRouter } from "../src/router";
import type { Services } from "../src/services";
import { createCallerFactory } from "../src/trpc";
import { type TestDb, testDb, testServices } from "./fixtures";

let t: TestDb;
let services: Services;
beforeEach(() => {
  t = testDb("audit-filter");
  services = testServices(t.db);
});
afterEach(() => t.close());

async function admin() {
  const u = await services.auth.createUser("auditor", "auditor-password-1", "admin");
  const ctx: Context = {
    services,
    req: { method: "GET", headers: {}, ip: "127.0.0.1", secure: false, setCookie: () => {} },
    user: { id: u.id, username: u.username, role: "admin", via: "token" },
    audit: { written: false },
  };
  return createCallerFactory(appRouter)(ctx);
}

const entry = async (target: string, at: string) => {
  await services.audit.record({ actorId: null, actorName: "x", action: "dns.update", target });
  await t.db.auditEntry.updateMany({
    where: { target, at: { gt: new Date(0) } },
    data: { at: new Date(at) },
  });
};

describe("audit.list filters", () => {
  it("by exact target and by a half-open time range", async () => {
    await entry("a.example.", "2026-12-06T10:00:00Z");
    await entry("b.example.", "2026-12-06T11:00:00Z");
    await entry("a.example.x", "2026-12-06T12:00:00Z");
    const caller = await admin();
    const byTarget = await caller.audit.list({ target: "a.example." });
    expect(byTarget.items.map((e) => e.target)).toEqual(["a.example."]);
    const range = await caller.audit.list({ from: "2026-12-06T11:00:00Z", to: "2026-12-06T12:00:00+00:00" });
    expect(range.items.map((e) => e.target)).toEqual(["b.example."]);
    const offset = await caller.audit.list({ from: "2026-12-06T11:30:00+01:00", action: "dns." });
    expect(offset.items.map((e) => e.target)).toEqual(["a.example.x", "b.example."]);
  });

  it("refuses a zone-less time and a range that ends before it starts", async () => {
    const caller = await admin();
    for (const input of [
      { from: "2026-12-06T12:09" },
      { from: "2026-12-06T12:00Z", to: "2026-12-06T11:00Z" },
    ]) {
      const err = await caller.audit.list(input).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(TRPCError);
      expect((err as TRPCError).code).toBe("BAD_REQUEST");
    }
  });
});
