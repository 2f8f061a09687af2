/**
 * The handlers must answer exactly as tRPC's own fetch adapter does. A small router is served both by
 * @trpc/server (fetchRequestHandler) and by createTrpcHandlers with equivalent resolvers; every request
 * must get the same status, content type and body.
 *
 * Then the API itself: the same queries go to the real API (appRouter on SQLite seeded with the mock
 * fixtures, test/parity-backends.ts) and to the mock API, and must agree: lease search by MAC in
 * every notation, alert filters and paging, alert state changes, roles.
 */
import { initTRPC, TRPCError } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTrpcHandlers, mockError, type TrpcResolvers } from "../src";
import { dateFields } from "../../api/test/dhcp/iso-dates";
import { MOCK, type ParityBackends, parityBackends, REAL } from "./parity-backends";

const t = initTRPC.create({ isDev: false });
type Item = { id: number; name: string };
const items: Item[] = [
  { id: 1, name: "example-one" },
  { id: 2, name: "example-two" },
];
const router = t.router({
  items: t.router({
    list: t.procedure.query(() => items),
    get: t.procedure
      .input((raw: unknown) => raw as { id: number })
      .query(({ input }) => {
        const it = items.find((i) => i.id === input.id);
        if (!it) throw new TRPCError({ code: "NOT_FOUND", message: `no item ${input.id}` });
        return it;
      }),
    rename: t.procedure
      .input((raw: unknown) => raw as { id: number; name: string })
      .mutation(({ input }) => ({ id: input.id, name: input.name })),
    secret: t.procedure.query((): Item => {
      throw new TRPCError({ code: "UNAUTHORIZED", message: "log in first" });
    }),
  }),
  ticks: t.procedure
    .input((raw: unknown) => raw as { n: number })
    .subscription(async function* ({ input }) {
      for (let i = 0; i < input.n; i++) yield { tick: i };
    }),
  denied: t.procedure.subscription(async function* () {
    yield { tick: 0 };
    throw new TRPCError({ code: "FORBIDDEN", message: "not for you" });
  }),
});

const resolvers: TrpcResolvers<typeof router> = {
  "items.list": () => items,
  "items.get": (input) => {
    const it = items.find((i) => i.id === input.id);
    if (!it) throw mockError("NOT_FOUND", `no item ${input.id}`);
    return it;
  },
  "items.rename": (input) => ({ id: input.id, name: input.name }),
  "items.secret": () => {
    throw mockError("UNAUTHORIZED", "log in first");
  },
  ticks: async function* (input) {
    for (let i = 0; i < input.n; i++) yield { tick: i };
  },
  denied: async function* () {
    yield { tick: 0 };
    throw mockError("FORBIDDEN", "not for you");
  },
};

const server = setupServer(
  http.all("http://real.test/trpc/*", ({ request }) =>
    fetchRequestHandler({ endpoint: "/trpc", req: request, router, createContext: () => ({}) }),
  ),
  ...createTrpcHandlers<typeof router>("http://mock.test/trpc", resolvers),
);
let backends: ParityBackends;
beforeAll(async () => {
  backends = await parityBackends();
  server.use(...backends.handlers);
  server.listen({ onUnhandledRequest: "error" });
});
afterAll(async () => {
  server.close();
  await backends.close();
});

async function both(pathAndQuery: string, init?: RequestInit) {
  const get = async (origin: string) => {
    const res = await fetch(`${origin}/trpc/${pathAndQuery}`, init);
    return { status: res.status, type: res.headers.get("content-type"), body: await res.text() };
  };
  return [await get("http://real.test"), await get("http://mock.test")] as const;
}

const enc = (v: unknown) => encodeURIComponent(JSON.stringify(v));
const json = { "content-type": "application/json" };

describe("wire parity with @trpc/server", () => {
  const cases: [string, string, RequestInit?][] = [
    ["batched queries", `items.list,items.get?batch=1&input=${enc({ 1: { id: 2 } })}`],
    ["batch with an error (207)", `items.get,items.get?batch=1&input=${enc({ 0: { id: 1 }, 1: { id: 9 } })}`],
    ["batch, all failing", `items.secret,items.get?batch=1&input=${enc({ 1: { id: 9 } })}`],
    ["single query (httpLink)", `items.get?input=${enc({ id: 1 })}`],
    ["single failing query", "items.secret"],
    ["unknown procedure", "items.nope?batch=1&input=%7B%7D"],
    [
      "batched mutation",
      "items.rename?batch=1",
      { method: "POST", headers: json, body: JSON.stringify({ 0: { id: 1, name: "example-renamed" } }) },
    ],
    [
      "single mutation",
      "items.rename",
      { method: "POST", headers: json, body: JSON.stringify({ id: 2, name: "x" }) },
    ],
    ["subscription (SSE)", `ticks?input=${enc({ n: 3 })}`, { headers: { accept: "text/event-stream" } }],
    ["subscription that throws", "denied", { headers: { accept: "text/event-stream" } }],
  ];
  for (const [name, url, init] of cases) {
    it(name, async () => {
      const [real, mock] = await both(url, init);
      expect(mock).toEqual(real);
    });
  }
});

interface Reply {
  status: number;
  data?: unknown;
  error?: { message: string; code: string; issues: unknown };
}

/** One call through `base` (real or mock), as the web client's httpLink sends it. */
async function call(base: string, path: string, input: unknown, kind: "query" | "mutation"): Promise<Reply> {
  const res =
    kind === "query"
      ? await fetch(`${base}/${path}${input === undefined ? "" : `?input=${enc(input)}`}`)
      : await fetch(`${base}/${path}`, { method: "POST", headers: json, body: JSON.stringify(input) });
  const body = (await res.json()) as {
    result?: { data: unknown };
    error?: { message: string; data: { code: string; issues: unknown } };
  };
  return body.error
    ? {
        status: res.status,
        error: { message: body.error.message, code: body.error.data.code, issues: body.error.data.issues },
      }
    : { status: res.status, data: body.result?.data };
}

/** The same call through the real API and the mock API; `view` picks what both must agree on. */
async function agree(
  path: string,
  input: unknown,
  kind: "query" | "mutation" = "query",
  view: (data: unknown) => unknown = (d) => d,
) {
  const [real, mock] = [await call(REAL, path, input, kind), await call(MOCK, path, input, kind)];
  const shown = (r: Reply) => (r.error ? r : { status: r.status, data: view(r.data) });
  expect(shown(mock)).toEqual(shown(real));
  return shown(real);
}

type Page = { items: Record<string, unknown>[]; nextCursor: unknown };
const leaseView = (d: unknown) => {
  const p = d as Page;
  return {
    items: p.items.map((l) => [
      l.id,
      l.address,
      l.hwAddress,
      l.hostname,
      l.state,
      l.effectiveState,
      l.starts,
      l.ends,
      l.cltt,
      l.sourceName,
    ]),
    nextCursor: p.nextCursor,
  };
};
const alertView = (d: unknown) => {
  const p = d as Page;
  return { items: p.items.map((a) => [a.id, a.state, a.silencedBy]), nextCursor: p.nextCursor };
};

describe("API parity: the mock API answers as the real API on the same data", () => {
  describe("dhcp.leases", () => {
    // One lease has MAC 00:1a:2b:3c:4d:5e, the others 02:00:5e:00:00:NN; every notation of a
    // prefix must find them.
    for (const mac of [
      "00:1a:2b",
      "001a2b",
      "00-1A-2B",
      "001a.2b",
      "02:00:5e",
      "02005e",
      "02-00-5E",
      "0200.5e",
      "02:00:5e:00:00:1",
      "02005e00001",
    ]) {
      it(`finds leases by MAC prefix typed as ${mac}`, async () => {
        const r = await agree("dhcp.leases", { mac, limit: 5 }, "query", leaseView);
        expect((r.data as { items: unknown[] }).items.length).toBeGreaterThan(0);
      });
    }
    it("filters by hostname, state, source and CIDR", async () => {
      await agree("dhcp.leases", { hostname: "  HOST-1", limit: 20 }, "query", leaseView);
      await agree("dhcp.leases", { hostname: "laptop" }, "query", leaseView);
      await agree("dhcp.leases", { state: ["declined"] }, "query", leaseView);
      await agree("dhcp.leases", { sourceId: [2] }, "query", leaseView);
      await agree("dhcp.leases", { cidr: "192.0.2.16/28" }, "query", leaseView);
      await agree("dhcp.leases", { mac: "zz", limit: 3 }, "query", leaseView);
    });
    it("pages with the same cursors to the end", async () => {
      let cursor: unknown;
      for (let n = 0; n < 10; n++) {
        const r = await agree(
          "dhcp.leases",
          { limit: 25, ...(cursor ? { cursor } : {}) },
          "query",
          leaseView,
        );
        cursor = (r.data as Page).nextCursor;
        if (!cursor) break;
      }
      expect(cursor).toBeNull();
    });
    it("refuses a malformed cursor alike", async () => {
      await agree("dhcp.leases", { cursor: "v4:c0000201" });
    });
    it("exports the same CSV, times included", async () => {
      const csv = await agree("dhcp.exportCsv", {});
      expect(csv.data).toMatchObject({ csv: expect.stringContaining(",2026-11-21T06:50:00.000Z,") });
      await agree("dhcp.exportCsv", { sourceId: [2] });
      await agree("dhcp.exportCsv", { hostname: "laptop" });
    });
    it("sends every date as an ISO string, in both APIs", async () => {
      for (const base of [REAL, MOCK]) {
        const leases = await call(base, "dhcp.leases", { limit: 100 }, "query");
        const first = (leases.data as Page).items[0];
        const lease = await call(base, "dhcp.lease", { id: first?.id }, "query");
        const overview = await call(base, "dhcp.overview", undefined, "query");
        const found = dateFields({ leases, lease, overview });
        expect(found.bad, base).toEqual([]);
        expect(found.seen.filter((p) => /\.(starts|ends|cltt)$/.test(p)).length, base).toBeGreaterThan(0);
      }
    });
  });

  describe("alerts", () => {
    it("lists with every filter", async () => {
      await agree("alerts.list", {}, "query", alertView);
      await agree("alerts.list", { state: ["firing"] }, "query", alertView);
      await agree("alerts.list", { severity: ["critical", "info"] }, "query", alertView);
      await agree("alerts.list", { source: ["system"] }, "query", alertView);
      await agree("alerts.list", { q: "EXAMPLE-PAGER" }, "query", alertView);
      await agree("alerts.list", { q: "job" }, "query", alertView);
      await agree("alerts.list", { silenced: "only" }, "query", alertView);
      await agree("alerts.list", { silenced: "exclude" }, "query", alertView);
      for (const sort of [
        "severity",
        "lastSeen",
        "firstSeen",
        "count",
        "state",
        "source",
        "summary",
      ] as const)
        for (const order of ["desc", "asc"] as const)
          await agree("alerts.list", { sort, order }, "query", alertView);
      await agree("alerts.list", { sort: "severity", cursor: "count.desc:1.1" }, "query");
    });
    it("counts alike: firing and not silenced, acknowledged and silenced apart", async () => {
      await agree("alerts.counts", undefined, "query");
    });
    it("pages with the same cursors, including a page that ends exactly at the last alert", async () => {
      for (const [limit, sort] of [
        [1, "severity"],
        [2, "severity"],
        [5, "lastSeen"],
        [6, "severity"],
        [2, "state"],
      ] as const) {
        let cursor: unknown;
        for (let n = 0; n < 10; n++) {
          const r = await agree(
            "alerts.list",
            { limit, sort, ...(cursor ? { cursor } : {}) },
            "query",
            alertView,
          );
          cursor = (r.data as Page).nextCursor;
          if (!cursor) break;
        }
      }
    });
    it("moves through acknowledge, unacknowledge and resolve alike", async () => {
      const state = (d: unknown) => (d as { state: string; acknowledgedBy: string | null }).state;
      await agree("alerts.acknowledge", { id: 1 }, "mutation", state);
      await agree("alerts.acknowledge", { id: 1 }, "mutation", state);
      await agree("alerts.unacknowledge", { id: 1 }, "mutation", state);
      await agree("alerts.acknowledge", { id: 5 }, "mutation", state);
      await agree("alerts.resolve", { id: 2 }, "mutation", state);
      await agree("alerts.unacknowledge", { id: 2 }, "mutation", state);
      await agree("alerts.acknowledge", { id: 999 }, "mutation", state);
      await agree("alerts.active", undefined, "query", (d) => (d as { id: number }[]).map((a) => a.id));
    });
  });

  describe("bgp", () => {
    const ids = (d: unknown) => {
      const p = d as Page;
      return { items: p.items.map((e) => e.id), nextCursor: p.nextCursor };
    };
    it("filters events alike (text and peer as SQLite's contains finds them)", async () => {
      for (const input of [
        {},
        { q: "example" },
        { q: "EXAMPLE: [ref056255]" },
        { q: "Плановые" },
        { peer: "192.0.2" },
        { peer: "TO_PEER" },
        { kind: "down" as const },
        { router: "rtr1.example.net", dir: "received" as const },
        { code: 6, subcode: 2 },
        { source: "syslog" as const },
        { q: "  upgrading  " },
        { from: "2026-11-21T06:00:00+02:00" },
        { to: "2026-11-21T05:00:00.000Z", limit: 3 },
      ])
        await agree("bgp.events", input, "query", ids);
    });
    it("refuses bad filters alike", async () => {
      await agree("bgp.events", { cursor: "yesterday" });
      await agree("bgp.events", { q: "   " });
      await agree("bgp.unparsed", { limit: 0 });
    });
    it("pages events and unparsed lines with the same cursors", async () => {
      for (const path of ["bgp.events", "bgp.unparsed"]) {
        let cursor: unknown;
        for (let n = 0; n < 10; n++) {
          const r = await agree(path, { limit: 2, ...(cursor ? { cursor } : {}) }, "query", ids);
          cursor = (r.data as Page).nextCursor;
          if (!cursor) break;
        }
        expect(cursor).toBeNull();
      }
    });
  });

  describe("audit", () => {
    it("refuses bad filters alike", async () => {
      await agree("audit.list", { limit: 0 });
      await agree("audit.list", { cursor: -1 });
      await agree("audit.list", { actor: "x".repeat(65) });
    });
  });

  describe("roles", () => {
    it("refuses what the router refuses", async () => {
      backends.signIn("viewer");
      try {
        await agree("alerts.acknowledge", { id: 3 }, "mutation");
        await agree("audit.list", {});
        await agree("dhcp.overview", undefined, "query", () => "ok");
        await agree("users.list", undefined);
      } finally {
        backends.signIn("admin");
      }
    });
  });
});
