/**
 * The mock API takes each procedure's role from the router: roles.generated.json must be what the
 * AppRouter declares now (run `npm run roles -w @netops/mocks` after changing a procedure's role),
 * and the mock must refuse every procedure to a user below that role, as the server does.
 */
import { readFileSync } from "node:fs";
import { roleAtLeast, ROLES } from "@netops/protocols";
import { describe, expect, it } from "vitest";
import { ROLES_FILE, rolesJson, routerRoles } from "../scripts/roles";
import { createMockApi, MockTrpcError } from "../src";

const table = routerRoles();

describe("procedure roles", () => {
  it("roles.generated.json is the router's (not stale)", () => {
    expect(readFileSync(ROLES_FILE, "utf8")).toBe(rolesJson());
  });

  it("covers every procedure of the router and nothing else", () => {
    const api = createMockApi();
    expect(Object.keys(api.resolvers).sort()).toEqual(Object.keys(table).sort());
  });

  it("refuses each procedure below its role (FORBIDDEN) and without a session (UNAUTHORIZED)", async () => {
    const ctx = { request: new Request("http://mock.test/"), path: "", type: "query" as const };
    const outcome = async (sessionUserId: string | null, path: string) => {
      const api = createMockApi();
      api.state.sessionUserId = sessionUserId;
      const fn = (api.resolvers as unknown as Record<string, (i: unknown, c: unknown) => unknown>)[path];
      try {
        await fn?.({}, { ...ctx, path, signal: AbortSignal.abort() });
        return "ran";
      } catch (e) {
        return e instanceof MockTrpcError && (e.code === "FORBIDDEN" || e.code === "UNAUTHORIZED")
          ? e.code
          : "ran";
      }
    };
    let checked = 0;
    for (const [path, role] of Object.entries(table)) {
      if (role === "public") continue;
      expect(await outcome(null, path), `${path} without a session`).toBe("UNAUTHORIZED");
      for (const r of ROLES) {
        const allowed = roleAtLeast(r, role as (typeof ROLES)[number]);
        const got = await outcome(`mock-user-${r}`, path);
        if (allowed) expect(got, `${path} as ${r}`).toBe("ran");
        else expect(got, `${path} as ${r}`).toBe("FORBIDDEN");
      }
      checked++;
    }
    expect(checked).toBeGreaterThan(80);
  });
});
