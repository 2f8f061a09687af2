/**
 * The lab RDAP server over the LAB EPP registry's database: objects created over EPP (real TLS
 * session on loopback, the console's session code) appear in RDAP lookups and searches through
 * the real client, with RFC 8977 sorting and paging; the demo wiring switches the server from the
 * seeded dataset to the registry and adds the demo portfolio.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { registry, RdapService, type RdapView } from "@netops/api";
import type { Domain, Entity, Nameserver } from "@netops/protocols/rdap";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LAB_DEMO_CLIENT, LAB_OTHER_CLIENT, seedLabDemo } from "@netops/labs/epp/demo";
import {
  type DemoRdapLab,
  type LabRdapServer,
  RegistryLabRdapStore,
  rdapStatus,
  startLabRdapServer,
  startRdapLab,
} from "@netops/labs/rdap";
import { type LabHarness, ME, OTHER, startLab } from "../registry/lab-harness";

let h: LabHarness;
let a: registry.EppSession;
let b: registry.EppSession;
let server: LabRdapServer;
let rdap: RdapService;

const ok = (v: RdapView) => {
  if (!v.ok) throw new Error(`expected an answer, got ${v.error.code}: ${v.error.message}`);
  return v;
};
const names = (v: RdapView) => (ok(v).response.results ?? []).map((o) => (o as Domain).ldhName);
const WORDS = [
  "lima",
  "echo",
  "papa",
  "bravo",
  "kilo",
  "hotel",
  "delta",
  "golf",
  "alpha",
  "india",
  "juliett",
  "mike",
];

async function must(s: registry.EppSession, c: Parameters<registry.EppSession["command"]>[0]) {
  const r = await s.command(c);
  if (r.code >= 2000) throw new Error(`${c.cmd}: ${r.code} ${r.response.results[0]?.msg}`);
  return r;
}

beforeAll(async () => {
  h = await startLab();
  a = await registry.EppSession.open(h.config(ME), h.sink);
  b = await registry.EppSession.open(h.config(OTHER), h.sink);
  // Created over EPP in this (non-alphabetical) order, so name order differs from creation order.
  for (const w of WORDS)
    await must(a, {
      cmd: "domain:create",
      name: `${w}.example`,
      registrant: "c-a",
      contacts: [{ type: "tech", id: "c-a" }],
      authInfo: { pw: `auth-${w}-123` },
    });
  await must(a, {
    cmd: "host:create",
    name: "ns1.lima.example",
    addrs: [
      { ip: "v4", address: "192.0.2.1" },
      { ip: "v6", address: "2001:db8::1" },
    ],
  });
  await must(a, { cmd: "host:create", name: "ns.elsewhere.net", addrs: [] });
  await must(a, {
    cmd: "domain:update",
    name: "lima.example",
    add: { ns: { hostObj: ["ns1.lima.example", "ns.elsewhere.net"] }, contacts: [], statuses: [] },
    rem: { contacts: [], statuses: [] },
  });
  await must(a, {
    cmd: "domain:update",
    name: "echo.example",
    add: { ns: { hostObj: ["ns1.lima.example"] }, contacts: [], statuses: [{ s: "clientHold" }] },
    rem: { contacts: [], statuses: [] },
  });
  server = await startLabRdapServer({ store: new RegistryLabRdapStore(h.lab.store), pageSize: 5 });
  rdap = new RdapService({
    overrides: { dns: { example: [server.baseUrl] }, default: [server.baseUrl] },
    privateHosts: [server.host],
    httpHosts: [server.host],
  });
});

afterAll(async () => {
  await a?.logout();
  await b?.logout();
  await server?.close();
  await h?.close();
});

describe("lab RDAP server over the lab registry", () => {
  it("maps EPP statuses to RDAP ones (RFC 8056)", () => {
    expect(rdapStatus("ok")).toBe("active");
    expect(rdapStatus("linked")).toBe("associated");
    expect(rdapStatus("clientTransferProhibited")).toBe("client transfer prohibited");
    expect(rdapStatus("pendingTransfer")).toBe("pending transfer");
  });

  it("looks up a domain created over EPP: name servers, statuses, events, registrar and contacts", async () => {
    const v = ok((await rdap.query({ q: "lima.example" })).result);
    const d = v.response.object as Domain;
    expect(d.ldhName).toBe("lima.example");
    expect(d.handle).toMatch(/^D\d+-LAB$/);
    expect(d.status).toEqual(["active"]);
    expect(d.nameservers.map((n) => [n.ldhName, n.ipAddresses?.v4, n.ipAddresses?.v6])).toEqual([
      ["ns.elsewhere.net", undefined, undefined],
      ["ns1.lima.example", ["192.0.2.1"], ["2001:db8::1"]],
    ]);
    const actions = d.events.map((e) => e.eventAction);
    expect(actions).toEqual(["registration", "last changed", "expiration"]);
    const reg = d.events.find((e) => e.eventAction === "registration")?.eventDate ?? "";
    const exp = d.events.find((e) => e.eventAction === "expiration")?.eventDate ?? "";
    expect(new Date(exp).getUTCFullYear() - new Date(reg).getUTCFullYear()).toBe(1);
    // The sponsoring registrar, and the registrant who is also the tech contact: one entity.
    expect(d.entities.map((e) => [e.handle, e.roles])).toEqual([
      [ME, ["registrar"]],
      [expect.stringMatching(/^C\d+-LAB$/), ["registrant", "technical"]],
    ]);
    expect(d.entities[1]?.contact?.fn).toBe("A Ops");
    expect(d.entities[1]?.contact?.emails).toEqual([]);
    expect(d.redacted[0]?.name.type).toBe("Registrant Email");
    expect(v.findings.filter((f) => f.severity === "error")).toEqual([]);

    const [registrar] = await rdap.related(v.finalUrl);
    const rd = ok(registrar as RdapView).response.object as Domain;
    expect(rd.entities[1]?.contact?.emails[0]?.address).toBe("a@a.example");

    const hold = ok((await rdap.query({ q: "echo.example" })).result).response.object as Domain;
    expect(hold.status).toEqual(["client hold"]);
    const bare = ok((await rdap.query({ q: "alpha.example" })).result).response.object as Domain;
    expect(bare.status).toEqual(["active", "inactive"]);
  });

  it("shows a host object as a nameserver with its addresses, and a contact as a jCard entity", async () => {
    const ns = ok((await rdap.query({ q: "ns1.lima.example", type: "nameserver" })).result);
    expect(ns.response.object as Nameserver).toMatchObject({
      ldhName: "ns1.lima.example",
      ipAddresses: { v4: ["192.0.2.1"], v6: ["2001:db8::1"] },
      status: ["active", "associated"],
    });
    const handle = (ok((await rdap.query({ q: "lima.example" })).result).response.object as Domain)
      .entities[1]?.handle as string;
    const e = ok((await rdap.query({ q: handle, type: "entity" })).result).response.object as Entity;
    expect(e.contact).toMatchObject({ fn: "A Ops", emails: [{ address: "a@a.example" }] });
    expect(e.contact?.addresses[0]).toMatchObject({ street: ["1 St"], locality: "X", countryCode: "ZZ" });
    expect(e.status).toEqual(["associated"]);
    const registrar = ok((await rdap.query({ q: ME, type: "entity" })).result).response.object as Entity;
    expect(registrar.roles).toEqual(["registrar"]);
  });

  it("sees a change over EPP in the next lookup", async () => {
    await must(a, {
      cmd: "host:update",
      name: "ns1.lima.example",
      add: { addrs: [{ ip: "v4", address: "192.0.2.2" }], statuses: [] },
      rem: { addrs: [{ ip: "v6", address: "2001:db8::1" }], statuses: [] },
    });
    const ns = ok((await rdap.query({ q: "ns1.lima.example", type: "nameserver" })).result).response
      .object as Nameserver;
    expect(ns.ipAddresses?.v4).toEqual(["192.0.2.1", "192.0.2.2"]);
    expect(ns.ipAddresses?.v6 ?? []).toEqual([]);
    expect(ns.events.map((e) => e.eventAction)).toEqual(["registration", "last changed"]);
    await must(b, {
      cmd: "domain:create",
      name: "zulu.example",
      registrant: "c-a",
      contacts: [],
      authInfo: { pw: "auth-zulu-123" },
    });
    const z = ok((await rdap.query({ q: "zulu.example" })).result).response.object as Domain;
    expect(z.entities[0]).toMatchObject({ handle: OTHER, roles: ["registrar"] });
  });

  it("searches domains created over EPP, sorted and paged by the server's next links", async () => {
    const all = [...WORDS, "zulu"].map((w) => `${w}.example`).sort();
    const first = ok((await rdap.query({ q: "*.example" })).result);
    expect(first.metadata).toMatchObject({ currentSort: "name:a", totalCount: all.length, pageSize: 5 });
    const seen = [...names(first)];
    let page = first;
    for (let i = 0; i < 5 && page.metadata.pages.next; i++) {
      page = ok(await rdap.follow(page.metadata.pages.next));
      seen.push(...names(page));
    }
    expect(seen).toEqual(all);
    expect(page.metadata.pages.next).toBeUndefined();

    const desc = ok((await rdap.query({ q: "*.example", sort: "name:d" })).result);
    expect(names(desc)).toEqual([...all].reverse().slice(0, 5));
    // By registration date, newest first: creation order over EPP, reversed (zulu last created).
    const byDate = ok(
      (await rdap.query({ q: "*.example", sort: "registrationDate:d", fieldSet: "brief" })).result,
    );
    expect(names(byDate)[0]).toBe("zulu.example");
    const dates = (JSON.parse(byDate.raw) as { domainSearchResults: { events?: unknown }[] })
      .domainSearchResults;
    expect(dates[0]).not.toHaveProperty("events");
    const withDates = ok((await rdap.query({ q: "*.example", sort: "registrationDate:d" })).result);
    const regs = (withDates.response.results as Domain[]).map(
      (d) => d.events.find((e) => e.eventAction === "registration")?.eventDate as string,
    );
    expect([...regs].sort().reverse()).toEqual(regs);

    const byNs = ok((await rdap.query({ q: "ns1.lima.example", type: "domains", by: "nsLdhName" })).result);
    expect(names(byNs)).toEqual(["echo.example", "lima.example"]);
    const nsByIp = ok((await rdap.query({ q: "192.0.2.2", type: "nameservers", by: "ip" })).result);
    expect(names(nsByIp)).toEqual(["ns1.lima.example"]);
    const ents = ok((await rdap.query({ q: "A Op*", type: "entities", by: "fn" })).result);
    expect((ents.response.results as Entity[]).map((e) => e.contact?.fn)).toEqual(["A Ops"]);
  });
});

describe("demo wiring", () => {
  let dir: string;
  let demoLab: LabHarness;
  let lab: DemoRdapLab;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "netops-rdap-demo-"));
    demoLab = await startLab({}, path.join(dir, "epp-lab"));
    demoLab.lab.addClient(LAB_DEMO_CLIENT, "demo-pass-123");
    demoLab.lab.addClient(LAB_OTHER_CLIENT, "other-pass-123");
    seedLabDemo(demoLab.lab.store, ["example"]);
    lab = await startRdapLab();
  });
  afterAll(async () => {
    await lab?.close();
    await demoLab?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("serves the seeded dataset until the lab registry runs, then the registry with the demo portfolio", async () => {
    const svc = new RdapService({
      overrides: { dns: { example: [lab.baseUrl] }, default: [lab.baseUrl] },
      privateHosts: [lab.host],
      httpHosts: [lab.host],
    });
    expect(lab.serving).toBe("seeded");
    expect(lab.serveRegistry(path.join(dir, "nowhere"))).toBe(false);
    const seeded = ok((await svc.query({ q: "*.example" })).result);
    expect(seeded.metadata.totalCount).toBe(25);
    expect((await svc.query({ q: "netops-demo.example" })).result).toMatchObject({
      ok: false,
      error: { status: 404 },
    });

    expect(lab.serveRegistry(dir)).toBe(true);
    expect(lab.serveRegistry(dir)).toBe(true); // a second call changes nothing
    expect(lab.serving).toBe("registry");
    const demo = ok((await svc.query({ q: "netops-demo.example" })).result).response.object as Domain;
    expect(demo.nameservers.map((n) => n.ldhName)).toEqual([
      "ns1.netops-demo.example",
      "ns2.netops-demo.example",
    ]);
    // 4 domains of the EPP demo (lab.example, the demo's connected name, among them) + 22 of the
    // RDAP demo portfolio.
    const all = ok((await svc.query({ q: "*.example", sort: "registrationDate:d" })).result);
    expect(all.metadata.totalCount).toBe(26);
    const p2 = ok(await svc.follow(all.metadata.pages.next as string));
    const p3 = ok(await svc.follow(p2.metadata.pages.next as string));
    const order = [...names(all), ...names(p2), ...names(p3)];
    expect(order).toHaveLength(26);
    // The portfolio's newest registration is kilo.example, after the four made at start.
    expect(order[4]).toBe("kilo.example");
    expect(order.at(-1)).toBe("alpha.example");
  });
});
