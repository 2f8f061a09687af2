/**
 * One address (192.0.2.53) and one name (ns1.example) known to every subsystem, on a real
 * database: a DHCP lease and its history, an EPP host with that glue and a domain delegated to
 * it, a watched zone whose accepted copy has the A record, a BGP session with that peer, alerts
 * labelled with them, and an audit entry.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import type { Db } from "@netops/db";
import { addressSortKey } from "@netops/protocols/dhcp";
import type { Role } from "@netops/protocols";
import type { Context } from "../../src/context";
import { appRouter } from "../../src/router";
import type { ServiceOptions, Services } from "../../src/services";
import { createCallerFactory } from "../../src/trpc";
import { type TestDb, testServices } from "../fixtures";

export const ADDRESS = "192.0.2.53";
export const NAME = "ns1.example";
export const MAC = "00:1a:2b:3c:4d:5e";
export const PEER_AS = 64496;

export const ZONE = `$ORIGIN example.
$TTL 3600
@ IN SOA ns1.example. hostmaster.example. 2026120601 7200 3600 1209600 3600
@ IN NS ns1.example.
@ IN MX 10 mail.example.
ns1 IN A ${ADDRESS}
ns1 IN AAAA 2001:db8::53
mail IN A 192.0.2.25
www IN CNAME ns1.example.
`;

export async function seed(db: Db, services: Services, dir: string): Promise<void> {
  const src = await db.dhcpSource.create({
    data: { name: "lab-dhcpd", kind: "dhcpd-leases", location: path.join(dir, "dhcpd.leases"), lab: true },
  });
  const subnet = await db.dhcpSubnet.create({
    data: {
      sourceId: src.id,
      cidr: "192.0.2.0/24",
      lowKey: addressSortKey("192.0.2.0"),
      highKey: addressSortKey("192.0.2.255"),
    },
  });
  await db.dhcpPool.create({
    data: {
      subnetId: subnet.id,
      firstAddr: "192.0.2.50",
      lastAddr: "192.0.2.99",
      lowKey: addressSortKey("192.0.2.50"),
      highKey: addressSortKey("192.0.2.99"),
      size: 50,
    },
  });
  const lease = (address: string, hw: string, hostname: string) => ({
    sourceId: src.id,
    addressKey: addressSortKey(address),
    address,
    family: 4,
    prefixLength: 32,
    leaseType: "V4",
    hwAddress: hw,
    hostname,
    hostnameKey: hostname.toLowerCase(),
    state: "bound",
    line: 1,
    updatedAt: 0,
  });
  await db.dhcpLease.create({ data: lease(ADDRESS, MAC, "ns1") });
  await db.dhcpLease.create({ data: lease("192.0.2.54", "00:1a:2b:00:00:01", "printer-2") });
  await db.dhcpLease.create({ data: lease("192.0.20.7", "aa:bb:cc:dd:ee:ff", "laptop") });
  await db.dhcpLeaseEvent.create({
    data: {
      sourceId: src.id,
      addressKey: addressSortKey(ADDRESS),
      address: ADDRESS,
      hwAddress: MAC,
      hostname: "ns1",
      state: "bound",
      kind: "new",
      at: Math.floor(Date.parse("2026-12-06T10:00:00Z") / 1000),
    },
  });

  const conn = await db.eppRegistryConnection.create({
    data: {
      name: "lab-registry",
      host: "127.0.0.1",
      port: 7700,
      clientId: "lab",
      passwordSealed: "x",
      clientCert: "x",
      clientKeySealed: "x",
      caCert: "x",
      zones: JSON.stringify(["example"]),
    },
  });
  const refreshedAt = new Date("2026-12-06T09:00:00Z");
  await db.eppHost.create({
    data: {
      connectionId: conn.id,
      name: NAME,
      sponsor: "lab",
      addrs: JSON.stringify([{ ip: "v4", address: ADDRESS }]),
      // The registry service writes these rows beside the JSON (hosts.ts saveHost).
      addresses: { create: [{ address: ADDRESS }] },
      refreshedAt,
    },
  });
  await db.eppDomain.create({
    data: {
      connectionId: conn.id,
      name: "delegated.example",
      sponsor: "lab",
      nameServers: JSON.stringify([NAME, "ns2.example"]),
      nameServerRows: { create: [{ host: NAME }, { host: "ns2.example" }] },
      refreshedAt,
    },
  });
  await db.eppPollMessage.create({
    data: {
      connectionId: conn.id,
      msgId: "42",
      text: "Transfer requested for delegated.example",
      kind: "transfer",
      object: "delegated.example",
      receivedAt: new Date("2026-12-06T11:00:00Z"),
    },
  });

  writeFileSync(path.join(dir, "example.zone"), ZONE);
  const zone = await services.dns.create({
    name: "example.",
    sourceKind: "file",
    source: path.join(dir, "example.zone"),
    mode: "log-only",
    expectZonemd: false,
  });
  await services.dns.checkNow(zone.id, "manual");

  const at = (iso: string) => new Date(iso);
  const bgp = (id: string, kind: string, iso: string, text: string | null = null) => ({
    key: id,
    at: at(iso),
    router: "edge1",
    session: `edge1|${ADDRESS}`,
    peerAddress: ADDRESS,
    peerAddressKey: addressSortKey(ADDRESS),
    peerAs: PEER_AS,
    peerName: "transit-a",
    kind,
    direction: "received",
    text,
    subcodeName: kind === "notification" ? "Administrative Shutdown" : null,
    findings: "[]",
    source: "syslog",
    tickets: "[]",
  });
  await db.bgpEvent.create({ data: bgp("k1", "down", "2026-12-06T12:00:00Z") });
  await db.bgpEvent.create({
    data: bgp("k2", "notification", "2026-12-06T12:00:01Z", "maintenance window CHG-1234"),
  });
  await db.bgpEvent.create({ data: bgp("k3", "up", "2026-12-06T12:30:00Z") });

  await services.alerts.raise({
    source: "epp",
    severity: "warning",
    summary: `Host ${NAME} glue differs from RDAP`,
    labels: { host: NAME, address: ADDRESS },
  });
  await db.auditEntry.create({
    data: { actorName: "admin", action: "dns.checkNow", target: "example.", at: at("2026-12-06T13:00:00Z") },
  });
  await db.auditEntry.create({
    data: { actorName: "admin", action: "registry.updateHost", target: NAME, at: at("2026-12-06T13:01:00Z") },
  });
}

/** The app router's caller for a user of `role` on `services` (the API as a signed-in client sees it). */
export function apiCaller(services: Services, role: Role) {
  const ctx: Context = {
    services,
    req: { method: "GET", headers: {}, ip: "127.0.0.1", secure: false, setCookie: () => {} },
    user: { id: `u-${role}`, username: role, role, via: "token" },
    audit: { written: false },
  };
  return createCallerFactory(appRouter)(ctx);
}

/** Services on `t` that watch zone files in its folder, seeded (`options` adds to the test defaults, e.g. a clock). */
export async function seededServices(t: TestDb, options: Partial<ServiceOptions> = {}): Promise<Services> {
  const services = testServices(t.db, {
    ...options,
    dns: {
      zoneDirs: [t.dir],
      httpsUrls: [],
      maxZoneBytes: 1 << 20,
      maxRecords: 10_000,
      fetchTimeoutSeconds: 5,
    },
  });
  await seed(t.db, services, t.dir);
  return services;
}
