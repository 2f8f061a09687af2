/**
 * Registry refusals: the mock API answers the commands the LAB registry refuses with the same
 * result code and message (both apply @netops/protocols/epp registry-rules). The lab store is
 * seeded with the mock's registry fixtures; each command runs on both.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { DomainCommand, HostCommand } from "@netops/protocols/epp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { domainCommand } from "@netops/labs/epp/domain-commands";
import { hostCommand } from "@netops/labs/epp/host-commands";
import { LabStore } from "@netops/labs/epp/store";
import { CLIENT, CONN, createRegistryResolvers, registrySampleData } from "../src/registry.mock";
import { fixtureTime } from "../src/fixtures";

const data = registrySampleData();
const mock = createRegistryResolvers(() => ({ username: "operator" }), data) as unknown as Record<
  string,
  (input: unknown) => { outcome: { code: number; message: string } }
>;
let dir: string;
let store: LabStore;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "netops-registry-parity-"));
  store = new LabStore(path.join(dir, "lab.sqlite"));
  const at = fixtureTime(-9000);
  for (const h of data.hosts)
    store.insertHost({
      roid: h.roid ?? h.name,
      name: h.name,
      clID: h.sponsor,
      crID: h.sponsor,
      crDate: at,
      addrs: h.addrs,
      statuses: h.statuses.filter((s) => s.s !== "ok" && s.s !== "linked") as never,
    });
  for (const [i, d] of data.domains.entries()) {
    const roid = `D${i + 1}-MOCK`;
    store.insertDomain({
      roid,
      name: d.name,
      clID: d.sponsor,
      crID: d.sponsor,
      crDate: at,
      exDate: d.exDate ?? at,
      contacts: [],
      statuses: [],
      authPw: "example-pw",
    });
    for (const ns of d.nameServers) store.addNameServer(roid, store.host(ns)?.roid ?? "");
    const t = data.transfers.find((x) => x.name === d.name);
    if (t)
      store.saveTransfer(roid, {
        status: t.status as "pending",
        reID: t.requestedBy,
        reDate: t.requestedAt,
        acID: t.actingClient,
        acDate: t.actBy,
      });
  }
});
afterAll(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const ctx = { clID: CLIENT, zones: ["example"], now: fixtureTime(0) };
const noChange = { contacts: [], statuses: [] };

const cases: [string, HostCommand | DomainCommand, string, unknown][] = [
  [
    "2305: deleting a host other domains use",
    { cmd: "host:delete", name: "ns1.shop.example" },
    "registry.deleteHost",
    { connectionId: CONN, name: "ns1.shop.example" },
  ],
  [
    "2304: deleting a delete-prohibited host",
    { cmd: "host:delete", name: "ns.dns-provider.example" },
    "registry.deleteHost",
    { connectionId: CONN, name: "ns.dns-provider.example" },
  ],
  [
    "2302: creating a host that exists",
    { cmd: "host:create", name: "ns2.shop.example", addrs: [{ ip: "v4", address: "198.51.100.53" }] },
    "registry.createHost",
    { connectionId: CONN, name: "ns2.shop.example", addrs: [{ ip: "v4", address: "198.51.100.53" }] },
  ],
  [
    "2201: creating a host under another client's domain",
    { cmd: "host:create", name: "ns9.blog.example", addrs: [{ ip: "v4", address: "192.0.2.99" }] },
    "registry.createHost",
    { connectionId: CONN, name: "ns9.blog.example", addrs: [{ ip: "v4", address: "192.0.2.99" }] },
  ],
  [
    "2302: creating a domain that exists",
    { cmd: "domain:create", name: "shop.example", contacts: [], authInfo: { pw: "example-pw" } },
    "registry.createDomain",
    { connectionId: CONN, name: "shop.example" },
  ],
  [
    "2303: a name server that is no host object",
    {
      cmd: "domain:create",
      name: "new.example",
      ns: { hostObj: ["ns.missing.example"] },
      contacts: [],
      authInfo: { pw: "example-pw" },
    },
    "registry.createDomain",
    { connectionId: CONN, name: "new.example", nameServers: ["ns.missing.example"] },
  ],
  [
    "2201: changing another client's domain",
    {
      cmd: "domain:update",
      name: "blog.example",
      add: { ...noChange, ns: { hostObj: ["ns2.shop.example"] } },
      rem: noChange,
    },
    "registry.updateDomain",
    { connectionId: CONN, name: "blog.example", add: { nameServers: ["ns2.shop.example"] } },
  ],
  [
    "2305: deleting a domain with subordinate hosts",
    { cmd: "domain:delete", name: "shop.example" },
    "registry.deleteDomain",
    { connectionId: CONN, name: "shop.example" },
  ],
  [
    "2201: deleting another client's domain",
    { cmd: "domain:delete", name: "blog.example" },
    "registry.deleteDomain",
    { connectionId: CONN, name: "blog.example" },
  ],
  [
    "2201: cancelling a transfer another client asked for",
    { cmd: "domain:transfer", op: "cancel", name: "shop.example" },
    "registry.answerTransfer",
    { connectionId: CONN, name: "shop.example", op: "cancel" },
  ],
  [
    "2201: approving a transfer of another client's domain",
    { cmd: "domain:transfer", op: "approve", name: "blog.example" },
    "registry.answerTransfer",
    { connectionId: CONN, name: "blog.example", op: "approve" },
  ],
  [
    "2301: cancelling when no transfer is pending",
    { cmd: "domain:transfer", op: "cancel", name: "blog.example" },
    "registry.answerTransfer",
    { connectionId: CONN, name: "blog.example", op: "cancel" },
  ],
];

describe("registry refusals: mock API = LAB registry", () => {
  for (const [name, command, path, input] of cases) {
    it(name, () => {
      const lab = command.cmd.startsWith("host:")
        ? hostCommand(store, command as HostCommand, ctx)
        : domainCommand(store, command as DomainCommand, ctx);
      const got = mock[path]?.(input).outcome;
      expect(lab.code).toBeGreaterThanOrEqual(2000);
      expect({ code: got?.code, message: got?.message }).toEqual({ code: lab.code, message: lab.msg });
    });
  }
});
