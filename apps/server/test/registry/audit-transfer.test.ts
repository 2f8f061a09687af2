/**
 * The registry's answers in the audit log and transfer answers through the real server in demo
 * mode (the LAB EPP registry on loopback): a change the registry refuses is audited as failed
 * with its result code and text and no before/after pair; a change it carries out as ok with its
 * code; registry.answerTransfer approves, rejects or cancels a pending transfer (RFC 5731 §3.2.4),
 * operator only, audited as registry.transferApprove/Reject/Cancel. The transcript leaves out
 * routine polls (`poll req` answered 1300) unless asked.
 */
import path from "node:path";
import { executeCommand } from "@netops/labs/epp/registry";
import { LabStore } from "@netops/labs/epp/store";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, type Harness, startHarness } from "../harness";

type Outcome = { ok: boolean; code: number; message: string };
type Transfer = {
  status: string;
  requestedBy: string;
  actingClient: string;
  awayFromUs: boolean;
  toUs: boolean;
};
type AuditItem = {
  action: string;
  target: string | null;
  ok: boolean;
  before: string | null;
  after: string | null;
  result: { code: number | null; text: string } | null;
};

let h: Harness;
let admin: Client;
let operator: Client;
let viewer: Client;
let connectionId: string;

/** A command run by the lab registry as another of its clients, on the lab's own SQLite file. */
function asLabClient(clID: string, run: (store: LabStore) => void) {
  const store = new LabStore(path.join(h.dir, "epp-lab", "lab-registry.sqlite"));
  try {
    run(store);
  } finally {
    store.close();
  }
  return clID;
}
function requestTransfer(clID: string, name: string) {
  asLabClient(clID, (store) => {
    const r = executeCommand(
      store,
      { cmd: "domain:transfer", op: "request", name, authInfo: { pw: `lab-auth-${name}` } },
      { clID, zones: ["example"], now: new Date().toISOString() },
    );
    expect(r.code).toBe(1001);
  });
}

async function lastAudit(action: string): Promise<AuditItem> {
  const list = (await admin.query("audit.list", { action, limit: 1 })).data as { items: AuditItem[] };
  const [e] = list.items;
  if (!e) throw new Error(`no audit entry for ${action}`);
  return e;
}

beforeAll(async () => {
  h = await startHarness({ demo: true });
  admin = new Client(h);
  await admin.login("admin", "admin-password-1");
  await h.app.services.auth.createUser("trnop", "operator-password-1", "operator");
  await h.app.services.auth.createUser("trnview", "viewer-password-1", "viewer");
  operator = new Client(h);
  await operator.login("trnop", "operator-password-1");
  viewer = new Client(h);
  await viewer.login("trnview", "viewer-password-1");
  connectionId = ((await admin.query("registry.connections")).data as { id: string }[])[0]?.id ?? "";
}, 60_000);
afterAll(async () => h?.close());

describe("the audit log carries the registry's answer", () => {
  it("records a refused host delete (2305) as failed, with the code and text, and no diff", async () => {
    const r = await operator.mutate("registry.deleteHost", { connectionId, name: "ns1.netops-demo.example" });
    expect((r.data as { outcome: Outcome }).outcome.code).toBe(2305);
    const e = await lastAudit("registry.deleteHost");
    expect(e).toMatchObject({ target: "ns1.netops-demo.example", ok: false, before: null });
    expect(e.result?.code).toBe(2305);
    expect(e.result?.text).toMatch(/netops-demo\.example/);
    // What was asked and the transaction ids, but no host fields (nothing was removed).
    const after = JSON.parse(e.after ?? "null");
    expect(after.transaction.svTRID).toMatch(/^LAB-/);
    expect(JSON.stringify(after)).not.toMatch(/"addrs"|"statuses"/);
  });

  it("records a change the registry carried out as ok, with its code and the before/after", async () => {
    const name = "ns7.netops-demo.example";
    const made = await operator.mutate("registry.createHost", {
      connectionId,
      name,
      addrs: [{ ip: "v4", address: "192.0.2.70" }],
    });
    expect((made.data as { outcome: Outcome }).outcome.code).toBe(1000);
    expect(await lastAudit("registry.createHost")).toMatchObject({
      ok: true,
      result: { code: 1000, text: "Command completed successfully" },
    });
    await operator.mutate("registry.deleteHost", { connectionId, name });
    const del = await lastAudit("registry.deleteHost");
    expect(del).toMatchObject({ ok: true, result: { code: 1000 } });
    expect(JSON.parse(del.before ?? "null")).toMatchObject({ name, addrs: [{ address: "192.0.2.70" }] });
  });

  it("records a read the registry refused (2303) as failed too", async () => {
    await viewer.mutate("registry.lookupDomain", { connectionId, name: "no-such-domain.example" });
    expect(await lastAudit("registry.lookupDomain")).toMatchObject({ ok: false, result: { code: 2303 } });
  });
});

describe("registry.answerTransfer (RFC 5731 §3.2.4)", () => {
  const answer = (c: Client, name: string, op: string) =>
    c.mutate("registry.answerTransfer", { connectionId, name, op });

  it("is for operators, and refuses an unknown op before anything is sent", async () => {
    expect((await answer(viewer, "shop-demo.example", "approve")).status).toBe(403);
    const bad = await answer(operator, "shop-demo.example", "request");
    expect(bad.status).toBe(400);
    expect(bad.error?.data.issues?.[0]?.path).toBe("op");
  });

  it("cannot cancel a transfer another registrar asked for (2201), audited as failed", async () => {
    const r = (await answer(operator, "shop-demo.example", "cancel")).data as { outcome: Outcome };
    expect(r.outcome).toMatchObject({ ok: false, code: 2201 });
    expect(await lastAudit("registry.transferCancel")).toMatchObject({
      target: "shop-demo.example",
      ok: false,
      before: null,
      result: { code: 2201 },
    });
  });

  it("rejects the demo's pending transfer away; a second answer finds none pending (2301)", async () => {
    const r = (await answer(operator, "shop-demo.example", "reject")).data as {
      outcome: Outcome;
      transfer: Transfer;
    };
    expect(r.outcome).toMatchObject({ ok: true, code: 1000 });
    expect(r.transfer).toMatchObject({
      status: "clientRejected",
      requestedBy: "other-registrar",
      awayFromUs: true,
    });
    expect(await lastAudit("registry.transferReject")).toMatchObject({ ok: true, result: { code: 1000 } });
    const again = (await answer(operator, "shop-demo.example", "approve")).data as { outcome: Outcome };
    expect(again.outcome.code).toBe(2301);
    const d = (await viewer.mutate("registry.lookupDomain", { connectionId, name: "shop-demo.example" }))
      .data as { domain: { sponsoredByUs: boolean; statuses: { s: string }[] } };
    expect(d.domain.sponsoredByUs).toBe(true);
    expect(d.domain.statuses.map((s) => s.s)).not.toContain("pendingTransfer");
  });

  it("approves a transfer away: the other registrar sponsors the domain afterwards", async () => {
    requestTransfer("other-registrar", "shop-demo.example");
    const r = (await answer(operator, "shop-demo.example", "approve")).data as {
      outcome: Outcome;
      transfer: Transfer;
    };
    expect(r.outcome.code).toBe(1000);
    expect(r.transfer.status).toBe("clientApproved");
    const domains = (await viewer.query("registry.domains", { connectionId })).data as {
      name: string;
      sponsor: string;
    }[];
    expect(domains.find((d) => d.name === "shop-demo.example")?.sponsor).toBe("other-registrar");
    const e = await lastAudit("registry.transferApprove");
    expect(e).toMatchObject({ ok: true, result: { code: 1000 } });
    expect(JSON.parse(e.before ?? "null")).toMatchObject({ sponsor: "netops-demo" });
    expect(JSON.parse(e.after ?? "null")).toMatchObject({ domain: { sponsor: "other-registrar" } });
  });

  it("cancels a transfer the console's registrar asked for", async () => {
    requestTransfer("netops-demo", "other-customer.example");
    const r = (await answer(operator, "other-customer.example", "cancel")).data as {
      outcome: Outcome;
      transfer: Transfer;
    };
    expect(r.outcome.code).toBe(1000);
    expect(r.transfer).toMatchObject({ status: "clientCancelled", toUs: true, awayFromUs: false });
  });
});

describe("the transcript hides routine polls unless asked", () => {
  type Row = { command: string; code: number | null; svTRID: string | null };
  const search = async (input: Record<string, unknown>) =>
    (
      (await viewer.query("registry.transcript", { connectionId, limit: 200, ...input })).data as {
        items: Row[];
      }
    ).items;

  it("leaves out `poll req` answered 1300 by default and shows it with includeRoutine", async () => {
    // Drains the demo queue (1301s), then finds it empty (1300).
    await operator.mutate("registry.pollNow", { connectionId });
    await operator.mutate("registry.pollNow", { connectionId });
    await h.app.services.registry.flush();
    const all = await search({ includeRoutine: true });
    const isRoutine = (r: Row) => r.command === "poll req" && r.code === 1300;
    expect(all.some(isRoutine)).toBe(true);
    const shown = await search({});
    expect(shown.some(isRoutine)).toBe(false);
    expect(shown.length).toBe(all.filter((r) => !isRoutine(r)).length);
    // A poll that brought a message is not routine.
    expect(shown.some((r) => r.command === "poll req" && r.code === 1301)).toBe(true);
    // Filters combine: trid and failedOnly are both OR conditions and must not replace each other.
    const okRow = (await search({ command: "host:create" })).find((r) => r.code === 1000);
    expect(okRow?.svTRID).toBeTruthy();
    expect(await search({ trid: okRow?.svTRID, failedOnly: true })).toEqual([]);
    expect((await search({ trid: okRow?.svTRID })).length).toBe(1);
  });
});
