/**
 * Fixture factories typed by the router's outputs, for tests, stories and `dev:mock` only.
 * Deterministic: times count from a fixed base, ids from per-kind counters (resetFixtures() restarts
 * them). Names are clearly fake ("Example: …", example.net hosts) so they can never pass for real data.
 */
import type { RouterOutputs } from "@netops/api";
import { FEATURE_SUBSYSTEMS } from "@netops/protocols";

// ---- the shapes, named ----
export type AlertFixture = RouterOutputs["alerts"]["list"]["items"][number];
export type AlertDetailFixture = RouterOutputs["alerts"]["get"];
export type AlertEventFixture = AlertDetailFixture["events"][number];
export type SilenceFixture = RouterOutputs["silences"]["list"][number];
export type ReceiverFixture = RouterOutputs["webhooks"]["list"][number];
export type DeliveryFixture = RouterOutputs["webhooks"]["deliveries"][number];
export type UserFixture = RouterOutputs["users"]["list"][number];
export type TokenFixture = RouterOutputs["tokens"]["list"][number];
export type AuditFixture = RouterOutputs["audit"]["list"]["items"][number];
export type OverviewFixture = RouterOutputs["system"]["overview"];
export type SubsystemFixture = OverviewFixture["subsystems"][number];
export type SystemInfoFixture = RouterOutputs["system"]["info"];
export type JobFixture = SystemInfoFixture["jobs"][number];
export type MeFixture = RouterOutputs["auth"]["me"];
export type CountFixture = RouterOutputs["alerts"]["counts"];

/** All fixture times are relative to this instant. */
export const FIXTURE_BASE_TIME = "2026-11-21T06:00:00.000Z";
const BASE_MS = Date.parse(FIXTURE_BASE_TIME);

/** ISO time `minutes` after (negative: before) the fixture base time. */
export function fixtureTime(minutes = 0): string {
  return new Date(BASE_MS + minutes * 60_000).toISOString();
}

const counters = new Map<string, number>();
function nextId(kind: string): number {
  const n = (counters.get(kind) ?? 0) + 1;
  counters.set(kind, n);
  return n;
}
const pad = (n: number) => String(n).padStart(4, "0");

/** Restarts the id counters (call in beforeEach when a test depends on ids). */
export function resetFixtures(): void {
  counters.clear();
}

/** A 16-hex-digit fake fingerprint derived from a number (not a real hash). */
function fakeFingerprint(n: number): string {
  return `00000000${n.toString(16)}`.slice(-8).padStart(16, "e");
}

export function alertFixture(overrides: Partial<AlertFixture> = {}): AlertFixture {
  const id = overrides.id ?? nextId("alert");
  return {
    id,
    fingerprint: fakeFingerprint(id),
    source: "system",
    severity: "warning",
    state: "firing",
    summary: `Example: webhook receiver example-pager failing (${id})`,
    details: "Example details: this is mock data for tests, stories and dev:mock.",
    labels: { check: "example", instance: `example-host-${id}.example.net` },
    links: [{ label: "Example link", href: "/alerts" }],
    count: 1,
    firstSeenAt: fixtureTime(-60 - id),
    lastSeenAt: fixtureTime(-id),
    acknowledgedAt: null,
    acknowledgedBy: null,
    resolvedAt: null,
    resolvedBy: null,
    silencedBy: [],
    ...overrides,
  };
}

export function alertEventFixture(overrides: Partial<AlertEventFixture> = {}): AlertEventFixture {
  const id = overrides.id ?? nextId("alertEvent");
  return { id, at: fixtureTime(-30), kind: "fired", actor: null, note: null, ...overrides };
}

export function alertDetailFixture(
  overrides: {
    alert?: Partial<AlertFixture>;
    events?: AlertEventFixture[];
    deliveries?: DeliveryFixture[];
  } = {},
): AlertDetailFixture {
  const alert = alertFixture(overrides.alert);
  return {
    alert,
    events: overrides.events ?? [alertEventFixture({ at: alert.firstSeenAt, kind: "fired" })],
    deliveries: overrides.deliveries ?? [],
  };
}

export function silenceFixture(overrides: Partial<SilenceFixture> = {}): SilenceFixture {
  const n = nextId("silence");
  return {
    id: `mock-silence-${pad(n)}`,
    matchers: [{ name: "instance", op: "=", value: `example-host-${n}.example.net` }],
    startsAt: fixtureTime(-120),
    endsAt: fixtureTime(120),
    createdBy: "operator",
    comment: `Example: planned maintenance on example-host-${n}`,
    createdAt: fixtureTime(-120),
    state: "active",
    ...overrides,
  };
}

export function receiverFixture(overrides: Partial<ReceiverFixture> = {}): ReceiverFixture {
  const n = nextId("receiver");
  return {
    id: `mock-receiver-${pad(n)}`,
    name: n === 1 ? "example-pager" : `example-receiver-${n}`,
    url: `https://hooks.example.net/example-${n}`,
    minSeverity: "warning",
    sources: [],
    sendResolved: true,
    enabled: true,
    createdAt: fixtureTime(-7 * 24 * 60),
    lastDelivery: { status: "delivered", at: fixtureTime(-15), error: null },
    state: "ok",
    failures: 0,
    holdUntil: null,
    ...overrides,
  };
}

export function deliveryFixture(overrides: Partial<DeliveryFixture> = {}): DeliveryFixture {
  const id = overrides.id ?? nextId("delivery");
  return {
    id,
    receiverId: "mock-receiver-0001",
    receiverName: "example-pager",
    alertId: null,
    event: "firing",
    status: "delivered",
    attempts: 1,
    lastStatus: 200,
    lastError: null,
    createdAt: fixtureTime(-15 - id),
    nextAttemptAt: fixtureTime(-15 - id),
    deliveredAt: fixtureTime(-15 - id),
    ...overrides,
  };
}

export function userFixture(overrides: Partial<UserFixture> = {}): UserFixture {
  const n = nextId("user");
  return {
    id: `mock-user-${pad(n)}`,
    username: `example-user-${n}`,
    role: "viewer",
    disabled: false,
    createdAt: fixtureTime(-30 * 24 * 60),
    lastLoginAt: fixtureTime(-60),
    ...overrides,
  };
}

export function tokenFixture(overrides: Partial<TokenFixture> = {}): TokenFixture {
  const n = nextId("token");
  return {
    id: `mock-token-${pad(n)}`,
    name: `example-token-${n}`,
    hint: `secret-token:netops_mock${String(n).padStart(2, "0")}…`,
    createdAt: fixtureTime(-3 * 24 * 60),
    expiresAt: null,
    lastUsedAt: null,
    revokedAt: null,
    ...overrides,
  };
}

export function auditFixture(overrides: Partial<AuditFixture> = {}): AuditFixture {
  const id = overrides.id ?? nextId("audit");
  return {
    id,
    at: fixtureTime(-id),
    actorName: "admin",
    action: "alerts.acknowledge",
    target: `alert ${id}`,
    before: null,
    after: null,
    ip: "192.0.2.10",
    ok: true,
    result: null,
    ...overrides,
  };
}

export function jobFixture(overrides: Partial<JobFixture> = {}): JobFixture {
  return {
    job: "example-job",
    at: fixtureTime(-1),
    ok: true,
    error: null,
    durationMs: 42,
    ...overrides,
  };
}

export function subsystemFixture(overrides: Partial<SubsystemFixture> = {}): SubsystemFixture {
  return {
    subsystem: "alerts",
    health: "ok",
    summary: "Example: 0 silenced, 1 webhook receiver",
    firing: { critical: 0, warning: 0, info: 0 },
    acknowledged: 0,
    href: "/alerts",
    ...overrides,
  };
}

/** Every subsystem tile, as the overview shows them; `subsystems` replaces tiles by name. */
export function overviewFixture(
  overrides: { subsystems?: Partial<SubsystemFixture>[]; active?: AlertFixture[]; generatedAt?: string } = {},
): OverviewFixture {
  const tiles: SubsystemFixture[] = [
    ...FEATURE_SUBSYSTEMS.map((s) =>
      subsystemFixture({
        subsystem: s.id,
        health: "not_configured",
        summary: "Not built yet",
        href: s.path,
      }),
    ),
    subsystemFixture({
      subsystem: "alerts",
      health: "degraded",
      summary: "Example: 0 silenced, 1 webhook receiver",
      firing: { critical: 1, warning: 1, info: 1 },
      href: "/alerts",
    }),
    subsystemFixture({
      subsystem: "system",
      health: "ok",
      summary: "Example: 2 jobs OK",
      href: "/settings/system",
    }),
  ];
  for (const o of overrides.subsystems ?? []) {
    const i = tiles.findIndex((t) => t.subsystem === o.subsystem);
    if (i >= 0) tiles[i] = { ...tiles[i]!, ...o };
    else tiles.push(subsystemFixture(o));
  }
  return {
    subsystems: tiles,
    active: overrides.active ?? [],
    generatedAt: overrides.generatedAt ?? fixtureTime(0),
  };
}

export function meFixture(overrides: Partial<MeFixture> = {}): MeFixture {
  return { id: "mock-user-admin", username: "admin", role: "admin", via: "session", ...overrides };
}

export function systemInfoFixture(overrides: Partial<SystemInfoFixture> = {}): SystemInfoFixture {
  return {
    version: "0.1.0-mock",
    startedAt: fixtureTime(-24 * 60),
    jobs: [jobFixture({ job: "example-housekeeping" }), jobFixture({ job: "example-webhook-delivery" })],
    liveSubscribers: 0,
    ...overrides,
  };
}

/** A varied set of active alerts: one per severity, one acknowledged, one silenced-looking source. */
export function sampleAlerts(): AlertFixture[] {
  return [
    alertFixture({
      severity: "critical",
      source: "system",
      summary: "Example: webhook receiver example-pager failing",
      labels: { check: "webhook", receiver: "example-pager" },
      count: 4,
    }),
    alertFixture({
      severity: "warning",
      source: "system",
      summary: "Example: background job example-job failed",
      labels: { check: "job", job: "example-job" },
    }),
    alertFixture({
      severity: "warning",
      source: "zonemd",
      state: "acknowledged",
      summary: "Example: ZONEMD mismatch for example.test",
      labels: { zone: "example.test" },
      acknowledgedAt: fixtureTime(-10),
      acknowledgedBy: "operator",
    }),
    alertFixture({
      severity: "info",
      source: "bgp",
      summary: "Example: BGP session to 192.0.2.1 flapped",
      labels: { peer: "192.0.2.1", instance: "example-router-1.example.net" },
    }),
    alertFixture({
      severity: "critical",
      source: "dhcp",
      state: "resolved",
      summary: "Example: DHCP pool example-pool exhausted",
      labels: { pool: "example-pool" },
      resolvedAt: fixtureTime(-5),
      resolvedBy: "auto",
    }),
  ];
}

/**
 * What a component receives as `error` from a failed tRPC call (the fields of TRPCClientError the UI
 * reads: message, data, shape), for presentational stories and tests without a network.
 */
export function clientErrorFixture(
  code: "INTERNAL_SERVER_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "BAD_REQUEST" | "CONFLICT",
  message = code === "INTERNAL_SERVER_ERROR" ? "internal error (logged on the server)" : `Example: ${code}`,
  path?: string,
) {
  const [json, httpStatus] = {
    INTERNAL_SERVER_ERROR: [-32603, 500],
    UNAUTHORIZED: [-32001, 401],
    FORBIDDEN: [-32003, 403],
    NOT_FOUND: [-32004, 404],
    BAD_REQUEST: [-32600, 400],
    CONFLICT: [-32009, 409],
  }[code] as [number, number];
  const data = { code, httpStatus, path, issues: null };
  return Object.assign(new Error(message), {
    name: "TRPCClientError",
    data,
    shape: { message, code: json, data },
  });
}
