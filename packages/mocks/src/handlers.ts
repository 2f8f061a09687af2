/**
 * An in-memory mock of the NetOps API for tests, Storybook and `dev:mock`: a small stateful store
 * with a resolver for every procedure that behaves like the real one in the ways the UI can see
 * (sessions and roles, alert state changes, silences matching alerts, validation messages, errors
 * shaped by the server's errorFormatter). Nothing here talks to a real backend.
 */
import type { AppRouter, RouterInputs } from "@netops/api";
import {
  passwordProblem,
  passwordSchema,
  publicErrorMessage,
  type Role,
  roleAtLeast,
  roleSchema,
  severityRank,
  silenceInputSchema,
  silenceMatches,
  toInputIssues,
  usernameSchema,
} from "@netops/protocols";
import { commonPasswords } from "@netops/protocols/common-passwords";
import type { inferRouterError } from "@trpc/server";
import type { HttpHandler } from "msw";
import { bgpSampleEvents, createBgpResolvers } from "./bgp";
import { createDhcpResolvers, dhcpSampleData } from "./dhcp";
import { createDnsResolvers, type DnsMockData, dnsSampleData, dnsTile } from "./dns";
import { createRdapResolvers } from "./rdap";
import { createRegistryResolvers, emptyRegistryData, registrySampleData, registryTile } from "./epp";
import {
  type AlertEventFixture,
  type AlertFixture,
  type AuditFixture,
  alertEventFixture,
  auditFixture,
  type DeliveryFixture,
  deliveryFixture,
  FIXTURE_BASE_TIME,
  fixtureTime,
  type JobFixture,
  jobFixture,
  type ReceiverFixture,
  receiverFixture,
  type SilenceFixture,
  type SubsystemFixture,
  sampleAlerts,
  silenceFixture,
  type TokenFixture,
  tokenFixture,
  type UserFixture,
} from "./fixtures";
import {
  createTrpcHandlers,
  type ErrorFormatterInput,
  type MockTrpcError,
  mockError,
  type ResolverContext,
  type ResolverOutput,
  type TrpcResolvers,
} from "./trpc-msw";

export type MockResolvers = TrpcResolvers<AppRouter>;
export type ChangeEvent = ResolverOutput<AppRouter, "alerts.onChange">;

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

export type ScenarioName = "populated" | "empty" | "error" | "loading" | "loggedOut";

export interface MockApiOptions {
  /** Initial data (default: populatedState(), or what the scenario implies). */
  state?: MockState;
  /**
   * - populated / empty: working backend with that data, logged in as admin
   * - error: every query and mutation fails with INTERNAL_SERVER_ERROR (the subscription connects, then stays quiet)
   * - loading: no call ever answers
   * - loggedOut: populated data, no session: everything but auth.login answers UNAUTHORIZED until you log in
   */
  scenario?: ScenarioName;
  /** Where the tRPC endpoint is; a path matches any origin (default "/api/trpc"). */
  baseUrl?: string;
  /** The mock's clock. Default: deterministic, starts at the fixture base time and ticks 1 s per mutation. */
  now?: () => Date;
  /** Simulated latency per request in ms (default 0). */
  delayMs?: number;
  /** Replace single resolvers (e.g. one failing procedure in a story). */
  overrides?: Partial<MockResolvers>;
}

export interface MockApi {
  handlers: HttpHandler[];
  resolvers: MockResolvers;
  /** The live store: tests may inspect or change it between calls. */
  state: MockState;
  /** Sends a change to live subscribers (alerts.onChange), as the server's event bus does. */
  emit(event: ChangeEvent): void;
  /** How many subscribers are listening. */
  subscriberCount(): number;
}

/** Mirrors the API's errorFormatter (packages/api/src/trpc.ts): no internal messages, zod issues in data. */
export function formatNetopsError({ error, shape }: ErrorFormatterInput): NetopsErrorShape {
  const issues = (error.extra.issues as NetopsIssue[] | undefined) ?? null;
  const message = publicErrorMessage(error.code, issues, shape.message);
  return {
    ...shape,
    message,
    data: { code: shape.data.code, httpStatus: shape.data.httpStatus, path: shape.data.path, issues },
  };
}

export type NetopsErrorShape = inferRouterError<AppRouter>;
type NetopsIssue = NonNullable<NetopsErrorShape["data"]["issues"]>[number];

/** A zod failure as the API reports it: BAD_REQUEST with the issues (paths joined by "."). */
function invalid(error: { issues: { path: PropertyKey[]; message: string; code: string }[] }): MockTrpcError {
  return mockError("BAD_REQUEST", "Input validation failed", { issues: toInputIssues(error.issues) });
}

type Resolver<I, O> = (input: I, ctx: ResolverContext) => O | Promise<O>;

export function createMockApi(options: MockApiOptions = {}): MockApi {
  const scenario = options.scenario ?? "populated";
  const state =
    options.state ??
    (scenario === "empty"
      ? emptyState()
      : populatedState(scenario === "loggedOut" ? null : "mock-user-admin"));
  if (options.state && scenario === "loggedOut") state.sessionUserId = null;

  let tick = 0;
  const now =
    options.now ??
    (() => {
      return new Date(Date.parse(FIXTURE_BASE_TIME) + tick * 1000);
    });
  const iso = () => now().toISOString();
  const advance = () => {
    tick++;
  };

  // ---- live changes ----
  const listeners = new Set<(e: ChangeEvent) => void>();
  const emit = (e: ChangeEvent) => {
    for (const l of listeners) l(e);
  };
  async function* changes(signal: AbortSignal): AsyncGenerator<ChangeEvent> {
    const queue: ChangeEvent[] = [{ type: "hello" }];
    let wake: (() => void) | null = null;
    const listener = (e: ChangeEvent) => {
      queue.push(e);
      wake?.();
    };
    const onAbort = () => wake?.();
    listeners.add(listener);
    signal.addEventListener("abort", onAbort);
    try {
      while (!signal.aborted) {
        const next = queue.shift();
        if (next) {
          yield next;
          continue;
        }
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        wake = null;
      }
    } finally {
      listeners.delete(listener);
      signal.removeEventListener("abort", onAbort);
    }
  }

  // ---- helpers ----
  const me = () => state.users.find((u) => u.id === state.sessionUserId && !u.disabled) ?? null;
  const requireUser = (role: Role): MockUser => {
    const user = me();
    if (!user) throw mockError("UNAUTHORIZED", "log in first");
    if (!roleAtLeast(user.role, role))
      throw mockError("FORBIDDEN", `this needs the ${role} role; you are ${user.role}`);
    return user;
  };
  /** Wraps a resolver with the role check of its procedure (viewerProcedure etc.). */
  const as =
    <I, O>(
      role: Role,
      fn: (input: I, user: MockUser, ctx: ResolverContext) => O | Promise<O>,
    ): Resolver<I, O> =>
    (input, ctx) =>
      fn(input, requireUser(role), ctx);

  const record = (user: MockUser | null, action: string, target: string | null, ok = true) => {
    const id = (state.audit.reduce((m, a) => Math.max(m, a.id), 0) || 0) + 1;
    state.audit.unshift({
      id,
      at: iso(),
      actorName: user?.username ?? "anonymous",
      action,
      target,
      before: null,
      after: null,
      ip: "192.0.2.10",
      ok,
    });
  };

  const activeSilences = () => {
    const t = iso();
    return state.silences.filter((s) => !s.expiredAt && s.startsAt <= t && s.endsAt > t);
  };
  const silenceView = (s: MockSilence): SilenceFixture => {
    const t = iso();
    const st = s.expiredAt || s.endsAt <= t ? "expired" : s.startsAt > t ? "pending" : "active";
    const { expiredAt, ...rest } = s;
    return { ...rest, endsAt: expiredAt && expiredAt < s.endsAt ? expiredAt : s.endsAt, state: st };
  };
  const view = (a: AlertFixture): AlertFixture => ({
    ...a,
    silencedBy:
      a.state === "resolved"
        ? []
        : activeSilences()
            .filter((s) => silenceMatches(s.matchers, a))
            .map((s) => s.id),
  });
  const active = () =>
    state.alerts
      .filter((a) => a.state !== "resolved")
      .map(view)
      .sort(
        (a, b) =>
          severityRank(a.severity) - severityRank(b.severity) ||
          a.firstSeenAt.localeCompare(b.firstSeenAt) ||
          a.id - b.id,
      );
  const findAlert = (id: number) => {
    const a = state.alerts.find((x) => x.id === id);
    if (!a) throw mockError("NOT_FOUND", "no such alert");
    return a;
  };
  const addEvent = (alertId: number, kind: string, actor: string | null, note: string | null) => {
    const list = state.events[alertId] ?? [];
    state.events[alertId] = list;
    const id = Math.max(0, ...Object.values(state.events).flatMap((l) => l.map((e) => e.id))) + 1;
    list.push({ id, at: iso(), kind, actor, note });
  };
  const nextNumber = (ids: number[]) => Math.max(0, ...ids) + 1;
  /** The first free id `${prefix}-0001`, `-0002`, … */
  const nextCode = (prefix: string, ids: string[]) => {
    let n = ids.length + 1;
    while (ids.includes(`${prefix}-${String(n).padStart(4, "0")}`)) n++;
    return `${prefix}-${String(n).padStart(4, "0")}`;
  };
  const receiverView = (r: ReceiverFixture): ReceiverFixture => {
    const last = state.deliveries
      .filter((d) => d.receiverId === r.id && (d.status === "delivered" || d.status === "failed"))
      .sort((a, b) => b.id - a.id)[0];
    return {
      ...r,
      lastDelivery: last
        ? { status: last.status, at: last.deliveredAt ?? last.createdAt, error: last.lastError }
        : null,
    };
  };
  const findUser = (id: string) => {
    const u = state.users.find((x) => x.id === id);
    if (!u) throw mockError("NOT_FOUND", "no such user");
    return u;
  };
  const userView = ({ password: _p, ...u }: MockUser): UserFixture => u;
  const tokenView = ({ userId: _u, ...t }: MockToken): TokenFixture => t;
  /** The server's password rule (passwordProblem with the shipped list), as its 400. */
  const refuseWeakPassword = (field: string, password: string, username: string) => {
    const problem = passwordProblem(password, { username, common: commonPasswords() });
    if (problem) throw mockError("BAD_REQUEST", `${field}: ${problem}`);
  };
  /**
   * A reset or role change ends the user's sessions and, if asked, revokes their tokens. The mock
   * has one session (the browser's): it ends unless the user is the one making the change.
   */
  const endCredentials = (u: MockUser, caller: MockUser, revokeTokens: boolean) => {
    let sessionsEnded = 0;
    if (state.sessionUserId === u.id && u.id !== caller.id) {
      state.sessionUserId = null;
      sessionsEnded = 1;
    }
    let tokensRevoked = 0;
    if (revokeTokens) {
      for (const t of state.tokens) {
        if (t.userId !== u.id || t.revokedAt) continue;
        t.revokedAt = iso();
        tokensRevoked++;
      }
    }
    return { sessionsEnded, tokensRevoked };
  };

  const setAck = (id: number, user: MockUser, ack: boolean, note?: string) => {
    const a = findAlert(id);
    if (a.state === "resolved") throw mockError("CONFLICT", `alert ${id} is resolved`);
    if ((a.state === "acknowledged") === ack) return view(a);
    advance();
    Object.assign(
      a,
      ack
        ? { state: "acknowledged", acknowledgedAt: iso(), acknowledgedBy: user.username }
        : { state: "firing", acknowledgedAt: null, acknowledgedBy: null },
    );
    const change = ack ? "acknowledged" : "unacknowledged";
    addEvent(id, change, user.username, note ?? null);
    record(user, `alerts.${ack ? "acknowledge" : "unacknowledge"}`, `alert ${id}`);
    emit({ type: "alert", alertId: id, state: a.state, change });
    return view(a);
  };

  const overview = (): SubsystemFixture[] => {
    const act = active();
    const count = (source: string) => {
      const f = { critical: 0, warning: 0, info: 0 };
      for (const a of act)
        if ((source === "" || a.source === source) && a.silencedBy.length === 0) f[a.severity]++;
      return f;
    };
    const health = (f: { critical: number; warning: number }) =>
      f.critical > 0 ? ("failing" as const) : f.warning > 0 ? ("degraded" as const) : ("ok" as const);
    const sourceOf = { registry: "epp", rdap: "rdap", dns: "zonemd", dhcp: "dhcp", bgp: "bgp" } as const;
    const out: SubsystemFixture[] = (["registry", "rdap", "dns", "dhcp", "bgp"] as const).map((s) => ({
      subsystem: s,
      health: "not_configured",
      summary: "Not built yet",
      firing: count(sourceOf[s]),
      href: `/${s}`,
    }));
    // Registry: the tile follows the mock connection, worded like the server's probe.
    const reg = out.find((t) => t.subsystem === "registry");
    if (reg) Object.assign(reg, registryTile(registryData));
    // DNS: the tile follows the mock zones, worded like the server's `dns` probe.
    const dnsT = out.find((t) => t.subsystem === "dns");
    if (dnsT) Object.assign(dnsT, dnsTile(dnsData));
    const receivers = state.receivers.filter((r) => r.enabled).length;
    out.push({
      subsystem: "alerts",
      health: health(count("system")) === "ok" ? "ok" : "degraded",
      summary: `${act.length} active, ${receivers} webhook receiver${receivers === 1 ? "" : "s"}`,
      firing: count(""),
      href: "/alerts",
    });
    const failed = state.jobs.filter((j) => !j.ok);
    out.push({
      subsystem: "system",
      health: failed.length > 0 ? "degraded" : health(count("system")),
      summary:
        failed.length > 0
          ? `${failed.length} job(s) failing: ${failed.map((j) => j.job).join(", ")}`
          : `${state.jobs.length} jobs OK`,
      firing: count("system"),
      href: "/settings/system",
    });
    return out;
  };

  const registryData = scenario === "empty" ? emptyRegistryData() : registrySampleData();
  const dnsData: DnsMockData = scenario === "empty" ? { zones: [], history: {} } : dnsSampleData();
  // ---- the resolvers: one per procedure, same roles as the router ----
  const resolvers: MockResolvers = {
    ...createBgpResolvers(requireUser, scenario === "empty" ? [] : bgpSampleEvents()),
    ...createDhcpResolvers(
      requireUser,
      scenario === "empty" ? { sources: [], pools: [], leases: [] } : dhcpSampleData(),
    ),
    ...createDnsResolvers(requireUser, dnsData, iso),
    ...createRdapResolvers(requireUser),
    ...createRegistryResolvers(requireUser, registryData, iso),
    "auth.login": (input) => {
      const user = state.users.find((u) => u.username === input.username);
      advance();
      if (!user || user.disabled || user.password !== input.password) {
        record(null, "auth.login", null, false);
        throw mockError("UNAUTHORIZED", "wrong username or password");
      }
      state.sessionUserId = user.id;
      user.lastLoginAt = iso();
      record(user, "auth.login", null);
      return {
        username: user.username,
        role: user.role,
        expiresAt: new Date(now().getTime() + 12 * 3_600_000).toISOString(),
      };
    },
    "auth.logout": () => {
      const user = me();
      if (user) record(user, "auth.logout", user.username);
      state.sessionUserId = null;
      return { ok: true };
    },
    "auth.me": as("viewer", (_input: unknown, user) => ({
      id: user.id,
      username: user.username,
      role: user.role,
      via: "session" as const,
    })),
    "auth.changePassword": as("viewer", (input: RouterInputs["auth"]["changePassword"], user) => {
      if (input.current !== user.password)
        throw mockError("BAD_REQUEST", "current: the current password is wrong");
      const r = passwordSchema.safeParse(input.next);
      if (!r.success)
        throw invalid({ issues: r.error.issues.map((i) => ({ ...i, path: ["next", ...i.path] })) });
      refuseWeakPassword("next", input.next, user.username);
      user.password = input.next;
      advance();
      record(user, "auth.changePassword", user.username);
      return { ok: true };
    }),

    "users.list": as("admin", () =>
      [...state.users].sort((a, b) => a.username.localeCompare(b.username)).map(userView),
    ),
    "users.create": as("admin", (input: RouterInputs["users"]["create"], user) => {
      const issues = [
        ...(usernameSchema
          .safeParse(input.username)
          .error?.issues.map((i) => ({ ...i, path: ["username"] })) ?? []),
        ...(passwordSchema
          .safeParse(input.password)
          .error?.issues.map((i) => ({ ...i, path: ["password"] })) ?? []),
        ...(roleSchema.safeParse(input.role).error?.issues.map((i) => ({ ...i, path: ["role"] })) ?? []),
      ];
      if (issues.length) throw invalid({ issues });
      if (state.users.some((u) => u.username === input.username))
        throw mockError("CONFLICT", `username: ${input.username} exists already`);
      refuseWeakPassword("password", input.password, input.username);
      advance();
      const u: MockUser = {
        id: nextCode(
          "mock-user",
          state.users.map((x) => x.id),
        ),
        username: input.username,
        role: input.role,
        disabled: false,
        createdAt: iso(),
        lastLoginAt: null,
        password: input.password,
      };
      state.users.push(u);
      record(user, "users.create", u.username);
      return userView(u);
    }),
    "users.setRole": as("admin", (input: RouterInputs["users"]["setRole"], user) => {
      const u = findUser(input.id);
      if (u.id === user.id && input.role !== "admin")
        throw mockError("BAD_REQUEST", "role: you cannot demote yourself; ask another admin");
      if (u.role === input.role) return { ...userView(u), sessionsEnded: 0, tokensRevoked: 0 };
      advance();
      u.role = input.role;
      const ended = endCredentials(u, user, input.revokeTokens ?? false);
      record(user, "users.setRole", u.username);
      return { ...userView(u), ...ended };
    }),
    "users.setDisabled": as("admin", (input: RouterInputs["users"]["setDisabled"], user) => {
      const u = findUser(input.id);
      if (u.id === user.id) throw mockError("BAD_REQUEST", "id: you cannot disable yourself");
      advance();
      u.disabled = input.disabled;
      record(user, "users.setDisabled", u.username);
      return userView(u);
    }),
    "users.resetPassword": as("admin", (input: RouterInputs["users"]["resetPassword"], user) => {
      const u = findUser(input.id);
      const r = passwordSchema.safeParse(input.password);
      if (!r.success) throw invalid({ issues: r.error.issues.map((i) => ({ ...i, path: ["password"] })) });
      refuseWeakPassword("password", input.password, u.username);
      advance();
      u.password = input.password;
      const ended = endCredentials(u, user, input.revokeTokens ?? false);
      record(user, "users.resetPassword", u.username);
      return { ok: true, ...ended };
    }),

    "tokens.list": as("viewer", (_input: unknown, user) =>
      state.tokens
        .filter((t) => t.userId === user.id)
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
        .map(tokenView),
    ),
    "tokens.listAll": as("admin", () =>
      [...state.tokens]
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || a.id.localeCompare(b.id))
        .map((t) => {
          const { id, username, disabled } = findUser(t.userId);
          return { ...tokenView(t), owner: { id, username, disabled } };
        }),
    ),
    "tokens.create": as("viewer", (input: RouterInputs["tokens"]["create"], user) => {
      const name = input.name.trim();
      if (!name)
        throw invalid({
          issues: [
            {
              path: ["name"],
              message: "Too small: expected string to have >=1 characters",
              code: "too_small",
            },
          ],
        });
      advance();
      const n = state.tokens.length + 1;
      const secret = `mock${String(n).padStart(2, "0")}EXAMPLEONLYnotarealtoken`;
      const t: MockToken = {
        id: nextCode(
          "mock-token",
          state.tokens.map((x) => x.id),
        ),
        name,
        hint: `secret-token:netops_${secret.slice(0, 6)}…`,
        createdAt: iso(),
        expiresAt: input.expiresInDays
          ? new Date(now().getTime() + input.expiresInDays * 86_400_000).toISOString()
          : null,
        lastUsedAt: null,
        revokedAt: null,
        userId: user.id,
      };
      state.tokens.push(t);
      record(user, "tokens.create", name);
      return { token: `secret-token:netops_${secret}`, info: tokenView(t) };
    }),
    "tokens.revoke": as("viewer", (input: RouterInputs["tokens"]["revoke"], user) => {
      const t = state.tokens.find((x) => x.id === input.id);
      if (!t || (t.userId !== user.id && user.role !== "admin"))
        throw mockError("NOT_FOUND", "no such token");
      advance();
      t.revokedAt ??= iso();
      const owner = findUser(t.userId).username;
      record(user, "tokens.revoke", owner === user.username ? t.name : `${owner}/${t.name}`);
      return tokenView(t);
    }),

    "audit.list": as("admin", (input: RouterInputs["audit"]["list"]) => {
      const limit = input.limit ?? 100;
      const rows = [...state.audit]
        .sort((a, b) => b.id - a.id)
        .filter(
          (e) =>
            (!input.action || e.action.startsWith(input.action)) &&
            (!input.actor || e.actorName === input.actor) &&
            (!input.cursor || e.id < input.cursor),
        );
      const items = rows.slice(0, limit);
      return { items, nextCursor: rows.length > limit ? (items[items.length - 1]?.id ?? null) : null };
    }),

    "alerts.list": as("viewer", (input: RouterInputs["alerts"]["list"]) => {
      const limit = input.limit ?? 100;
      const silenced = input.silenced ?? "include";
      const q = input.q?.toLowerCase();
      const rows = [...state.alerts]
        .sort((a, b) => b.id - a.id)
        .filter(
          (a) =>
            (!input.cursor || a.id < input.cursor) &&
            (!input.state?.length || input.state.includes(a.state)) &&
            (!input.severity?.length || input.severity.includes(a.severity)) &&
            (!input.source?.length || input.source.includes(a.source)) &&
            (!q ||
              a.summary.toLowerCase().includes(q) ||
              a.details.toLowerCase().includes(q) ||
              JSON.stringify(a.labels).toLowerCase().includes(q)),
        )
        .map(view)
        .filter((a) => {
          const s = a.silencedBy.length > 0;
          return silenced === "include" || (silenced === "only" ? s : !s);
        });
      const items = rows.slice(0, limit);
      return { items, nextCursor: rows.length > limit ? (items[items.length - 1]?.id ?? null) : null };
    }),
    "alerts.active": as("viewer", () => active()),
    "alerts.get": as("viewer", (input: RouterInputs["alerts"]["get"]) => {
      const a = state.alerts.find((x) => x.id === input.id);
      if (!a) throw mockError("NOT_FOUND", `no alert ${input.id}`);
      return {
        alert: view(a),
        events: [...(state.events[a.id] ?? [])].sort((x, y) => x.at.localeCompare(y.at)),
        deliveries: state.deliveries.filter((d) => d.alertId === a.id).sort((x, y) => y.id - x.id),
      };
    }),
    "alerts.counts": as("viewer", () => {
      const m = new Map<string, { source: string; severity: string; state: string; count: number }>();
      for (const a of state.alerts) {
        const k = `${a.source}/${a.severity}/${a.state}`;
        const e = m.get(k) ?? { source: a.source, severity: a.severity, state: a.state, count: 0 };
        e.count++;
        m.set(k, e);
      }
      return [...m.values()];
    }),
    "alerts.acknowledge": as("operator", (input: RouterInputs["alerts"]["acknowledge"], user) =>
      setAck(input.id, user, true, input.note),
    ),
    "alerts.unacknowledge": as("operator", (input: RouterInputs["alerts"]["unacknowledge"], user) =>
      setAck(input.id, user, false),
    ),
    "alerts.resolve": as("operator", (input: RouterInputs["alerts"]["resolve"], user) => {
      const a = findAlert(input.id);
      if (a.state === "resolved") return view(a);
      advance();
      Object.assign(a, { state: "resolved", resolvedAt: iso(), resolvedBy: user.username });
      addEvent(a.id, "resolved", user.username, input.note ?? null);
      record(user, "alerts.resolve", `alert ${a.id}`);
      emit({ type: "alert", alertId: a.id, state: "resolved", change: "resolved" });
      return view(a);
    }),
    "alerts.onChange": as("viewer", (_input: unknown, _user, ctx) => changes(ctx.signal)),

    "silences.list": as("viewer", (input: RouterInputs["silences"]["list"]) => {
      const views = [...state.silences]
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
        .map(silenceView);
      return input.state ? views.filter((v) => v.state === input.state) : views;
    }),
    "silences.create": as("operator", (input: RouterInputs["silences"]["create"], user) => {
      const r = silenceInputSchema.safeParse(input);
      if (!r.success) throw invalid(r.error);
      if (new Date(input.endsAt) <= now()) throw mockError("BAD_REQUEST", "endsAt: must be in the future");
      advance();
      const s: MockSilence = {
        id: nextCode(
          "mock-silence",
          state.silences.map((x) => x.id),
        ),
        matchers: r.data.matchers,
        startsAt: input.startsAt ? new Date(input.startsAt).toISOString() : iso(),
        endsAt: new Date(input.endsAt).toISOString(),
        createdBy: user.username,
        comment: input.comment,
        createdAt: iso(),
        expiredAt: null,
      };
      state.silences.push(s);
      record(user, "silences.create", s.id);
      emit({ type: "silence", silenceId: s.id });
      return silenceView(s);
    }),
    "silences.expire": as("operator", (input: RouterInputs["silences"]["expire"], user) => {
      const s = state.silences.find((x) => x.id === input.id);
      if (!s) throw mockError("NOT_FOUND", "no such silence");
      advance();
      s.expiredAt = iso();
      record(user, "silences.expire", s.id);
      emit({ type: "silence", silenceId: s.id });
      return silenceView(s);
    }),
    "silences.preview": as("viewer", (input: RouterInputs["silences"]["preview"]) =>
      active()
        .filter((a) => silenceMatches(input.matchers, a))
        .map((a) => a.id),
    ),

    "webhooks.list": as("admin", () =>
      [...state.receivers].sort((a, b) => a.name.localeCompare(b.name)).map(receiverView),
    ),
    "webhooks.create": as("admin", (input: RouterInputs["webhooks"]["create"], user) => {
      if (!input.secret || input.secret.length < 16)
        throw invalid({
          issues: [{ path: ["secret"], message: "at least 16 characters", code: "too_small" }],
        });
      if (!/^https?:\/\//.test(input.url))
        throw invalid({
          issues: [{ path: ["url"], message: "an http:// or https:// URL", code: "invalid_format" }],
        });
      if (state.receivers.some((r) => r.name === input.name.trim()))
        throw mockError("CONFLICT", "name: a receiver with that name exists");
      advance();
      const r: ReceiverFixture = {
        id: nextCode(
          "mock-receiver",
          state.receivers.map((x) => x.id),
        ),
        name: input.name.trim(),
        url: input.url,
        minSeverity: input.minSeverity ?? "warning",
        sources: input.sources ?? [],
        sendResolved: input.sendResolved ?? true,
        enabled: true,
        createdAt: iso(),
        lastDelivery: null,
      };
      state.receivers.push(r);
      record(user, "webhooks.create", r.name);
      return receiverView(r);
    }),
    "webhooks.update": as("admin", (input: RouterInputs["webhooks"]["update"], user) => {
      const r = state.receivers.find((x) => x.id === input.id);
      if (!r) throw mockError("NOT_FOUND", "no such receiver");
      if (input.name !== undefined && state.receivers.some((x) => x.id !== r.id && x.name === input.name))
        throw mockError("CONFLICT", "name: a receiver with that name exists");
      advance();
      const { id: _id, secret: _secret, ...patch } = input;
      for (const [k, v] of Object.entries(patch)) if (v !== undefined) Object.assign(r, { [k]: v });
      record(user, "webhooks.update", r.name);
      return receiverView(r);
    }),
    "webhooks.remove": as("admin", (input: RouterInputs["webhooks"]["remove"], user) => {
      const i = state.receivers.findIndex((x) => x.id === input.id);
      if (i < 0) throw mockError("NOT_FOUND", "no such receiver");
      advance();
      const [r] = state.receivers.splice(i, 1);
      record(user, "webhooks.remove", r?.name ?? null);
      return { ok: true };
    }),
    "webhooks.test": as("admin", (input: RouterInputs["webhooks"]["test"], user) => {
      const r = state.receivers.find((x) => x.id === input.id);
      if (!r) throw mockError("NOT_FOUND", "no such receiver");
      advance();
      const id = nextNumber(state.deliveries.map((d) => d.id));
      state.deliveries.push({
        id,
        receiverId: r.id,
        receiverName: r.name,
        alertId: null,
        event: "test",
        status: "delivered",
        attempts: 1,
        lastStatus: 200,
        lastError: null,
        createdAt: iso(),
        nextAttemptAt: iso(),
        deliveredAt: iso(),
      });
      record(user, "webhooks.test", r.name);
      emit({ type: "delivery", receiverId: r.id });
      return { deliveryId: id };
    }),
    "webhooks.deliveries": as("admin", (input: RouterInputs["webhooks"]["deliveries"]) =>
      state.deliveries
        .filter((d) => !input.receiverId || d.receiverId === input.receiverId)
        .sort((a, b) => b.id - a.id)
        .slice(0, input.limit ?? 100),
    ),

    "system.overview": as("viewer", () => ({
      subsystems: overview(),
      active: active().filter((a) => a.silencedBy.length === 0),
      generatedAt: iso(),
    })),
    "system.info": as("viewer", () => ({
      version: "0.1.0-mock",
      startedAt: fixtureTime(-24 * 60),
      jobs: [...state.jobs].sort((a, b) => a.job.localeCompare(b.job)),
      liveSubscribers: listeners.size,
    })),
  };

  const merged: MockResolvers = { ...resolvers, ...options.overrides } as MockResolvers;
  const final = applyScenario(scenario, merged);
  const handlers = createTrpcHandlers<AppRouter>(options.baseUrl ?? "/api/trpc", final, {
    formatError: formatNetopsError,
    ...(options.delayMs ? { delayMs: options.delayMs } : {}),
  });
  return { handlers, resolvers: final, state, emit, subscriberCount: () => listeners.size };
}

/** Rewrites every resolver for the error and loading scenarios. */
function applyScenario(scenario: ScenarioName, resolvers: MockResolvers): MockResolvers {
  if (scenario !== "error" && scenario !== "loading") return resolvers;
  const out: Record<string, unknown> = {};
  for (const path of Object.keys(resolvers)) {
    if (scenario === "loading") {
      out[path] = () => new Promise<never>(() => {});
    } else if (path === "alerts.onChange") {
      out[path] = (_input: unknown, ctx: ResolverContext) => quiet(ctx.signal);
    } else {
      out[path] = () => {
        throw mockError("INTERNAL_SERVER_ERROR", `Example: mock failure in ${path}`);
      };
    }
  }
  return out as MockResolvers;
}

/** A subscription that connects and never sends anything. */
async function* quiet(signal: AbortSignal): AsyncGenerator<never> {
  await new Promise<void>((resolve) => signal.addEventListener("abort", () => resolve(), { once: true }));
}

/**
 * Handler presets for stories and tests: `parameters: { msw: { handlers: scenarios.populated() } }`.
 * Each call makes a fresh store, so stories do not share state.
 */
export const scenarios = {
  populated: (options: Omit<MockApiOptions, "scenario"> = {}) =>
    createMockApi({ ...options, scenario: "populated" }).handlers,
  empty: (options: Omit<MockApiOptions, "scenario"> = {}) =>
    createMockApi({ ...options, scenario: "empty" }).handlers,
  error: (options: Omit<MockApiOptions, "scenario"> = {}) =>
    createMockApi({ ...options, scenario: "error" }).handlers,
  loading: (options: Omit<MockApiOptions, "scenario"> = {}) =>
    createMockApi({ ...options, scenario: "loading" }).handlers,
  loggedOut: (options: Omit<MockApiOptions, "scenario"> = {}) =>
    createMockApi({ ...options, scenario: "loggedOut" }).handlers,
} satisfies Record<ScenarioName, (options?: Omit<MockApiOptions, "scenario">) => HttpHandler[]>;
