/**
 * The registry through the real server in demo mode: the LAB EPP registry on loopback, the
 * console's connection to it (sealed credentials), the host cache, host changes with their
 * result codes and audit entries, 2305 explained with the linked domains, the poll queue with
 * alerts and acknowledgement, and a transcript free of secrets.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, type Harness, startHarness } from "../harness";

type Outcome = {
  ok: boolean;
  code: number;
  meaning: string;
  explanation: string;
  message: string;
  linkedDomains: string[];
};
type Host = {
  name: string;
  statuses: { s: string }[];
  addrs: { ip: string; address: string }[];
  linkedDomains: string[];
  sponsoredByUs: boolean;
};
type Conn = {
  id: string;
  name: string;
  state: string;
  greeting: { svID: string; objURIs: string[] } | null;
  hasPassword: boolean;
  sessions: unknown[];
};
type Poll = {
  id: number;
  msgId: string;
  kind: string;
  transferAway: boolean;
  object: string | null;
  text: string;
  ackedBy: string | null;
};
type Alert = {
  id: number;
  source: string;
  severity: string;
  state: string;
  labels: Record<string, string>;
  summary: string;
};

async function until<T>(
  fn: () => Promise<T | undefined | null | false>,
  what: string,
  tries = 150,
): Promise<T> {
  for (let i = 0; i < tries; i++) {
    const v = await fn();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe("Registry (EPP) console against the LAB registry", () => {
  let h: Harness;
  let admin: Client;
  let operator: Client;
  let viewer: Client;
  let conn: Conn;
  beforeAll(async () => {
    h = await startHarness({ demo: true, yaml: "jobs:\n  intervalSeconds: 0.3\n" });
    admin = new Client(h);
    await admin.login("admin", "admin-password-1");
    await h.app.services.auth.createUser("eppop", "operator-password-1", "operator");
    await h.app.services.auth.createUser("eppview", "viewer-password-1", "viewer");
    operator = new Client(h);
    await operator.login("eppop", "operator-password-1");
    viewer = new Client(h);
    await viewer.login("eppview", "viewer-password-1");
    conn = ((await admin.query("registry.connections")).data as Conn[])[0] as Conn;
  }, 60_000);
  afterAll(async () => {
    await h?.close();
  });

  it("connects to the lab with sealed credentials and shows the greeting, never the secrets", async () => {
    expect(conn).toMatchObject({ name: "lab-registry", state: "connected", hasPassword: true });
    expect(conn.greeting?.svID).toMatch(/LAB/);
    expect(conn.greeting?.objURIs).toContain("urn:ietf:params:xml:ns:host-1.0");
    const row = await h.app.services.db.eppRegistryConnection.findUniqueOrThrow({ where: { id: conn.id } });
    expect(row.passwordSealed).toMatch(/^v1\./);
    expect(row.clientKeySealed).not.toMatch(/PRIVATE KEY/);
    const password = h.app.services.box.open(row.passwordSealed);
    const wire = JSON.stringify((await admin.query("registry.connections")).body);
    expect(wire).not.toContain(password);
    expect(wire).not.toMatch(/PRIVATE KEY/);
  });

  it("lists the demo hosts from the cache with their linked domains", async () => {
    const hosts = (await viewer.query("registry.hosts", { connectionId: conn.id })).data as Host[];
    const ns1 = hosts.find((x) => x.name === "ns1.netops-demo.example");
    expect(ns1?.statuses.map((s) => s.s)).toContain("linked");
    expect(ns1?.linkedDomains).toEqual(["netops-demo.example", "shop-demo.example"]);
    expect(ns1?.addrs).toContainEqual({ ip: "v6", address: "2001:db8::53" });
  });

  it("creates a host with glue (operator), audits it, and records the transaction", async () => {
    const denied = await viewer.mutate("registry.createHost", {
      connectionId: conn.id,
      name: "ns9.netops-demo.example",
    });
    expect(denied.status).toBe(403);
    const r = await operator.mutate("registry.createHost", {
      connectionId: conn.id,
      name: "NS3.netops-demo.example",
      addrs: [{ ip: "v4", address: "192.0.2.54" }],
    });
    expect(r.status).toBe(200);
    const { outcome, host } = r.data as { outcome: Outcome; host: Host };
    expect(outcome).toMatchObject({ ok: true, code: 1000, meaning: "Command completed successfully" });
    expect(host).toMatchObject({
      name: "ns3.netops-demo.example",
      sponsoredByUs: true,
      addrs: [{ ip: "v4", address: "192.0.2.54" }],
    });
    const again = (
      await operator.mutate("registry.createHost", { connectionId: conn.id, name: "ns3.netops-demo.example" })
    ).data as { outcome: Outcome };
    expect(again.outcome).toMatchObject({ ok: false, code: 2302 });
    const audit = await h.app.services.db.auditEntry.findFirst({
      where: { action: "registry.createHost", target: "ns3.netops-demo.example" },
    });
    expect(JSON.parse(audit?.after ?? "{}")).toMatchObject({ result: { code: 1000 } });
    await h.app.services.registry.flush();
    const t = (
      await viewer.query("registry.transcript", { object: "ns3.netops-demo.example", command: "host:create" })
    ).data as {
      items: { code: number; svTRID: string; requestXml: string }[];
    };
    // Newest first: the refused second create, then the first one.
    expect(t.items.map((x) => x.code)).toEqual([2302, 1000]);
    expect(t.items[1]?.svTRID).toMatch(/^LAB-/);
    expect(t.items[1]?.requestXml).toContain("192.0.2.54");
  });

  it("refuses glue on a host outside the registry before sending, with the rule", async () => {
    const r = await operator.mutate("registry.createHost", {
      connectionId: conn.id,
      name: "ns.elsewhere.net",
      addrs: [{ ip: "v4", address: "192.0.2.1" }],
    });
    expect(r.status).toBe(400);
    expect(r.error?.message).toMatch(/^addrs: .*glue, RFC 5732 §3\.2\.1/);
    const bad = await operator.mutate("registry.createHost", {
      connectionId: conn.id,
      name: "no_underscores.example",
    });
    expect(bad.status).toBe(400);
    expect(bad.error?.data.issues?.[0]?.path).toBe("name");
  });

  it("explains 2305 with the linked domains when a linked host is deleted", async () => {
    const r = await operator.mutate("registry.deleteHost", {
      connectionId: conn.id,
      name: "ns1.netops-demo.example",
    });
    const { outcome } = r.data as { outcome: Outcome };
    expect(outcome).toMatchObject({
      ok: false,
      code: 2305,
      meaning: "Object association prohibits operation",
    });
    expect(outcome.explanation.length).toBeGreaterThan(10);
    expect(outcome.linkedDomains).toEqual(["netops-demo.example", "shop-demo.example"]);
    expect(outcome.message).toContain("netops-demo.example");
    const hosts = (await viewer.query("registry.hosts", { connectionId: conn.id })).data as Host[];
    expect(hosts.some((x) => x.name === "ns1.netops-demo.example")).toBe(true);
    const audit = await h.app.services.db.auditEntry.findFirst({ where: { action: "registry.deleteHost" } });
    expect(JSON.parse(audit?.after ?? "{}")).toMatchObject({ result: { code: 2305 } });
  });

  it("reads the poll queue: a transfer away raises a warning; ack clears it and reveals the next", async () => {
    const first = await until(async () => {
      const list = (await viewer.query("registry.pollMessages", {})).data as Poll[];
      return list.find((m) => m.kind === "transfer");
    }, "the transfer poll message");
    expect(first).toMatchObject({ transferAway: true, object: "shop-demo.example" });
    const alerts = (await viewer.query("alerts.list", { source: ["epp"] })).data as { items: Alert[] };
    const warn = alerts.items.find((a) => a.labels.message === first.msgId);
    expect(warn).toMatchObject({ severity: "warning", state: "firing" });
    expect((await viewer.mutate("registry.ackPoll", { id: first.id })).status).toBe(403);
    const ack = await operator.mutate("registry.ackPoll", { id: first.id });
    expect((ack.data as { outcome: Outcome }).outcome.code).toBe(1000);
    const next = await until(async () => {
      const list = (await viewer.query("registry.pollMessages", {})).data as Poll[];
      return list.find((m) => m.kind === "server");
    }, "the server message");
    expect(next.text).toMatch(/maintenance/i);
    const after = (await viewer.query("alerts.list", { source: ["epp"], state: ["firing", "resolved"] }))
      .data as { items: Alert[] };
    expect(after.items.find((a) => a.labels.message === first.msgId)?.state).toBe("resolved");
    expect(after.items.find((a) => a.labels.message === next.msgId)?.severity).toBe("info");
    const all = (await viewer.query("registry.pollMessages", { includeAcked: true })).data as Poll[];
    expect(all.find((m) => m.id === first.id)?.ackedBy).toBe("eppop");
  });

  it("keeps passwords and authInfo out of the transcript", async () => {
    await h.app.services.registry.flush();
    const row = await h.app.services.db.eppRegistryConnection.findUniqueOrThrow({ where: { id: conn.id } });
    const password = h.app.services.box.open(row.passwordSealed);
    const rows = await h.app.services.db.eppTransactionLog.findMany({ where: { connectionId: conn.id } });
    const login = rows.find((r) => r.command === "login");
    expect(login?.requestXml).toContain("[redacted]");
    for (const r of rows) {
      expect(r.requestXml).not.toContain(password);
      expect(r.responseXml ?? "").not.toMatch(/lab-auth-/);
    }
  });

  it("reports the registry health tile", async () => {
    const o = (await viewer.query("system.overview")).data as {
      subsystems: { subsystem: string; health: string; summary: string }[];
    };
    const tile = o.subsystems.find((t) => t.subsystem === "registry");
    expect(tile?.summary).toMatch(/1 registry session\(s\) up/);
  });
});
