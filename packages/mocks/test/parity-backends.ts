/**
 * Two backends holding the same data for the API parity test: the real API (appRouter on a
 * migrated SQLite database seeded from the mock fixtures, behind @trpc/server's fetch adapter) and
 * the mock API (createMockApi on the same fixtures). Both run on the fixture clock.
 */
import type { Db } from "@netops/db";
import { appRouter, type Context } from "@netops/api";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { http, type HttpHandler } from "msw";
import { testDb, testServices } from "../../api/test/fixtures";
import { bgpSampleUnparsed } from "../src/bgp.mock";
import {
  bgpSampleEvents,
  createMockApi,
  type DhcpMockData,
  dhcpLeaseFixture,
  dhcpSampleData,
  FIXTURE_BASE_TIME,
  fixtureTime,
  type MockApi,
  type MockState,
  populatedState,
} from "../src";

export const REAL = "http://real.test/api/trpc";
export const MOCK = "http://mock.test/api/trpc";

export interface ParityBackends {
  handlers: HttpHandler[];
  mock: MockApi;
  /** Signs both backends in as the mock user `username` (admin, operator or viewer). */
  signIn(username: string): void;
  close(): Promise<void>;
}

/** The populated mock data, with the silence lasting past the test so both clocks see it active. */
export function parityState(): { state: MockState; dhcp: DhcpMockData } {
  const state = populatedState();
  for (const s of state.silences) s.endsAt = fixtureTime(7 * 24 * 60);
  const dhcp = dhcpSampleData();
  // A client whose MAC starts 00:1a:2b, the prefix of the drift this test was written for.
  dhcp.leases.push(
    dhcpLeaseFixture({
      id: 900,
      address: "192.0.2.250",
      hwAddress: "00:1a:2b:3c:4d:5e",
      hostname: "Laptop.Example",
    }),
  );
  return { state, dhcp };
}

/** The API's ISO lease time as the Unix seconds the lease table stores. */
function epochOf(iso: string | null): number | null {
  return iso === null ? null : Date.parse(iso) / 1000;
}

async function seed(db: Db, state: MockState, dhcp: DhcpMockData): Promise<void> {
  for (const u of state.users)
    await db.user.create({
      data: { id: u.id, username: u.username, role: u.role, passwordHash: "x", disabled: u.disabled },
    });
  for (const a of state.alerts)
    await db.alert.create({
      data: {
        id: a.id,
        fingerprint: a.fingerprint,
        source: a.source,
        severity: a.severity,
        state: a.state,
        summary: a.summary,
        details: a.details,
        labels: JSON.stringify(a.labels),
        links: JSON.stringify(a.links),
        count: a.count,
        firstSeenAt: new Date(a.firstSeenAt),
        lastSeenAt: new Date(a.lastSeenAt),
        acknowledgedAt: a.acknowledgedAt ? new Date(a.acknowledgedAt) : null,
        acknowledgedBy: a.acknowledgedBy,
        resolvedAt: a.resolvedAt ? new Date(a.resolvedAt) : null,
        resolvedBy: a.resolvedBy,
      },
    });
  for (const s of state.silences)
    await db.silence.create({
      data: {
        id: s.id,
        matchers: JSON.stringify(s.matchers),
        startsAt: new Date(s.startsAt),
        endsAt: new Date(s.endsAt),
        createdBy: s.createdBy,
        comment: s.comment,
        createdAt: new Date(s.createdAt),
      },
    });
  for (const e of bgpSampleEvents())
    await db.bgpEvent.create({
      data: {
        id: e.id,
        key: `parity-${e.id}`,
        at: new Date(e.at),
        receivedAt: new Date(e.receivedAt),
        router: e.router,
        session: `${e.router}|${e.peer}`,
        peerAddress: e.peerAddress,
        peerAs: e.peerAs,
        peerName: e.peerName,
        kind: e.kind,
        direction: e.direction,
        code: e.code,
        subcode: e.subcode,
        codeName: e.codeName,
        subcodeName: e.subcodeName,
        text: e.text,
        textBytes: e.textBytes,
        status: e.status,
        findings: JSON.stringify(e.findings),
        rawHex: e.rawHex,
        rawLine: e.rawLine,
        reason: e.reason,
        source: e.source,
        tickets: JSON.stringify(e.tickets),
        format: e.format,
      },
    });
  for (const u of bgpSampleUnparsed())
    await db.bgpUnparsedLine.create({
      data: {
        id: u.id,
        key: `parity-${u.id}`,
        firstSeen: new Date(u.firstSeen),
        lastSeen: new Date(u.lastSeen),
        count: u.count,
        router: u.router,
        source: u.source,
        line: u.line,
        reason: u.reason,
      },
    });
  for (const s of dhcp.sources)
    await db.dhcpSource.create({
      data: { id: s.id, name: s.name, kind: s.kind, location: s.location, service: s.service, lab: s.lab },
    });
  for (const l of dhcp.leases)
    await db.dhcpLease.create({
      data: {
        id: l.id,
        sourceId: l.sourceId,
        addressKey: l.addressKey,
        address: l.address,
        family: l.family,
        prefixLength: l.prefixLength,
        leaseType: l.leaseType,
        hwAddress: l.hwAddress,
        clientId: l.clientId,
        iaid: l.iaid,
        hostname: l.hostname,
        hostnameKey: l.hostname?.toLowerCase() ?? null,
        state: l.state,
        starts: epochOf(l.starts),
        ends: epochOf(l.ends),
        cltt: epochOf(l.cltt),
        subnetId: l.subnetId,
        line: 0,
        updatedAt: 0,
      },
    });
}

export async function parityBackends(): Promise<ParityBackends> {
  const { state, dhcp } = parityState();
  const t = testDb("parity");
  await seed(t.db, state, dhcp);
  const clock = { t: new Date(FIXTURE_BASE_TIME) };
  const services = testServices(t.db, { now: () => clock.t });
  let user = state.users.find((u) => u.id === state.sessionUserId);
  const mock = createMockApi({ state, dhcp, baseUrl: MOCK, now: () => clock.t });
  const real = http.all(`${REAL}/*`, ({ request }) =>
    fetchRequestHandler({
      endpoint: "/api/trpc",
      req: request,
      router: appRouter,
      createContext: (): Context => ({
        services,
        req: { method: request.method, headers: {}, ip: "192.0.2.10", secure: false, setCookie: () => {} },
        user: user ? { id: user.id, username: user.username, role: user.role, via: "token" } : null,
        audit: { written: false },
      }),
    }),
  );
  return {
    handlers: [real, ...mock.handlers],
    mock,
    signIn(username) {
      user = state.users.find((u) => u.username === username);
      mock.state.sessionUserId = user?.id ?? null;
    },
    async close() {
      await services.dhcp.close();
      await t.close();
    },
  };
}
