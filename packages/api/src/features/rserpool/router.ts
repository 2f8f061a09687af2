// tRPC procedures of the RSerPool page. Data arrives through the listeners and capture imports.
import { octetInputParser } from "@trpc/server/http";
import { z } from "zod";
import { DomainError } from "../../errors";
import { audit, operatorProcedure, router, viewerProcedure } from "../../trpc";
import { CaptureTooLarge } from "./import";

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

export const EVENT_KINDS = [
  "registrar-found",
  "registered",
  "re-registered",
  "load-changed",
  "deregistered",
  "expired",
  "unreachable",
  "home-changed",
  "takeover-started",
  "taken-over",
  "registrar-lost",
] as const;

export const rserpoolEventFilterSchema = z.object({
  kinds: z.array(z.enum(EVENT_KINDS)).max(EVENT_KINDS.length).optional(),
  pool: z.string().min(1).max(255).optional(),
  peId: z
    .string()
    .regex(/^0x[0-9a-f]{8}$/, "a PE id like 0xde000001")
    .optional(),
  limit: z.number().int().min(1).max(500).default(100),
  beforeId: z.number().int().positive().optional(),
});

export const rserpoolRouter = router({
  overview: viewerProcedure.query(({ ctx }) => ctx.services.rserpool.overview()),
  events: viewerProcedure
    .input(rserpoolEventFilterSchema)
    .query(({ ctx, input }) => ctx.services.rserpool.events(input)),
  /** Imports a pcap/pcapng (application/octet-stream body): its handlespace and events are stored. */
  importCapture: operatorProcedure.input(octetInputParser).mutation(async ({ ctx, input }) => {
    try {
      const r = await ctx.services.rserpool.importCapture("uploaded capture", chunks(input));
      await audit(ctx, "rserpool.importCapture", `capture ${r.captureId}`, null, {
        frames: r.stats.frames,
        bytes: r.stats.bytes,
        messages: r.stats.asap + r.stats.enrp,
        errors: r.stats.errors,
        issues: r.issues.length,
      });
      return r;
    } catch (e) {
      if (e instanceof CaptureTooLarge) throw new DomainError("invalid", e.message);
      throw e;
    }
  }),
});
