/**
 * The registry through the real server in demo mode: the LAB EPP registry on loopback, the
 * console's connection to it (sealed credentials), the host cache, host changes with their
 * result codes and audit entries, 2305 explained with the linked domains, the poll queue with
 * alerts and acknowledgement, and a transcript free of secrets.
 */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LabStore } from "@netops/labs/epp/store";
import { type AlertRow, Client, type Harness, startHarness, until } from "../harness";

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

  it("finds the cached hosts by glue and the domains delegated to them (rows written beside the JSON)", async () => {
    type Hit = { kind: string; label: string; rank: string };
    const hits = async (q: string) =>
      (
        (await viewer.query("search.query", { q })).data as { groups: { subsystem: string; hits: Hit[] }[] }
      ).groups.find((g) => g.subsystem === "registry")?.hits ?? [];
    expect(await hits("2001:db8::53")).toContainEqual(
      expect.objectContaining({ kind: "host", label: "ns1.netops-demo.example", rank: "exact" }),
    );
    expect(await hits("2001:db8:")).toContainEqual(
      expect.objectContaining({ kind: "host", label: "ns1.netops-demo.example", rank: "prefix" }),
    );
    const delegated = (await hits("ns1.netops-demo.example")).filter((x) => x.kind === "domain");
    expect(delegated.map((x) => x.label)).toEqual(
      expect.arrayContaining(["netops-demo.example", "shop-demo.example"]),
    );
    const page = (await viewer.query("entity.get", { type: "ip", value: "2001:db8::53" })).data as {
      sections: { title: string; items: { label: string }[] }[];
    };
    expect(
      page.sections.find((x) => x.title === "Domains delegated to these hosts")?.items.map((i) => i.label),
    ).toEqual(expect.arrayContaining(["netops-demo.example", "shop-demo.example"]));
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
    // Refused: failed in the audit log with the registry's code, and no before/after (nothing changed).
    expect(audit).toMatchObject({ ok: false, resultCode: 2305, before: null });
  });

  it("creates, links, renews, queries and deletes domains (operator, audited), the lab enforcing RFC 5731", async () => {
    const create = (input: Record<string, unknown>) =>
      operator.mutate("registry.createDomain", { connectionId: conn.id, ...input });
    expect(
      (await viewer.mutate("registry.createDomain", { connectionId: conn.id, name: "x1.example" })).status,
    ).toBe(403);
    const outside = await create({ name: "new.elsewhere.net" });
    expect(outside.status).toBe(400);
    expect(outside.error?.message).toMatch(/^name: new\.elsewhere\.net is not a name directly under example/);
    const made = (
      await create({
        name: "Glue-Test.example",
        years: 2,
        registrant: "demo-admin",
        contacts: [{ type: "tech", id: "demo-admin" }],
      })
    ).data as { outcome: Outcome; domain: { name: string; sponsoredByUs: boolean; exDate: string } };
    expect(made.outcome).toMatchObject({ ok: true, code: 1000 });
    expect(made.domain).toMatchObject({ name: "glue-test.example", sponsoredByUs: true });
    expect(((await create({ name: "glue-test.example" })).data as { outcome: Outcome }).outcome.code).toBe(
      2302,
    );
    expect(
      ((await create({ name: "x2.example", nameServers: ["ns.missing.net"] })).data as { outcome: Outcome })
        .outcome,
    ).toMatchObject({ code: 2303 });

    // A host with glue under the new domain, linked from it: the registry then refuses its delete.
    await operator.mutate("registry.createHost", {
      connectionId: conn.id,
      name: "ns1.glue-test.example",
      addrs: [{ ip: "v4", address: "192.0.2.80" }],
    });
    const link = await operator.mutate("registry.updateDomain", {
      connectionId: conn.id,
      name: "glue-test.example",
      add: { nameServers: ["ns1.glue-test.example"], statuses: ["clientTransferProhibited"] },
    });
    expect((link.data as { outcome: Outcome }).outcome.code).toBe(1000);
    const host = (
      (await viewer.query("registry.host", { connectionId: conn.id, name: "ns1.glue-test.example" }))
        .data as { host: Host }
    ).host;
    expect(host.statuses.map((x) => x.s)).toContain("linked");
    expect(host.linkedDomains).toEqual(["glue-test.example"]);
    const del = (
      await operator.mutate("registry.deleteHost", { connectionId: conn.id, name: "ns1.glue-test.example" })
    ).data as { outcome: Outcome };
    expect(del.outcome).toMatchObject({ code: 2305, linkedDomains: ["glue-test.example"] });
    const serverStatus = await operator.mutate("registry.updateDomain", {
      connectionId: conn.id,
      name: "glue-test.example",
      add: { statuses: ["serverHold"] },
    });
    expect(serverStatus.status).toBe(400);
    const nothing = await operator.mutate("registry.updateDomain", {
      connectionId: conn.id,
      name: "glue-test.example",
    });
    expect(nothing.error?.message).toMatch(/nothing to change/);
    // Only the sponsor may change a domain.
    const foreign = (
      await operator.mutate("registry.updateDomain", {
        connectionId: conn.id,
        name: "other-customer.example",
        add: { nameServers: ["ns1.glue-test.example"] },
      })
    ).data as { outcome: Outcome };
    expect(foreign.outcome).toMatchObject({ code: 2201 });

    const renew = (
      await operator.mutate("registry.renewDomain", { connectionId: conn.id, name: "glue-test.example" })
    ).data as { outcome: Outcome; exDate: string };
    expect(renew.outcome.code).toBe(1000);
    expect(new Date(renew.exDate).getUTCFullYear() - new Date(made.domain.exDate).getUTCFullYear()).toBe(1);
    const stale = (
      await operator.mutate("registry.renewDomain", {
        connectionId: conn.id,
        name: "glue-test.example",
        curExpDate: "2000-01-01",
      })
    ).data as { outcome: Outcome };
    expect(stale.outcome.code).toBe(2004);

    const tq = (
      await viewer.mutate("registry.transferQuery", { connectionId: conn.id, name: "shop-demo.example" })
    ).data as { outcome: Outcome; transfer: { status: string; requestedBy: string; awayFromUs: boolean } };
    expect(tq.transfer).toMatchObject({
      status: "pending",
      requestedBy: "other-registrar",
      awayFromUs: true,
    });
    const none = (
      await viewer.mutate("registry.transferQuery", { connectionId: conn.id, name: "glue-test.example" })
    ).data as { outcome: Outcome };
    expect(none.outcome.code).toBe(2301);

    // Subordinate host first: the registry refuses the domain's delete with 2305.
    const refused = (
      await operator.mutate("registry.deleteDomain", { connectionId: conn.id, name: "glue-test.example" })
    ).data as { outcome: Outcome };
    expect(refused.outcome).toMatchObject({ code: 2305 });
    const unlink = await operator.mutate("registry.updateDomain", {
      connectionId: conn.id,
      name: "glue-test.example",
      rem: { nameServers: ["ns1.glue-test.example"] },
    });
    expect((unlink.data as { outcome: Outcome }).outcome.code).toBe(1000);
    const unlinked = (
      (await viewer.query("registry.host", { connectionId: conn.id, name: "ns1.glue-test.example" }))
        .data as { host: Host }
    ).host;
    expect(unlinked.statuses.map((x) => x.s)).not.toContain("linked");
    expect(unlinked.linkedDomains).toEqual([]);
    expect(
      (
        (
          await operator.mutate("registry.deleteHost", {
            connectionId: conn.id,
            name: "ns1.glue-test.example",
          })
        ).data as {
          outcome: Outcome;
        }
      ).outcome.code,
    ).toBe(1000);
    const gone = (
      await operator.mutate("registry.deleteDomain", { connectionId: conn.id, name: "glue-test.example" })
    ).data as { outcome: Outcome };
    expect(gone.outcome.code).toBe(1000);
    const domains = (await viewer.query("registry.domains", { connectionId: conn.id })).data as {
      name: string;
    }[];
    expect(domains.map((d) => d.name)).not.toContain("glue-test.example");

    const actions = (
      await h.app.services.db.auditEntry.findMany({
        where: { target: "glue-test.example" },
        orderBy: { id: "asc" },
      })
    ).map((a) => a.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        "registry.createDomain",
        "registry.updateDomain",
        "registry.renewDomain",
        "registry.deleteDomain",
        "registry.transferQuery",
      ]),
    );
    // The generated authInfo is in neither the audit log nor the transcript.
    await h.app.services.registry.flush();
    const createRow = await h.app.services.db.eppTransactionLog.findFirst({
      where: { command: "domain:create", object: "glue-test.example", code: 1000 },
    });
    expect(createRow?.requestXml).toMatch(/<domain:pw>\[redacted\]<\/domain:pw>/);
  });

  it("shows a domain's contacts with <contact:info>, without their authInfo", async () => {
    const r = (await viewer.query("registry.contact", { connectionId: conn.id, id: "demo-admin" })).data as {
      outcome: Outcome;
      contact: Record<string, unknown> & { postalInfo: { name: string }[]; statuses: { s: string }[] };
    };
    expect(r.outcome.code).toBe(1000);
    expect(r.contact.postalInfo[0]?.name).toBe("Demo Hostmaster");
    expect(r.contact.statuses.map((x) => x.s)).toContain("linked");
    expect(r.contact).toMatchObject({ sponsoredByUs: true, email: "hostmaster@netops-demo.example" });
    expect(JSON.stringify(r)).not.toContain("lab-contact-auth");
    const missing = (await viewer.query("registry.contact", { connectionId: conn.id, id: "nobody" }))
      .data as {
      outcome: Outcome;
    };
    expect(missing.outcome.code).toBe(2303);
    const chk = (
      await viewer.query("registry.contactCheck", { connectionId: conn.id, ids: ["demo-admin", "free-id"] })
    ).data as { items: { id: string; avail: boolean }[] };
    expect(chk.items).toEqual([
      { id: "demo-admin", avail: false, reason: "In use" },
      { id: "free-id", avail: true, reason: null },
    ]);
    const bad = await viewer.query("registry.contact", { connectionId: conn.id, id: "x" });
    expect(bad.status).toBe(400);
    expect(bad.error?.data.issues?.[0]?.path).toBe("id");
  });

  it("drains the poll queue: one alert per message (warning for a transfer away); ack resolves it", async () => {
    const list = await until(async () => {
      const l = (await viewer.query("registry.pollMessages", {})).data as Poll[];
      return l.some((m) => m.kind === "transfer") && l.some((m) => m.kind === "server") ? l : null;
    }, "both demo poll messages");
    const first = list.find((m) => m.kind === "transfer") as Poll;
    const server = list.find((m) => m.kind === "server") as Poll;
    expect(first).toMatchObject({ transferAway: true, object: "shop-demo.example" });
    expect(server.text).toMatch(/maintenance/i);
    // Stored, then acknowledged at the registry: its queue is empty now.
    const again = (await operator.mutate("registry.pollNow", { connectionId: conn.id })).data as {
      read: number;
      remaining: number;
    };
    expect(again).toEqual({ read: 0, newMessages: 0, remaining: 0 });
    const alerts = (await viewer.query("alerts.list", { source: ["epp"] })).data as { items: AlertRow[] };
    const mine = alerts.items.filter((a) => a.labels.connection === conn.name);
    expect(mine.find((a) => a.labels.message === first.msgId)).toMatchObject({
      severity: "warning",
      state: "firing",
    });
    expect(mine.find((a) => a.labels.message === server.msgId)).toMatchObject({
      severity: "info",
      state: "firing",
    });
    expect(mine.filter((a) => a.labels.message === first.msgId)).toHaveLength(1);
    expect((await viewer.mutate("registry.ackPoll", { id: first.id })).status).toBe(403);
    const ack = await operator.mutate("registry.ackPoll", { id: first.id });
    expect(ack.status).toBe(200);
    expect((await operator.mutate("registry.ackPoll", { id: first.id })).status).toBe(409);
    const after = (await viewer.query("alerts.list", { source: ["epp"], state: ["firing", "resolved"] }))
      .data as { items: AlertRow[] };
    expect(after.items.find((a) => a.labels.message === first.msgId)?.state).toBe("resolved");
    expect(after.items.find((a) => a.labels.message === server.msgId)?.state).toBe("firing");
    const all = (await viewer.query("registry.pollMessages", { includeAcked: true })).data as Poll[];
    expect(all.find((m) => m.id === first.id)?.ackedBy).toBe("eppop");
    // The alert's link (/registry/poll?message=<id>) opens the message by id, acknowledged or not.
    const alert = after.items.find((a) => a.labels.message === first.msgId) as AlertRow & {
      links: { href: string }[];
    };
    expect(alert.links[0]?.href).toBe(`/registry/poll?message=${first.id}`);
    const one = await viewer.query("registry.pollMessage", { id: first.id });
    expect(one.data).toMatchObject({ id: first.id, msgId: first.msgId, ackedBy: "eppop" });
    const none = await viewer.query("registry.pollMessage", { id: 999_999 });
    expect(none.status).toBe(404);
    expect(none.error?.message).toBe("no poll message 999999");
  });

  it("drains at most pollBatch messages per run and acknowledges each only after storing it", async () => {
    const lab = await h.app.services.db.eppPollMessage.count({ where: { connectionId: conn.id } });
    // A second handle on the lab registry's own SQLite file, to queue messages for the demo client.
    const store = new LabStore(path.join(h.dir, "epp-lab", "lab-registry.sqlite"));
    for (let i = 0; i < 3; i++) store.enqueue("netops-demo", `lab notice ${i}`, new Date().toISOString());
    store.close();
    const svc = h.app.services.registry as unknown as { opts: { pollBatch?: number } };
    svc.opts.pollBatch = 2;
    try {
      // The background job drains concurrently, so only the bound is exact here.
      const r1 = (await operator.mutate("registry.pollNow", { connectionId: conn.id })).data as {
        read: number;
      };
      expect(r1.read).toBeLessThanOrEqual(2);
      await until(async () => {
        const r = (await operator.mutate("registry.pollNow", { connectionId: conn.id })).data as {
          remaining: number;
          read: number;
        };
        return r.read === 0 && r.remaining === 0;
      }, "an empty lab queue");
    } finally {
      svc.opts.pollBatch = undefined;
    }
    // Each message stored once (alerted once), then acknowledged at the registry.
    const notices = await h.app.services.db.eppPollMessage.findMany({
      where: { connectionId: conn.id, text: { startsWith: "lab notice" } },
    });
    expect(notices.map((m) => m.text).sort()).toEqual(["lab notice 0", "lab notice 1", "lab notice 2"]);
    expect(await h.app.services.db.eppPollMessage.count({ where: { connectionId: conn.id } })).toBe(lab + 3);
    const alerts = (await viewer.query("alerts.list", { source: ["epp"] })).data as { items: AlertRow[] };
    for (const m of notices)
      expect(
        alerts.items.filter((x) => x.labels.message === m.msgId && x.labels.connection === conn.name),
      ).toHaveLength(1);
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

  it("purges transcript rows past the retention (days, then the row cap)", async () => {
    const db = h.app.services.db;
    await h.app.services.registry.flush();
    const old = new Date(Date.now() - 91 * 86_400_000);
    await db.eppTransactionLog.create({
      data: { connectionId: conn.id, command: "hello", startedAt: old, durationMs: 1, requestXml: "<old/>" },
    });
    const svc = h.app.services.registry as unknown as { opts: { transcriptMaxRows?: number } };
    expect(await h.app.services.registry.purgeTranscript()).toBe(1);
    expect(await db.eppTransactionLog.count({ where: { requestXml: "<old/>" } })).toBe(0);
    const total = await db.eppTransactionLog.count();
    svc.opts.transcriptMaxRows = 5;
    try {
      expect(await h.app.services.registry.purgeTranscript()).toBeGreaterThanOrEqual(total - 5);
      expect(await db.eppTransactionLog.count()).toBeLessThanOrEqual(5 + 2);
    } finally {
      svc.opts.transcriptMaxRows = undefined;
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
