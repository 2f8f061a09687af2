/**
 * The handlers must answer exactly as tRPC's own fetch adapter does. A small router is served both by
 * @trpc/server (fetchRequestHandler) and by createTrpcHandlers with equivalent resolvers; every request
 * must get the same status, content type and body.
 */
import { initTRPC, TRPCError } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTrpcHandlers, mockError, type TrpcResolvers } from "../src";

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
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterAll(() => server.close());

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
