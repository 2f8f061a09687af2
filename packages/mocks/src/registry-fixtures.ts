/**
 * Mock registry (EPP) fixtures (tests, Storybook, dev:mock). Everything is under the reserved
 * `.example` suffix on documentation addresses, the registry is called "mock-registry", and nothing
 * here talks to a registry.
 */
import type { RouterOutputs } from "@netops/api";
import { fixtureTime } from "./fixtures";

export type RegistryConnectionFixture = RouterOutputs["registry"]["connections"][number];
export type RegistryHostFixture = RouterOutputs["registry"]["hosts"][number];
export type RegistryDomainFixture = RouterOutputs["registry"]["domains"][number];
export type RegistryPollFixture = RouterOutputs["registry"]["pollMessages"][number];
export type RegistryTransactionFixture = RouterOutputs["registry"]["transcript"]["items"][number];
/** A domain's latest transfer as the registry keeps it (the view's awayFromUs/toUs/exDate are derived). */
export type RegistryTransferFixture = Omit<
  NonNullable<RouterOutputs["registry"]["transferQuery"]["transfer"]>,
  "awayFromUs" | "toUs" | "exDate"
>;

export interface RegistryMockData {
  connections: RegistryConnectionFixture[];
  hosts: RegistryHostFixture[];
  domains: RegistryDomainFixture[];
  poll: RegistryPollFixture[];
  transcript: RegistryTransactionFixture[];
  transfers: RegistryTransferFixture[];
}

/** The mock connection and the client id it logs in as. */
export const CONN = "mock-conn-0001";
export const CLIENT = "mock-registrar";

export function registryConnectionFixture(
  over: Partial<RegistryConnectionFixture> = {},
): RegistryConnectionFixture {
  return {
    id: CONN,
    name: "mock-registry",
    host: "epp.registry.example",
    port: 700,
    servername: null,
    clientId: CLIENT,
    hasPassword: true,
    hasClientKey: true,
    clientCertSubject: "CN=mock-registrar",
    caSubject: "CN=Mock Registry CA",
    objURIs: ["urn:ietf:params:xml:ns:host-1.0", "urn:ietf:params:xml:ns:domain-1.0"],
    extURIs: [],
    zones: ["example"],
    poolSize: 2,
    enabled: true,
    greeting: {
      svID: "Mock EPP registry (MOCK DATA)",
      svDate: fixtureTime(-1),
      versions: ["1.0"],
      langs: ["en"],
      objURIs: [
        "urn:ietf:params:xml:ns:host-1.0",
        "urn:ietf:params:xml:ns:domain-1.0",
        "urn:ietf:params:xml:ns:contact-1.0",
      ],
      extURIs: ["urn:ietf:params:xml:ns:secDNS-1.1"],
      dcpAccess: "all",
      receivedAt: fixtureTime(-1),
    },
    state: "connected",
    lastError: null,
    retryAt: null,
    failures: 0,
    sessions: [{ openedAt: fixtureTime(-30), state: "ready", tls: "TLSv1.3", lastRttMs: 12, busy: 0 }],
    rtt: { recentMs: [14, 11, 12, 15, 12], lastMs: 12, avgMs: 13 },
    lastPollAt: fixtureTime(-1),
    unackedMessages: 2,
    createdAt: fixtureTime(-600),
    updatedAt: fixtureTime(-600),
    ...over,
  };
}

export function registryHostFixture(over: Partial<RegistryHostFixture> = {}): RegistryHostFixture {
  return {
    connectionId: CONN,
    connectionName: "mock-registry",
    name: "ns1.shop.example",
    roid: "H1-MOCK",
    statuses: [{ s: "ok" }],
    addrs: [{ ip: "v4", address: "192.0.2.53" }],
    sponsor: CLIENT,
    sponsoredByUs: true,
    superordinate: "shop.example",
    linkedDomains: [],
    crDate: fixtureTime(-900),
    upDate: null,
    gone: false,
    refreshedAt: fixtureTime(-2),
    ...over,
  };
}

export function registryTransactionFixture(
  over: Partial<RegistryTransactionFixture> = {},
): RegistryTransactionFixture {
  return {
    id: 1,
    connectionId: CONN,
    command: "host:info",
    object: "ns1.shop.example",
    clTRID: "NETOPS-0000000000000001",
    svTRID: "MOCK-1",
    startedAt: fixtureTime(-2),
    durationMs: 12,
    code: 1000,
    meaning: "Command completed successfully",
    message: "Command completed successfully",
    requestXml: '<epp xmlns="urn:ietf:params:xml:ns:epp-1.0"><!-- MOCK --></epp>',
    responseXml: '<epp xmlns="urn:ietf:params:xml:ns:epp-1.0"><!-- MOCK --></epp>',
    error: null,
    ...over,
  };
}

export function registrySampleData(): RegistryMockData {
  return {
    connections: [registryConnectionFixture()],
    hosts: [
      registryHostFixture({
        statuses: [{ s: "ok" }, { s: "linked" }],
        addrs: [
          { ip: "v4", address: "192.0.2.53" },
          { ip: "v6", address: "2001:db8::53" },
        ],
        linkedDomains: ["shop.example", "blog.example"],
      }),
      registryHostFixture({
        name: "ns2.shop.example",
        roid: "H2-MOCK",
        addrs: [{ ip: "v4", address: "198.51.100.53" }],
      }),
      registryHostFixture({
        name: "ns.dns-provider.example",
        roid: "H3-MOCK",
        addrs: [],
        superordinate: "dns-provider.example",
        statuses: [{ s: "clientDeleteProhibited" }],
      }),
    ],
    domains: [
      {
        connectionId: CONN,
        name: "shop.example",
        sponsor: CLIENT,
        nameServers: ["ns1.shop.example"],
        subordinates: ["ns1.shop.example", "ns2.shop.example"],
        statuses: [{ s: "ok" }],
        exDate: fixtureTime(60 * 24 * 200),
        gone: false,
        refreshedAt: fixtureTime(-5),
      },
      {
        connectionId: CONN,
        name: "blog.example",
        sponsor: "other-registrar",
        nameServers: ["ns1.shop.example"],
        subordinates: [],
        statuses: [{ s: "ok" }],
        exDate: fixtureTime(60 * 24 * 100),
        gone: false,
        refreshedAt: fixtureTime(-5),
      },
    ],
    poll: [
      {
        id: 2,
        connectionId: CONN,
        connectionName: "mock-registry",
        msgId: "102",
        qDate: fixtureTime(-20),
        text: "Transfer of shop.example requested by other-registrar",
        kind: "transfer",
        object: "shop.example",
        data: { name: "shop.example", trStatus: "pending", reID: "other-registrar", acID: CLIENT },
        transferAway: true,
        receivedAt: fixtureTime(-19),
        ackedAt: null,
        ackedBy: null,
      },
      {
        id: 1,
        connectionId: CONN,
        connectionName: "mock-registry",
        msgId: "101",
        qDate: fixtureTime(-60),
        text: "Maintenance window Sunday 02:00-03:00 UTC (mock message)",
        kind: "server",
        object: null,
        data: null,
        transferAway: false,
        receivedAt: fixtureTime(-59),
        ackedAt: null,
        ackedBy: null,
      },
    ],
    transfers: [
      {
        name: "shop.example",
        status: "pending",
        requestedBy: "other-registrar",
        requestedAt: fixtureTime(-20),
        actingClient: CLIENT,
        actBy: fixtureTime(5 * 24 * 60),
      },
    ],
    transcript: [
      // The poll job's routine `poll req` (queue empty): hidden from the transcript unless asked for.
      ...[6, 5, 4].map((id) =>
        registryTransactionFixture({
          id,
          command: "poll req",
          object: null,
          startedAt: fixtureTime(-(7 - id) / 4),
          code: 1300,
          meaning: "Command completed successfully; no messages",
          message: "Command completed successfully; no messages",
        }),
      ),
      registryTransactionFixture({
        id: 3,
        command: "host:delete",
        code: 2305,
        meaning: "Object association prohibits operation",
        message: "ns1.shop.example is a name server of shop.example, blog.example",
      }),
      registryTransactionFixture({ id: 2 }),
      registryTransactionFixture({ id: 1, command: "login", object: null, startedAt: fixtureTime(-30) }),
    ],
  };
}

/** The `registry` health tile as the server's probe words it, from the mock connections. */
export function registryTile(data: RegistryMockData): {
  health: "not_configured" | "ok" | "degraded" | "failing";
  summary: string;
} {
  const active = data.connections.filter((c) => c.enabled);
  if (active.length === 0) return { health: "not_configured", summary: "no registry connection configured" };
  const down = active.filter((c) => c.state !== "connected");
  const unacked = data.poll.filter((m) => !m.ackedAt && active.some((c) => c.id === m.connectionId)).length;
  const msgs = unacked > 0 ? `; ${unacked} poll message(s) to acknowledge` : "";
  if (down.length === 0) return { health: "ok", summary: `${active.length} registry session(s) up${msgs}` };
  return {
    health: down.length === active.length ? "failing" : "degraded",
    summary: `not connected: ${down.map((c) => `${c.name} (${c.lastError ?? c.state})`).join(", ")}${msgs}`,
  };
}

export function emptyRegistryData(): RegistryMockData {
  return { connections: [], hosts: [], domains: [], poll: [], transcript: [], transfers: [] };
}
