// The rserpool router: roles (viewers read, operators import), input validation, the upload path.
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Role } from "@netops/protocols";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Context } from "../../src/context";
import { appRouter } from "../../src/router";
import type { Services } from "../../src/services";
import { createCallerFactory } from "../../src/trpc";
import { type TestDb, testDb, testServices } from "../fixtures";

const CAPTURE = path.resolve(
  import.meta.dirname,
  "../../../protocols/test/rserpool/vectors/enrp-two-registrars.pcapng",
);
let t: TestDb;
let services: Services;

beforeAll(async () => {
  t = testDb("rserpool-router");
  services = testServices(t.db, { rserpool: { maxCaptureBytes: 200_000 } });
  for (const role of ["viewer", "operator"] as const)
    await t.db.user.create({ data: { id: `u-${role}`, username: role, role, passwordHash: "x" } });
});
afterAll(async () => {
  await t.close();
});

function caller(role: Role) {
  const ctx: Context = {
    services,
    req: { method: "POST", headers: {}, ip: "127.0.0.1", secure: false, setCookie: () => {} },
    user: { id: `u-${role}`, username: role, role, via: "token" },
    audit: { written: false },
  };
  return createCallerFactory(appRouter)(ctx);
}
/** What the HTTP adapter hands the procedure for an octet body: a stream (the caller's type says Blob). */
const body = (b: Uint8Array) => new Blob([b]).stream() as unknown as Blob;

describe("rserpool router", () => {
  it("a viewer may read but not import", async () => {
    const o = await caller("viewer").rserpool.overview();
    expect(o.registrars).toEqual([]);
    await expect(caller("viewer").rserpool.importCapture(body(new Uint8Array(8)))).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });

  it("an operator imports a capture; the audit log has it; the events are listed newest first", async () => {
    const r = await caller("operator").rserpool.importCapture(body(new Uint8Array(readFileSync(CAPTURE))));
    expect(r.stats).toMatchObject({ frames: 490, asap: 119, enrp: 81, csp: 153 });
    const audit = await t.db.auditEntry.findMany({
      where: { action: "rserpool.importCapture" },
      orderBy: { id: "asc" },
    });
    // The viewer's refused attempt is audited as failed, the operator's import with its figures.
    expect(audit.map((a) => [a.actorName, a.ok, a.target])).toEqual([
      ["viewer", false, null],
      ["operator", true, `capture ${r.captureId}`],
    ]);
    const ev = await caller("viewer").rserpool.events({ kinds: ["deregistered"], limit: 10 });
    expect(ev.items.map((e) => e.peId)).toEqual(["0xde000001", "0xde000002"]);
    const o = await caller("viewer").rserpool.overview();
    expect(o.pools.map((p) => p.name)).toEqual(["DaytimePool", "EchoPool"]);
    expect(o.captures).toHaveLength(1);
  });

  it("a file that is not a capture is stored as a report with its issue, not a crash", async () => {
    const r = await caller("operator").rserpool.importCapture(
      body(new TextEncoder().encode("not a capture at all")),
    );
    expect(r.issues[0]).toMatchObject({ offset: 0, field: "magic", fatal: true });
  });

  it("a capture over the limit is refused with the reason", async () => {
    await expect(
      caller("operator").rserpool.importCapture(body(new Uint8Array(300_000))),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "capture larger than 200000 bytes",
    });
  });

  it("rejects a malformed filter with the field", async () => {
    await expect(caller("viewer").rserpool.events({ peId: "de000001", limit: 10 })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    await expect(caller("viewer").rserpool.events({ limit: 100_000 })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
  });
});
