/**
 * Type-level tests: they run under `tsc -p packages/mocks/tsconfig.json` (the @ts-expect-error lines
 * must stay errors) and as ordinary Vitest tests.
 */
import type { AppRouter, RouterOutputs } from "@netops/api";
import { describe, expect, expectTypeOf, it } from "vitest";
import {
  alertFixture,
  createMockApi,
  type MockResolvers,
  type ResolverOutput,
  type RouterPath,
  type TrpcResolvers,
} from "../src";

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const assertType = <T extends true>(_: T) => _;

describe("resolver types follow the router", () => {
  it("has one required key per procedure path", () => {
    assertType<Equal<keyof MockResolvers, RouterPath<AppRouter>>>(true);
    expectTypeOf<"alerts.list">().toExtend<RouterPath<AppRouter>>();
    expectTypeOf<"alerts.onChange">().toExtend<RouterPath<AppRouter>>();
    expectTypeOf<"alerts">().not.toExtend<RouterPath<AppRouter>>();
    // @ts-expect-error -- not a procedure of the router
    const _nope: RouterPath<AppRouter> = "alerts.nope";
    expect(Object.keys(createMockApi().resolvers).length).toBeGreaterThan(30);
  });

  it("types outputs by the router (queries: the result; subscriptions: one event)", () => {
    assertType<Equal<ResolverOutput<AppRouter, "auth.me">, RouterOutputs["auth"]["me"]>>(true);
    assertType<
      Equal<
        ResolverOutput<AppRouter, "alerts.onChange">,
        RouterOutputs["alerts"]["onChange"] extends AsyncIterable<infer E> ? E : never
      >
    >(true);
    // The type checks above fail under tsc; at run time, the resolvers they describe must exist.
    const { resolvers } = createMockApi();
    expect(typeof resolvers["auth.me"]).toBe("function");
    expect(typeof resolvers["alerts.onChange"]).toBe("function");
  });

  it("accepts the real mock resolvers (satisfies) and rejects wrong shapes", () => {
    const api = createMockApi();
    const all = api.resolvers satisfies TrpcResolvers<AppRouter>;

    const good = {
      "auth.me": () => ({ id: "u1", username: "example", role: "viewer" as const, via: "session" as const }),
      "alerts.active": () => [alertFixture()],
    } satisfies Partial<TrpcResolvers<AppRouter>>;

    const bad: Partial<TrpcResolvers<AppRouter>> = {
      // @ts-expect-error -- `via` must be "session" | "token"
      "auth.me": () => ({ id: "u1", username: "example", role: "viewer", via: "cookie" }),
    };
    const badAsync: Partial<TrpcResolvers<AppRouter>> = {
      // @ts-expect-error -- items is missing: not the shape of alerts.list
      "alerts.list": async () => ({ nextCursor: null }),
    };
    const badInput: Partial<TrpcResolvers<AppRouter>> = {
      // @ts-expect-error -- alerts.get takes { id: number }, it has no `name`
      "alerts.get": (input: { name: string }) => ({
        alert: alertFixture(),
        events: [],
        deliveries: [],
        note: input.name,
      }),
    };
    // @ts-expect-error -- every procedure needs a resolver
    const missing: TrpcResolvers<AppRouter> = { ...good };

    expect([all, good, bad, badAsync, badInput, missing]).toHaveLength(6);
  });
});
