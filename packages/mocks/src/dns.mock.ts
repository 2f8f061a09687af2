/**
 * Mock DNS zones and ZONEMD checks (tests, Storybook, dev:mock). Zones are under example.*,
 * servers on documentation addresses, digests visibly fake ("ab…"), so nothing here can pass
 * for real data. One zone per state: verified, failed (last good kept), no ZONEMD,
 * unfetchable, lagging secondary, pending.
 */
import type { AppRouter, RouterInputs, RouterOutputs } from "@netops/api";
import { type DnsHealth, dnsHealth, type HasherFactory, ZoneUpload } from "@netops/protocols/dns";
import { sha384, sha512 } from "@noble/hashes/sha2.js";
import { fixtureTime } from "./fixtures";
import type { MockSubsystem } from "./subsystem";
import { mockError, type TrpcResolvers } from "./trpc-msw";

export type DnsZoneFixture = RouterOutputs["dns"]["list"][number];
export type DnsCheckFixture = RouterOutputs["dns"]["get"]["history"][number];
export type DnsUploadFixture = RouterOutputs["dns"]["verifyUpload"];
type DnsPaths = `dns.${keyof RouterOutputs["dns"]}`;

const fakeDigest = (seed: string, len = 96) => seed.repeat(len).slice(0, len);

export function dnsCheckFixture(over: Partial<DnsCheckFixture> = {}): DnsCheckFixture {
  const digest = fakeDigest("ab");
  return {
    id: 1,
    startedAt: fixtureTime(-5),
    durationMs: 42,
    trigger: "schedule",
    source: "axfr 192.0.2.53:53",
    status: "verified",
    reason: "verified: ZONEMD 2026112101 1 1 (line 4): digest matches",
    accepted: true,
    serial: 2026112101,
    records: 315,
    bytes: 9379,
    zonemd: [
      {
        serial: 2026112101,
        scheme: 1,
        hashAlgorithm: 1,
        publishedDigest: digest,
        computedDigest: digest,
        outcome: "match",
      },
    ],
    computedDigest: digest,
    publishedDigest: digest,
    hashAlgorithm: 1,
    errors: [],
    timing: { fetchMs: 12, parseMs: 8, hashMs: 3 },
    ...over,
  };
}

export function dnsZoneFixture(over: Partial<DnsZoneFixture> = {}): DnsZoneFixture {
  const check = dnsCheckFixture();
  return {
    id: "mock-zone-0001",
    name: "example.",
    sourceKind: "axfr",
    source: "192.0.2.53:53",
    tsig: null,
    servers: [
      { label: "example-primary", host: "192.0.2.53", port: 53, role: "primary" },
      { label: "example-secondary", host: "198.51.100.53", port: 53, role: "secondary" },
    ],
    serversFromNs: false,
    nsServers: [],
    intervalSeconds: 3600,
    mode: "enforce",
    expectZonemd: true,
    enabled: true,
    createdAt: fixtureTime(-7 * 24 * 60),
    updatedAt: fixtureTime(-7 * 24 * 60),
    status: check.status,
    lastCheck: check,
    lastGood: check,
    nextCheckAt: fixtureTime(55),
    serverStates: [
      serverState({ label: "example-primary", host: "192.0.2.53", role: "primary" }),
      serverState({ label: "example-secondary", host: "198.51.100.53", role: "secondary" }),
    ],
    serversCheckedAt: fixtureTime(-1),
    ...over,
  };
}

function serverState(
  over: Partial<DnsZoneFixture["serverStates"][number]>,
): DnsZoneFixture["serverStates"][number] {
  return {
    label: "example-primary",
    host: "192.0.2.53",
    port: 53,
    role: "primary",
    serial: 2026112101,
    error: null,
    checkedAt: fixtureTime(-1),
    behindSince: null,
    toleranceSeconds: 10800,
    lagging: false,
    ...over,
  };
}

/** A history of `n` checks, newest first, with serials rising every few checks. */
export function dnsHistoryFixture(n: number, last: Partial<DnsCheckFixture> = {}): DnsCheckFixture[] {
  return Array.from({ length: n }, (_, i) => {
    const serial = 2026112101 - Math.floor(i / 4);
    const digest = fakeDigest(i % 2 ? "cd" : "ab");
    return dnsCheckFixture({
      id: n - i,
      startedAt: fixtureTime(-5 - i * 60),
      durationMs: 30 + ((i * 37) % 50),
      serial,
      zonemd: [
        {
          serial,
          scheme: 1,
          hashAlgorithm: 1,
          publishedDigest: digest,
          computedDigest: digest,
          outcome: "match",
        },
      ],
      computedDigest: digest,
      publishedDigest: digest,
      ...(i === 0 ? last : {}),
    });
  });
}

export interface DnsMockData {
  zones: DnsZoneFixture[];
  history: Record<string, DnsCheckFixture[]>;
}

export function dnsSampleData(): DnsMockData {
  const goodHistory = dnsHistoryFixture(24);
  const bad = dnsCheckFixture({
    id: 101,
    source: "/var/lib/example/zones/corrupt.example.zone",
    status: "digest_mismatch",
    reason:
      "ZONEMD 2026112005 1 1 (line 3): digest does not match the zone — copy rejected (enforce mode); the last good result stays",
    accepted: false,
    serial: 2026112005,
    computedDigest: fakeDigest("ef"),
    publishedDigest: fakeDigest("ab"),
    zonemd: [
      {
        serial: 2026112005,
        scheme: 1,
        hashAlgorithm: 1,
        publishedDigest: fakeDigest("ab"),
        computedDigest: fakeDigest("ef"),
        outcome: "mismatch",
      },
    ],
  });
  const badGood = dnsCheckFixture({ id: 95, serial: 2026112004, startedAt: fixtureTime(-300) });
  const noZonemd = dnsCheckFixture({
    id: 102,
    source: "/var/lib/example/zones/plain.example.zone",
    status: "no_zonemd",
    reason: "no ZONEMD RR at the apex plain.example.",
    serial: 2026110101,
    zonemd: [],
    computedDigest: null,
    publishedDigest: null,
    hashAlgorithm: null,
  });
  const unfetchable = dnsCheckFixture({
    id: 103,
    source: "axfr 203.0.113.53:53",
    status: "fetch_failed",
    reason: "could not reach 203.0.113.53:53: connection failed — the last good result stays",
    accepted: false,
    serial: null,
    records: 0,
    bytes: 0,
    zonemd: [],
    computedDigest: null,
    publishedDigest: null,
    hashAlgorithm: null,
    timing: {},
  });
  const zones: DnsZoneFixture[] = [
    dnsZoneFixture({ lastCheck: goodHistory[0]!, lastGood: goodHistory[0]! }),
    dnsZoneFixture({
      id: "mock-zone-0002",
      name: "corrupt.example.",
      sourceKind: "file",
      source: "/var/lib/example/zones/corrupt.example.zone",
      servers: [],
      serverStates: [],
      serversCheckedAt: null,
      status: "digest_mismatch",
      lastCheck: bad,
      lastGood: badGood,
    }),
    dnsZoneFixture({
      id: "mock-zone-0003",
      name: "plain.example.",
      sourceKind: "file",
      source: "/var/lib/example/zones/plain.example.zone",
      servers: [],
      serverStates: [],
      serversCheckedAt: null,
      status: "no_zonemd",
      lastCheck: noZonemd,
      lastGood: noZonemd,
    }),
    dnsZoneFixture({
      id: "mock-zone-0004",
      name: "lagging.example.",
      status: "verified",
      serverStates: [
        serverState({ label: "example-primary", host: "192.0.2.53", role: "primary", serial: 2026112103 }),
        serverState({
          label: "example-secondary",
          host: "198.51.100.53",
          role: "secondary",
          serial: 2026112101,
          behindSince: fixtureTime(-240),
          lagging: true,
        }),
      ],
    }),
    dnsZoneFixture({
      id: "mock-zone-0005",
      name: "unreachable.example.",
      source: "203.0.113.53:53",
      status: "fetch_failed",
      lastCheck: unfetchable,
      lastGood: dnsCheckFixture({ id: 90, startedAt: fixtureTime(-24 * 60) }),
      serverStates: [
        serverState({
          label: "example-primary",
          host: "203.0.113.53",
          serial: null,
          error: "203.0.113.53:53 did not answer the SOA query within 3000 ms",
        }),
      ],
    }),
    dnsZoneFixture({
      id: "mock-zone-0006",
      name: "new.example.",
      status: "pending",
      lastCheck: null,
      lastGood: null,
      servers: [],
      serverStates: [],
      serversCheckedAt: null,
    }),
  ];
  return {
    zones,
    history: {
      "mock-zone-0001": goodHistory,
      "mock-zone-0002": [bad, ...dnsHistoryFixture(6).map((c, i) => ({ ...c, id: 95 - i }))],
      "mock-zone-0003": [noZonemd],
      "mock-zone-0004": dnsHistoryFixture(8),
      "mock-zone-0005": [unfetchable],
      "mock-zone-0006": [],
    },
  };
}

/** The overview's DNS tile: the server's own wording (DnsService.health → protocols' dnsHealth). */
export function dnsTile(data: DnsMockData): DnsHealth {
  return dnsHealth(data.zones.map((z) => z.status));
}

/** SHA-384/512 for ZONEMD without node:crypto: the mock API runs in browsers (MSW) too. */
const pureJsHasher: HasherFactory = (algorithm) => (algorithm === "sha384" ? sha384 : sha512).create();

export function createDnsResolvers(
  data: DnsMockData,
  now: () => string = () => fixtureTime(0),
): Pick<TrpcResolvers<AppRouter>, DnsPaths> {
  const find = (id: string) => {
    const z = data.zones.find((x) => x.id === id);
    if (!z) throw mockError("NOT_FOUND", `no zone with id ${id}`);
    return z;
  };
  let nextId = 1000;
  return {
    "dns.list": () => {
      return [...data.zones].sort((a, b) => a.name.localeCompare(b.name));
    },
    "dns.get": (input: RouterInputs["dns"]["get"]) => {
      const zone = find(input.id);
      return { zone, history: (data.history[zone.id] ?? []).slice(0, input.historyLimit ?? 200) };
    },
    // A zone by its natural name, as the server's: any case, with or without the trailing dot.
    "dns.getByName": (input: RouterInputs["dns"]["getByName"]) => {
      const lower = input.name.trim().toLowerCase();
      const abs = lower.endsWith(".") ? lower : `${lower}.`;
      const zone = data.zones.find((z) => z.name === abs);
      if (!zone) throw mockError("NOT_FOUND", `no watched zone named ${input.name}`);
      return { zone, history: (data.history[zone.id] ?? []).slice(0, input.historyLimit ?? 200) };
    },
    "dns.checkNow": (input: RouterInputs["dns"]["checkNow"]) => {
      const zone = find(input.id);
      const prev = zone.lastCheck ?? dnsCheckFixture();
      const check = { ...prev, id: nextId++, startedAt: now(), trigger: "manual" };
      data.history[zone.id] = [check, ...(data.history[zone.id] ?? [])];
      zone.lastCheck = check;
      zone.status = check.status;
      if (check.accepted) zone.lastGood = check;
      return { check, servers: zone.serverStates };
    },
    "dns.create": (input: RouterInputs["dns"]["create"]) => {
      const name = input.name.trim().toLowerCase().replace(/\.?$/, ".");
      if (data.zones.some((z) => z.name === name))
        throw mockError("CONFLICT", `name: zone ${name} is watched already`);
      const zone = dnsZoneFixture({
        id: `mock-zone-${String(nextId++).padStart(4, "0")}`,
        name,
        sourceKind: input.sourceKind,
        source: input.source,
        tsig: input.tsig ? { name: input.tsig.name, algorithm: input.tsig.algorithm } : null,
        servers: (input.servers ?? []).map((s) => ({ ...s, port: s.port ?? 53 })),
        serversFromNs: input.serversFromNs ?? false,
        intervalSeconds: input.intervalSeconds ?? 3600,
        mode: input.mode ?? "enforce",
        expectZonemd: input.expectZonemd ?? true,
        enabled: input.enabled ?? true,
        createdAt: now(),
        updatedAt: now(),
        status: "pending",
        lastCheck: null,
        lastGood: null,
        serverStates: [],
        serversCheckedAt: null,
      });
      data.zones.push(zone);
      data.history[zone.id] = [];
      return zone;
    },
    "dns.update": (input: RouterInputs["dns"]["update"]) => {
      const zone = find(input.id);
      const { id: _id, tsig, servers, ...rest } = input;
      for (const [k, v] of Object.entries(rest)) if (v !== undefined) Object.assign(zone, { [k]: v });
      if (tsig !== undefined) zone.tsig = tsig ? { name: tsig.name, algorithm: tsig.algorithm } : null;
      if (servers !== undefined) zone.servers = servers.map((s) => ({ ...s, port: s.port ?? 53 }));
      zone.updatedAt = now();
      return zone;
    },
    "dns.remove": (input: RouterInputs["dns"]["remove"]) => {
      find(input.id);
      data.zones = data.zones.filter((z) => z.id !== input.id);
      return { ok: true };
    },
    "dns.verifyUpload": async (input: unknown) => {
      // The server's parse and ZONEMD verdict (no caps: the mock's uploads are the stories' own).
      const upload = new ZoneUpload({ hasher: pureJsHasher });
      // The octet body: a stream through MSW, the File itself through an in-process link (and
      // not always this realm's classes, so no instanceof).
      const body = input as Partial<ReadableStream<Uint8Array> & Blob> | null;
      const reader = body?.getReader?.();
      if (reader) for (let r = await reader.read(); !r.done; r = await reader.read()) upload.push(r.value);
      else if (body?.arrayBuffer) upload.push(new Uint8Array(await body.arrayBuffer()));
      else upload.push(new TextEncoder().encode(String(input ?? "")));
      const verdict: DnsUploadFixture = upload.finish();
      return verdict;
    },
  };
}

/** The DNS mock: sample zones and their check history (none in the empty console). */
export const mockSubsystem: MockSubsystem<"dns"> = ({ b, empty }) => {
  const data: DnsMockData = empty ? { zones: [], history: {} } : dnsSampleData();
  return { resolvers: createDnsResolvers(data, b.iso), tile: () => dnsTile(data) };
};
