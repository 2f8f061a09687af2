import type { AppRouter } from "@netops/api";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createMockApi, FetchEventSource, MOCK_PASSWORD, type MockApi } from "../src";
import {
  createTRPCClient,
  httpBatchLink,
  httpLink,
  httpSubscriptionLink,
  splitLink,
  TRPCClientError,
} from "./trpc-client";

const BASE = "http://localhost/api/trpc";
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function use(api: MockApi) {
  server.use(...api.handlers);
  return api;
}

/** The web app's link setup: SSE for subscriptions, httpBatchLink for the rest. */
function client() {
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === "subscription",
        true: httpSubscriptionLink({ url: BASE, EventSource: FetchEventSource }),
        false: httpBatchLink({ url: BASE }),
      }),
    ],
  });
}

async function codeOf(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(TRPCClientError);
    return (e as InstanceType<typeof TRPCClientError>).data?.code;
  }
  throw new Error("expected an error");
}

describe("mock API through a real tRPC client", () => {
  it("answers a batched query", async () => {
    use(createMockApi());
    const trpc = client();
    const [me, list, overview] = await Promise.all([
      trpc.auth.me.query(),
      trpc.alerts.list.query({ state: ["firing"] }),
      trpc.system.overview.query(),
    ]);
    expect(me).toEqual({ id: "mock-user-admin", username: "admin", role: "admin", via: "session" });
    expect(list.items.length).toBeGreaterThan(0);
    expect(list.items.every((a) => a.state === "firing")).toBe(true);
    expect(list.items.every((a) => a.summary.startsWith("Example:"))).toBe(true);
    expect(overview.subsystems.map((s) => s.subsystem)).toContain("alerts");
  });

  it("runs a mutation that changes state", async () => {
    const api = use(createMockApi());
    const trpc = client();
    const firing = (await trpc.alerts.list.query({ state: ["firing"] })).items[0]!;
    const after = await trpc.alerts.acknowledge.mutate({ id: firing.id, note: "looking" });
    expect(after.state).toBe("acknowledged");
    expect(after.acknowledgedBy).toBe("admin");
    const detail = await trpc.alerts.get.query({ id: firing.id });
    expect(detail.alert.state).toBe("acknowledged");
    expect(detail.events.at(-1)).toMatchObject({ kind: "acknowledged", actor: "admin", note: "looking" });
    expect(api.state.audit[0]).toMatchObject({ action: "alerts.acknowledge", actorName: "admin" });
  });

  it("reports errors with the server's shape and codes", async () => {
    use(createMockApi({ scenario: "loggedOut" }));
    const trpc = client();
    expect(await codeOf(trpc.auth.me.query())).toBe("UNAUTHORIZED");
    expect(await codeOf(trpc.auth.login.mutate({ username: "admin", password: "nope" }))).toBe(
      "UNAUTHORIZED",
    );
    await trpc.auth.login.mutate({ username: "viewer", password: MOCK_PASSWORD });
    expect((await trpc.auth.me.query()).role).toBe("viewer");
    const err = await trpc.alerts.acknowledge.mutate({ id: 1 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TRPCClientError);
    const e = err as InstanceType<typeof TRPCClientError<AppRouter>>;
    expect(e.message).toBe("this needs the operator role; you are viewer");
    expect(e.data).toEqual({ code: "FORBIDDEN", httpStatus: 403, path: "alerts.acknowledge", issues: null });
    expect(e.shape?.code).toBe(-32003);
  });

  it("masks internal errors like the server, per call in a batch", async () => {
    use(createMockApi({ scenario: "error" }));
    const trpc = client();
    const [a, b] = await Promise.allSettled([trpc.alerts.active.query(), trpc.system.info.query()]);
    for (const r of [a, b]) {
      expect(r.status).toBe("rejected");
      const e = (r as PromiseRejectedResult).reason as InstanceType<typeof TRPCClientError>;
      expect(e.message).toBe("internal error (logged on the server)");
      expect(e.data?.code).toBe("INTERNAL_SERVER_ERROR");
    }
  });

  it("returns validation issues as the API's errorFormatter does", async () => {
    use(createMockApi());
    const err = (await client()
      .silences.create.mutate({ matchers: [], endsAt: "2099-01-01T00:00:00Z", comment: "" })
      .catch((e: unknown) => e)) as InstanceType<typeof TRPCClientError<AppRouter>>;
    expect(err.data?.code).toBe("BAD_REQUEST");
    expect(err.data?.issues?.map((i) => i.path)).toEqual(["matchers", "comment"]);
    expect(err.message).toContain("matchers: a silence needs at least one matcher");
  });

  it("previews and applies silences with silenceMatches", async () => {
    use(createMockApi());
    const trpc = client();
    const ids = await trpc.silences.preview.query({
      matchers: [{ name: "source", op: "=", value: "system" }],
    });
    expect(ids.length).toBe(2);
    const s = await trpc.silences.create.mutate({
      matchers: [{ name: "source", op: "=", value: "system" }],
      endsAt: "2026-11-21T08:00:00.000Z",
      comment: "Example maintenance",
    });
    expect(s.state).toBe("active");
    const silenced = await trpc.alerts.list.query({ silenced: "only" });
    expect(
      silenced.items.filter((a) => a.source === "system").every((a) => a.silencedBy.includes(s.id)),
    ).toBe(true);
  });

  it("mixes statuses in one batch: 207 with per-call results", async () => {
    use(createMockApi());
    const res = await fetch(
      `${BASE}/auth.me,alerts.get?batch=1&input=${encodeURIComponent('{"1":{"id":999}}')}`,
    );
    expect(res.status).toBe(207);
    const body = (await res.json()) as unknown[];
    expect(body[0]).toEqual({
      result: { data: { id: "mock-user-admin", username: "admin", role: "admin", via: "session" } },
    });
    expect(body[1]).toEqual({
      error: {
        message: "no alert 999",
        code: -32004,
        data: { code: "NOT_FOUND", httpStatus: 404, path: "alerts.get", issues: null },
      },
    });
  });

  it("works with httpLink too (no batch)", async () => {
    use(createMockApi());
    const trpc = createTRPCClient<AppRouter>({ links: [httpLink({ url: BASE })] });
    expect((await trpc.auth.me.query()).username).toBe("admin");
    expect(await codeOf(trpc.alerts.get.query({ id: 424242 }))).toBe("NOT_FOUND");
  });

  it("streams a subscription over SSE to httpSubscriptionLink", async () => {
    const api = use(createMockApi());
    const trpc = client();
    const got: unknown[] = [];
    let started = false;
    const sub = trpc.alerts.onChange.subscribe(undefined, {
      onStarted: () => {
        started = true;
      },
      onData: (d) => got.push(d),
    });
    await expect.poll(() => started).toBe(true);
    await expect.poll(() => got.length).toBe(1);
    await trpc.alerts.acknowledge.mutate({ id: 1 });
    await expect.poll(() => got.length).toBe(2);
    // Tracked, as the server's: each event with the id the link resumes after on reconnect.
    expect(got).toEqual([
      { id: "0", data: { type: "hello" } },
      { id: "1", data: { type: "alert", alertId: 1, state: "acknowledged", change: "acknowledged" } },
    ]);
    expect(api.subscriberCount()).toBe(1);
    sub.unsubscribe();
    await expect.poll(() => api.subscriberCount()).toBe(0);
  });

  it("frames SSE exactly like tRPC's sseStreamProducer", async () => {
    const api = use(createMockApi());
    const ctl = new AbortController();
    const res = await fetch(`${BASE}/alerts.onChange`, {
      headers: { accept: "text/event-stream" },
      signal: ctl.signal,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/event-stream");
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = "";
    while (!text.includes('data: {"type":"hello"}')) text += (await reader.read()).value ?? "";
    api.emit({ type: "silence", silenceId: "mock-silence-0001" });
    while (!text.includes("silence")) text += (await reader.read()).value ?? "";
    expect(text).toBe(
      'event: connected\ndata: {}\n\n\ndata: {"type":"hello"}\nid: 0\n\n\ndata: {"type":"silence","silenceId":"mock-silence-0001"}\nid: 1\n\n\n',
    );
    await reader.cancel();
    ctl.abort();
  });

  it("resumes after lastEventId with the events missed, like the server (unknown ids: hello)", async () => {
    const api = use(createMockApi());
    for (const n of ["1", "2", "3"]) api.emit({ type: "silence", silenceId: `mock-silence-000${n}` });
    const read = async (input: unknown, until: string) => {
      const ctl = new AbortController();
      const q = encodeURIComponent(JSON.stringify(input));
      const res = await fetch(`${BASE}/alerts.onChange?input=${q}`, {
        headers: { accept: "text/event-stream" },
        signal: ctl.signal,
      });
      const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
      let text = "";
      while (!text.includes(until)) text += (await reader.read()).value ?? "";
      await reader.cancel();
      ctl.abort();
      return text.split("\n\n\n").filter((f) => f.startsWith("data:"));
    };
    expect(await read({ lastEventId: "1" }, "id: 3")).toEqual([
      'data: {"type":"silence","silenceId":"mock-silence-0002"}\nid: 2',
      'data: {"type":"silence","silenceId":"mock-silence-0003"}\nid: 3',
    ]);
    expect(await read({ lastEventId: "99" }, "hello")).toEqual(['data: {"type":"hello"}\nid: 3']);
  });

  it("sends UNAUTHORIZED on a subscription as a serialized-error event", async () => {
    use(createMockApi({ scenario: "loggedOut" }));
    const res = await fetch(`${BASE}/alerts.onChange`, { headers: { accept: "text/event-stream" } });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(
      'event: connected\ndata: {}\n\n\nevent: serialized-error\ndata: {"message":"log in first","code":-32001,"data":{"code":"UNAUTHORIZED","httpStatus":401,"path":"alerts.onChange","issues":null}}\n\n\n',
    );
  });

  it("never answers in the loading scenario", async () => {
    use(createMockApi({ scenario: "loading" }));
    const ctl = new AbortController();
    const p = fetch(`${BASE}/auth.me?batch=1`, { signal: ctl.signal });
    const winner = await Promise.race([
      p.then(() => "answered"),
      new Promise((r) => setTimeout(() => r("pending"), 100)),
    ]);
    expect(winner).toBe("pending");
    ctl.abort();
    await p.catch(() => undefined);
  });
});
