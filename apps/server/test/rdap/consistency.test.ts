/**
 * EPP ↔ RDAP consistency through the real demo console: the LAB EPP registry, the console's host
 * cache filled over EPP, the lab RDAP server publishing the registry's database. Consistent hosts
 * give no findings; an address changed behind the console's back (directly in the registry's
 * database) is an address-mismatch finding and a warning alert linking to the host page; put
 * back, the alert resolves. Cached domains are compared too (name servers, statuses, expiry), an
 * operator can run the check now, and a name the console knows as a host is looked up as a nameserver.
 */
import {
  type ConsistencyReport,
  compareHost,
  eppToRdapStatus,
  normalizeIp,
  RdapConsistencyChecker,
} from "@netops/api";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { labRegistryFile } from "@netops/labs/rdap";
import { Client, type Harness, startHarness, until } from "../harness";

const HOST = "ns1.netops-demo.example";

let h: Harness;
let viewer: Client;
let operator: Client;
let checker: RdapConsistencyChecker;
let conn: string;

/** The registry's own database: what its EPP server and its RDAP server both read. */
function setRegistryExDate(domain: string, exDate: string) {
  const db = new Database(labRegistryFile(h.dir));
  try {
    db.prepare("UPDATE domain SET ex_date = ? WHERE name = ?").run(exDate, domain);
  } finally {
    db.close();
  }
}

function setRegistryAddrs(addrs: { ip: string; address: string }[]) {
  const db = new Database(labRegistryFile(h.dir));
  try {
    db.prepare("UPDATE host SET addrs = ? WHERE name = ?").run(JSON.stringify(addrs), HOST);
  } finally {
    db.close();
  }
}

const consistencyAlerts = async () =>
  (await h.app.services.alerts.list({ source: ["rdap"], state: ["firing", "acknowledged"] })).items.filter(
    (a) => a.labels.check === "consistency",
  );

beforeAll(async () => {
  h = await startHarness({ demo: true, yaml: "rdap:\n  bootstrapRefreshHours: 0" });
  await h.app.services.auth.createUser("rdapview", "viewer-password-1", "viewer");
  viewer = new Client(h);
  await viewer.login("rdapview", "viewer-password-1");
  await h.app.services.auth.createUser("rdapop", "operator-password-1", "operator");
  operator = new Client(h);
  await operator.login("rdapop", "operator-password-1");
  const s = h.app.services;
  conn = await until(async () => (await s.registry.listConnections())[0]?.id, "the lab connection");
  await until(
    async () => (await s.registry.listHosts({ connectionId: conn })).some((x) => x.name === HOST),
    "the demo hosts in the cache",
  );
  checker = new RdapConsistencyChecker(s.rdap, s.registry, s.alerts);
}, 60_000);
afterAll(async () => {
  await h?.close();
});

describe("EPP ↔ RDAP consistency", () => {
  it("maps EPP statuses and normalises addresses", () => {
    expect(eppToRdapStatus("ok")).toBe("active");
    expect(eppToRdapStatus("linked")).toBe("associated");
    expect(eppToRdapStatus("clientDeleteProhibited")).toBe("client delete prohibited");
    expect(eppToRdapStatus("serverDeleteProhibited")).toBe("server delete prohibited");
    expect(normalizeIp("2001:DB8:0:0::53")).toBe("2001:db8::53");
    expect(normalizeIp(" 192.0.2.53 ")).toBe("192.0.2.53");
    const f = compareHost(
      {
        connectionId: "c",
        name: "ns.x.example",
        statuses: [{ s: "ok" }, { s: "linked" }],
        addrs: [{ ip: "v6", address: "2001:DB8::1" }],
      },
      {
        objectClassName: "nameserver",
        ipAddresses: { v6: ["2001:db8:0::1"] },
        status: ["associated", "active"],
      } as never,
      "u",
    );
    expect(f).toEqual([]);
  });

  it("finds nothing while the registry and the cache agree", async () => {
    const r = await checker.run();
    expect(r.skipped).toBeNull();
    expect(r.checked).toBeGreaterThan(0);
    expect(r.findings).toEqual([]);
    expect(r.consistent).toBe(r.checked);
    // ns.dns-provider.net is outside the lab zones: its RDAP server is not the lab registry's.
    expect(r.outOfZone).toBeGreaterThan(0);
    expect(await consistencyAlerts()).toEqual([]);
    const shown = (await viewer.query("rdap.consistency")).data as ConsistencyReport;
    expect(shown).toMatchObject({ checked: r.checked, findings: [] });
  });

  it("reports an address changed behind the console's back, alerts, and clears once fixed", async () => {
    const before = (await h.app.services.registry.getHost(conn, HOST)).host.addrs;
    setRegistryAddrs([{ ip: "v4", address: "192.0.2.99" }, ...before.filter((a) => a.ip === "v6")]);

    const r = await checker.run();
    expect(r.findings).toEqual([
      expect.objectContaining({
        kind: "address-mismatch",
        connectionId: conn,
        host: HOST,
        epp: { v4: ["192.0.2.53"], v6: ["2001:db8::53"] },
        rdap: { v4: ["192.0.2.99"], v6: ["2001:db8::53"] },
      }),
    ]);
    const [alert, ...more] = await consistencyAlerts();
    expect(more).toEqual([]);
    expect(alert).toMatchObject({
      severity: "warning",
      state: "firing",
      labels: { check: "consistency", connection: conn, host: HOST },
    });
    expect(alert?.links[0]?.href).toBe(`/registry/hosts/${encodeURIComponent(conn)}/${HOST}`);
    const shown = (await viewer.query("rdap.consistency")).data as ConsistencyReport;
    expect(shown.findings.map((f) => [f.kind, f.host])).toEqual([["address-mismatch", HOST]]);

    setRegistryAddrs(before);
    const fixed = await checker.run();
    expect(fixed.findings).toEqual([]);
    expect(await consistencyAlerts()).toEqual([]);
    const resolved = (await h.app.services.alerts.list({ source: ["rdap"], state: ["resolved"] })).items;
    expect(resolved.map((a) => [a.labels.host, a.resolvedBy])).toEqual([[HOST, "auto"]]);
  });

  it("compares the cached domains with the registry's RDAP domain objects", async () => {
    const r = await checker.run();
    expect(r.domainsChecked).toBeGreaterThanOrEqual(3);
    expect(r.domainFindings).toEqual([]);
    expect(r.domainsConsistent).toBe(r.domainsChecked);

    const DOMAIN = "netops-demo.example";
    const cached = (await h.app.services.registry.listDomains(conn)).find((d) => d.name === DOMAIN);
    const exDate = cached?.exDate ?? "";
    setRegistryExDate(DOMAIN, "2031-01-01T00:00:00.000Z");
    try {
      const changed = await checker.run();
      expect(changed.domainFindings).toEqual([
        expect.objectContaining({
          kind: "expiry-mismatch",
          connectionId: conn,
          domain: DOMAIN,
          epp: [exDate],
          rdap: ["2031-01-01T00:00:00.000Z"],
        }),
      ]);
      const alert = (await consistencyAlerts()).find((a) => a.labels.domain === DOMAIN);
      expect(alert?.links[0]?.href).toBe(`/registry/domains?conn=${encodeURIComponent(conn)}&name=${DOMAIN}`);
    } finally {
      setRegistryExDate(DOMAIN, exDate);
    }
    expect((await checker.run()).domainFindings).toEqual([]);
    expect(await consistencyAlerts()).toEqual([]);
  });

  it("runs now for an operator ('check now'), not for a viewer", async () => {
    expect((await viewer.mutate("rdap.checkConsistency")).status).toBe(403);
    const r = await operator.mutate("rdap.checkConsistency");
    expect(r.status).toBe(200);
    expect(r.data).toMatchObject({ trigger: "manual", skipped: null, findings: [], domainFindings: [] });
    expect(((await viewer.query("rdap.consistency")).data as ConsistencyReport).trigger).toBe("manual");
  });

  it("looks a name the console knows as a host up as a nameserver, and says why", async () => {
    const r = (await viewer.query("rdap.query", { q: HOST })).data as {
      picked: { type: string; because?: string };
      result: { ok: boolean; response?: { object?: { objectClassName: string } } };
    };
    expect(r.picked).toMatchObject({ type: "nameserver", because: "a host object in the registry (EPP)" });
    expect(r.result.ok).toBe(true);
    expect(r.result.response?.object?.objectClassName).toBe("nameserver");
    // A domain stays a domain lookup; an explicit type is kept as asked.
    const d = (await viewer.query("rdap.query", { q: "netops-demo.example" })).data as {
      picked: { type: string };
    };
    expect(d.picked.type).toBe("domain");
    const asked = (await viewer.query("rdap.query", { q: HOST, type: "domain" })).data as {
      picked: { type: string };
    };
    expect(asked.picked.type).toBe("domain");
  });
});
