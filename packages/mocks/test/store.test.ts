import { FEATURE_SUBSYSTEMS } from "@netops/protocols";
import { describe, expect, it } from "vitest";
import {
  alertFixture,
  createMockApi,
  FIXTURE_BASE_TIME,
  mockError,
  overviewFixture,
  populatedState,
  resetFixtures,
  sampleAlerts,
  scenarios,
} from "../src";

/** Runs a resolver so that a synchronous throw becomes a rejection. */
const later = async <T>(f: () => T): Promise<Awaited<T>> => await f();

const ctx = {
  request: new Request("http://localhost/"),
  path: "",
  type: "query" as const,
  signal: new AbortController().signal,
};

describe("fixtures", () => {
  it("are deterministic and clearly fake", () => {
    resetFixtures();
    const a = sampleAlerts();
    resetFixtures();
    expect(sampleAlerts()).toEqual(a);
    expect(a.every((x) => x.summary.startsWith("Example:"))).toBe(true);
    expect(alertFixture({ id: 7 }).firstSeenAt < FIXTURE_BASE_TIME).toBe(true);
    // Every feature subsystem, then the console's alerts and system tiles.
    expect(overviewFixture().subsystems).toHaveLength(FEATURE_SUBSYSTEMS.length + 2);
  });
});

describe("the mock store", () => {
  it("checks roles like the router", async () => {
    const api = createMockApi({ state: populatedState("mock-user-operator") });
    await expect(later(() => api.resolvers["users.list"](undefined, ctx))).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: "this needs the admin role; you are operator",
    });
    const acked = await api.resolvers["alerts.acknowledge"]({ id: 1 }, ctx);
    expect(acked).toMatchObject({ state: "acknowledged", acknowledgedBy: "operator" });
    await expect(later(() => api.resolvers["alerts.acknowledge"]({ id: 5 }, ctx))).rejects.toMatchObject({
      code: "CONFLICT",
    });
  });

  it("takes per-procedure overrides", async () => {
    const api = createMockApi({
      overrides: {
        "system.info": () => {
          throw mockError("SERVICE_UNAVAILABLE", "Example: maintenance");
        },
      },
    });
    expect(() => api.resolvers["system.info"](undefined, ctx)).toThrow("Example: maintenance");
    expect((await api.resolvers["auth.me"](undefined, ctx)).username).toBe("admin");
  });

  it("makes fresh handlers per scenario call", () => {
    expect(scenarios.populated()).not.toBe(scenarios.populated());
    expect(scenarios.empty()).toHaveLength(2);
  });

  it("logs in and out", async () => {
    const api = createMockApi({ scenario: "loggedOut" });
    expect(() => api.resolvers["auth.me"](undefined, ctx)).toThrow("log in first");
    await api.resolvers["auth.login"]({ username: "operator", password: "mock-password-123" }, ctx);
    expect(api.state.sessionUserId).toBe("mock-user-operator");
    await api.resolvers["auth.logout"](undefined, ctx);
    expect(api.state.sessionUserId).toBeNull();
  });

  it("applies the server's password rule and revokes tokens on a reset only when asked", async () => {
    const api = createMockApi({ state: populatedState() });
    const reset = (password: string, revokeTokens: boolean) =>
      later(() =>
        api.resolvers["users.resetPassword"]({ id: "mock-user-operator", password, revokeTokens }, ctx),
      );
    await expect(reset("password1234", true)).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "password: this password is in the list of the 49,233 most common passwords",
    });
    await expect(reset("Operator-2024!", true)).rejects.toMatchObject({
      message: "password: this password is the username with only digits or symbols added",
    });
    expect(await reset("tall-ferns-by-the-river", false)).toMatchObject({ tokensRevoked: 0 });
    expect(await reset("tall-ferns-by-the-river", true)).toMatchObject({ tokensRevoked: 1 });
    const all = await later(() => api.resolvers["tokens.listAll"](undefined, ctx));
    expect(all.find((t) => t.owner.username === "operator")?.revokedAt).not.toBeNull();
  });

  it("lists every user's tokens for admins only", async () => {
    const api = createMockApi({ state: populatedState("mock-user-operator") });
    await expect(later(() => api.resolvers["tokens.listAll"](undefined, ctx))).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });
});
