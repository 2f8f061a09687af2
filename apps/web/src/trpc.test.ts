import { afterEach, describe, expect, it, vi } from "vitest";
import { createAppTrpcClient, MAX_BATCH_ITEMS } from "./trpc";

afterEach(() => {
  vi.unstubAllGlobals();
});

/** Records every request the client makes and answers each call with an empty result. */
function recordRequests() {
  const requests: { procedures: string[]; batch: boolean }[] = [];
  vi.stubGlobal("fetch", async (input: RequestInfo | URL) => {
    const url = new URL(String(input instanceof Request ? input.url : input));
    const procedures = decodeURIComponent(url.pathname.replace(/^\/api\/trpc\//, "")).split(",");
    const batch = url.searchParams.get("batch") === "1";
    requests.push({ procedures, batch });
    const one = { result: { data: null } };
    return new Response(JSON.stringify(batch ? procedures.map(() => one) : one), {
      headers: { "content-type": "application/json" },
    });
  });
  return requests;
}

describe("the API client", () => {
  it("batches at most MAX_BATCH_ITEMS calls per request (the server refuses more than server.maxBatchSize)", async () => {
    const requests = recordRequests();
    const client = createAppTrpcClient("http://console.test/api/trpc");
    await Promise.all(Array.from({ length: 25 }, () => client.auth.me.query()));
    expect(requests.map((r) => r.procedures.length)).toEqual([MAX_BATCH_ITEMS, MAX_BATCH_ITEMS, 5]);
    // The server's lowest allowed server.maxBatchSize is 10 (packages/config/src/schema.ts).
    expect(MAX_BATCH_ITEMS).toBeLessThanOrEqual(10);
  });

  it("sends password calls alone, never in a batch (the server refuses them there)", async () => {
    const requests = recordRequests();
    const client = createAppTrpcClient("http://console.test/api/trpc");
    await Promise.all([
      client.auth.login.mutate({ username: "a", password: "b" }),
      client.auth.changePassword.mutate({ currentPassword: "x", newPassword: "y" } as never),
      client.auth.logout.mutate(),
      client.alerts.acknowledge.mutate({ id: 1 } as never),
    ]);
    const login = requests.filter((r) => r.procedures.includes("auth.login"));
    const change = requests.filter((r) => r.procedures.includes("auth.changePassword"));
    expect(login).toEqual([{ procedures: ["auth.login"], batch: false }]);
    expect(change).toEqual([{ procedures: ["auth.changePassword"], batch: false }]);
    // Everything else is still batched.
    expect(requests).toContainEqual({ procedures: ["auth.logout", "alerts.acknowledge"], batch: true });
  });

  it("sends the list queries the server caches alone, so their whole request can be answered from its list cache", async () => {
    const requests = recordRequests();
    const client = createAppTrpcClient("http://console.test/api/trpc");
    await Promise.all([
      client.alerts.list.query({ limit: 5 } as never),
      client.bgp.events.query({ limit: 5 } as never),
      client.auth.me.query(),
      client.bgp.routers.query(),
    ]);
    expect(requests).toContainEqual({ procedures: ["alerts.list"], batch: false });
    expect(requests).toContainEqual({ procedures: ["bgp.events"], batch: false });
    expect(requests).toContainEqual({ procedures: ["auth.me", "bgp.routers"], batch: true });
    expect(requests).toHaveLength(3);
  });
});
