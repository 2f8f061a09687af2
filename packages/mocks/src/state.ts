/**
 * What the mock backend knows: users, alerts, silences, receivers, deliveries, audit, tokens, jobs.
 * Plain data, built by `populatedState()` / `emptyState()`; tests and stories may tweak it.
 */
import { type MockLease, type MockReplica, sampleReplicas } from "./replicas";
import type { Role } from "@netops/protocols";
import {
  type AlertEventFixture,
  type AlertFixture,
  type AuditFixture,
  alertEventFixture,
  auditFixture,
  type DeliveryFixture,
  deliveryFixture,
  fixtureTime,
  type JobFixture,
  jobFixture,
  type ReceiverFixture,
  receiverFixture,
  type SilenceFixture,
  sampleAlerts,
  silenceFixture,
  type TokenFixture,
  tokenFixture,
  type UserFixture,
} from "./fixtures";

/** The password of every mock user. */
export const MOCK_PASSWORD = "mock-password-123";

export interface MockUser extends UserFixture {
  password: string;
}
export interface MockSilence extends Omit<SilenceFixture, "state"> {
  expiredAt: string | null;
}
export interface MockToken extends TokenFixture {
  userId: string;
}

/** Everything the mock backend knows. Plain data: build one with `populatedState()` / `emptyState()` and tweak it. */
export interface MockState {
  users: MockUser[];
  /** The user the browser is logged in as (one session: the mock serves one browser). */
  sessionUserId: string | null;
  /** Alerts as stored; `silencedBy` is computed on every read from the active silences. */
  alerts: AlertFixture[];
  /** Events per alert id. */
  events: Record<number, AlertEventFixture[]>;
  silences: MockSilence[];
  receivers: ReceiverFixture[];
  deliveries: DeliveryFixture[];
  audit: AuditFixture[];
  tokens: MockToken[];
  jobs: JobFixture[];
  /** Console processes and the work they own (Settings → Replicas). */
  replicas: { replicas: MockReplica[]; leases: MockLease[] };
}

const USERS: MockUser[] = [
  mockUser("mock-user-admin", "admin", "admin"),
  mockUser("mock-user-operator", "operator", "operator"),
  mockUser("mock-user-viewer", "viewer", "viewer"),
];
function mockUser(id: string, username: string, role: Role): MockUser {
  return {
    id,
    username,
    role,
    disabled: false,
    createdAt: fixtureTime(-30 * 24 * 60),
    lastLoginAt: fixtureTime(-60),
    password: MOCK_PASSWORD,
  };
}

/** No alerts, silences, receivers or history; logged in as `admin` unless `sessionUserId` is given. */
export function emptyState(sessionUserId: string | null = "mock-user-admin"): MockState {
  return {
    users: USERS.map((u) => ({ ...u })),
    sessionUserId,
    alerts: [],
    events: {},
    silences: [],
    receivers: [],
    deliveries: [],
    audit: [],
    tokens: [],
    jobs: [],
    replicas: { replicas: [], leases: [] },
  };
}

/** A plausible console: a handful of alerts in every state, a silence, a receiver with deliveries, history. */
export function populatedState(sessionUserId: string | null = "mock-user-admin"): MockState {
  const s = emptyState(sessionUserId);
  s.alerts = sampleAlerts().map((a, i) => ({
    ...a,
    id: i + 1,
    fingerprint: `e${String(i + 1).padStart(15, "0")}`,
  }));
  for (const a of s.alerts) {
    const ev: AlertEventFixture[] = [alertEventFixture({ id: a.id * 10, at: a.firstSeenAt, kind: "fired" })];
    if (a.acknowledgedAt)
      ev.push(
        alertEventFixture({
          id: a.id * 10 + 1,
          at: a.acknowledgedAt,
          kind: "acknowledged",
          actor: a.acknowledgedBy,
        }),
      );
    if (a.resolvedAt)
      ev.push(
        alertEventFixture({
          id: a.id * 10 + 2,
          at: a.resolvedAt,
          kind: "resolved",
          actor: a.resolvedBy,
          note: "condition cleared",
        }),
      );
    s.events[a.id] = ev;
  }
  const silence = silenceFixture({
    id: "mock-silence-0001",
    matchers: [{ name: "source", op: "=", value: "bgp" }],
    comment: "Example: BGP lab maintenance (mock data)",
  });
  s.silences = [{ ...withoutState(silence), expiredAt: null }];
  const receiver = receiverFixture({ id: "mock-receiver-0001", name: "example-pager" });
  s.receivers = [receiver];
  s.deliveries = [
    deliveryFixture({
      id: 2,
      alertId: 1,
      event: "firing",
      receiverId: receiver.id,
      receiverName: receiver.name,
    }),
    deliveryFixture({
      id: 1,
      alertId: 5,
      event: "firing",
      status: "failed",
      attempts: 5,
      lastStatus: 503,
      lastError: "HTTP 503",
      deliveredAt: null,
      receiverId: receiver.id,
      receiverName: receiver.name,
    }),
  ];
  s.audit = [
    auditFixture({
      id: 2,
      actorName: "operator",
      action: "alerts.acknowledge",
      target: "alert 3",
      at: fixtureTime(-10),
    }),
    auditFixture({ id: 1, actorName: "admin", action: "auth.login", target: null, at: fixtureTime(-60) }),
  ];
  s.tokens = [
    { ...tokenFixture({ id: "mock-token-0001", name: "example-ci-token" }), userId: "mock-user-admin" },
    {
      ...tokenFixture({ id: "mock-token-0002", name: "example-monitoring", lastUsedAt: fixtureTime(-5) }),
      userId: "mock-user-operator",
    },
  ];
  s.replicas = sampleReplicas();
  s.jobs = [
    jobFixture({ job: "example-housekeeping" }),
    jobFixture({ job: "example-job", ok: false, error: "Example: connection refused (mock)" }),
  ];
  return s;
}

function withoutState(s: SilenceFixture): Omit<SilenceFixture, "state"> {
  const { state: _state, ...rest } = s;
  return rest;
}
