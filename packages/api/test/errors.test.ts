/** A service's DomainError is answered with its kind's code by every procedure (trpc.ts, once). */
import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import type { Context } from "../src/context";
import { DOMAIN_ERROR_CODES, DomainError, type DomainErrorKind } from "../src/errors";
import { createCallerFactory, publicProcedure, router } from "../src/trpc";
import { z } from "zod";

const r = router({
  fail: publicProcedure.input(z.object({ kind: z.string() })).query(({ input }): never => {
    throw new DomainError(input.kind as DomainErrorKind, `name: refused as ${input.kind}`, "name");
  }),
  crash: publicProcedure.query((): never => {
    throw new Error("a bug");
  }),
});

const errors: unknown[] = [];
const ctx = {
  services: { logger: { error: (o: unknown) => errors.push(o) } },
  req: { method: "GET", headers: {}, ip: "127.0.0.1", secure: false, setCookie: () => {} },
  user: null,
  audit: { written: false },
} as unknown as Context;
const caller = createCallerFactory(r)(ctx);

describe("DomainError", () => {
  it.each(Object.entries(DOMAIN_ERROR_CODES))(
    "%s is answered as %s with the service's message",
    async (kind, code) => {
      const e = await caller.fail({ kind }).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(TRPCError);
      expect([(e as TRPCError).code, (e as TRPCError).message]).toEqual([code, `name: refused as ${kind}`]);
      expect(((e as TRPCError).cause as DomainError).field).toBe("name");
    },
  );

  it("is not logged as a server fault; other errors still are", async () => {
    errors.length = 0;
    await caller.fail({ kind: "not-found" }).catch(() => {});
    expect(errors).toHaveLength(0);
    const e = await caller.crash().catch((x: unknown) => x);
    expect((e as TRPCError).code).toBe("INTERNAL_SERVER_ERROR");
    expect(errors).toHaveLength(1);
  });
});
