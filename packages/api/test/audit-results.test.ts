/**
 * Audited actions whose effect happens elsewhere keep the other side's answer: a webhook test the
 * receiver refuses (HTTP 500) and a lease-source read that fails are failed audit entries with the
 * answer's code and text, through the real router (the registry's EPP answers are tested against
 * the lab registry in apps/server/test/registry/audit-transfer.test.ts).
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Services } from "../src";
import { callAs } from "./dhcp/helpers";
import { type TestDb, testDb, testServices } from "./fixtures";

let t: TestDb;
let services: Services;
let status = 500;

beforeEach(() => {
  t = testDb("audit-results");
  status = 500;
  services = testServices(t.db, {
    dhcp: { leaseDirs: [t.dir], maxLeaseFileBytes: 1 << 20 },
    kea: { agents: ["127.0.0.1:1"], socketDirs: [] },
    // The receiver: answers with `status`, never reached over the network.
    fetch: async () => new Response("nope", { status }),
  });
});
afterEach(async () => {
  await services.dhcp.close();
  await services.webhooks.close();
  await t.close();
});

const lastAudit = (action: string) =>
  t.db.auditEntry.findFirstOrThrow({ where: { action }, orderBy: { id: "desc" } });

describe("webhooks.test", () => {
  async function receiver() {
    const r = await callAs(services, "admin", "webhooks.create", {
      name: "pager",
      url: "https://pager.example/hook",
      secret: "0123456789abcdef0123",
    });
    expect(r.status).toBe(200);
    return (r.data as { id: string }).id;
  }

  it("is a failed entry with the receiver's status when the receiver refuses", async () => {
    const id = await receiver();
    expect((await callAs(services, "admin", "webhooks.test", { id })).status).toBe(200);
    expect(await lastAudit("webhooks.test")).toMatchObject({
      target: "pager",
      ok: false,
      resultCode: 500,
    });
  });

  it("is ok with the status when the receiver takes it", async () => {
    status = 200;
    const id = await receiver();
    await callAs(services, "admin", "webhooks.test", { id });
    expect(await lastAudit("webhooks.test")).toMatchObject({
      ok: true,
      resultCode: 200,
      resultText: "delivered",
    });
  });
});

describe("dhcp.pollNow", () => {
  it("is a failed entry with the reason when the source cannot be read", async () => {
    const src = await t.db.dhcpSource.create({
      data: { name: "outside", kind: "dnsmasq-leases", location: "/etc/passwd" },
    });
    const r = await callAs(services, "operator", "dhcp.pollNow", { id: src.id });
    expect(r.data).toMatchObject({ ok: false });
    const e = await lastAudit("dhcp.pollNow");
    expect(e).toMatchObject({ target: "dhcp-source:outside", ok: false, resultCode: null });
    expect(e.resultText).toMatch(/outside the lease-file folders/);
  });
});
