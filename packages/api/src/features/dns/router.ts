import { octetInputParser } from "@trpc/server/http";
import { z } from "zod";
import { DomainError } from "../../errors";
import { adminProcedure, audit, operatorProcedure, router, viewerProcedure } from "../../trpc";
import { zoneCreateSchema, zoneUpdateSchema } from "./schemas";

/** Largest ad hoc upload; the server's maxBodyBytes caps it too. */
export const MAX_UPLOAD_BYTES = 64 * 1024 * 1024;

const idInput = z.object({ id: z.string().min(1).max(64) });

async function* chunks(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
}

export const dnsRouter = router({
  list: viewerProcedure.query(({ ctx }) => ctx.services.dns.list()),

  get: viewerProcedure
    .input(idInput.extend({ historyLimit: z.number().int().min(1).max(500).default(200) }))
    .query(({ ctx, input }) => ctx.services.dns.get(input.id, input.historyLimit)),

  /** A zone by its natural name (`/dns/corrupt.example`), with or without the trailing dot. */
  getByName: viewerProcedure
    .input(
      z.object({
        name: z.string().min(1).max(255),
        historyLimit: z.number().int().min(1).max(500).default(200),
      }),
    )
    .query(async ({ ctx, input }) => {
      const lower = input.name.trim().toLowerCase();
      const zone = await ctx.services.dns.findByName(lower.endsWith(".") ? lower : `${lower}.`);
      if (!zone) throw new DomainError("not-found", `no watched zone named ${input.name}`, "name");
      return ctx.services.dns.get(zone.id, input.historyLimit);
    }),

  /** Fetch and verify now, and ask the servers for their serials. */
  checkNow: operatorProcedure.input(idInput).mutation(async ({ ctx, input }) => {
    const check = await ctx.services.dns.checkNow(input.id, "manual");
    const servers = await ctx.services.dns.pollServers(input.id);
    const { zone } = await ctx.services.dns.get(input.id, 1);
    await audit(ctx, "dns.checkNow", zone.name, null, {
      checkId: check.id,
      status: check.status,
      serial: check.serial,
    });
    return { check, servers };
  }),

  create: adminProcedure.input(zoneCreateSchema).mutation(async ({ ctx, input }) => {
    const zone = await ctx.services.dns.create(input);
    await audit(ctx, "dns.create", zone.name, null, zone);
    return zone;
  }),

  update: adminProcedure.input(zoneUpdateSchema).mutation(async ({ ctx, input }) => {
    const { before, after } = await ctx.services.dns.update(input);
    await audit(ctx, "dns.update", after.name, before, after);
    return after;
  }),

  remove: adminProcedure.input(idInput).mutation(async ({ ctx, input }) => {
    const zone = await ctx.services.dns.remove(input.id);
    await audit(ctx, "dns.remove", zone.name, zone, null);
    return { ok: true };
  }),

  /** Ad hoc verification of an uploaded zone file (application/octet-stream body); nothing is stored. */
  verifyUpload: viewerProcedure.input(octetInputParser).mutation(async ({ ctx, input }) => {
    const verdict = await ctx.services.dns.verifyUpload(chunks(input), MAX_UPLOAD_BYTES);
    await audit(ctx, "dns.verifyUpload", verdict.origin, null, {
      status: verdict.status,
      serial: verdict.soaSerial,
      records: verdict.records,
      bytes: verdict.bytes,
    });
    return verdict;
  }),
});
