import { passwordSchema, secret } from "@netops/protocols";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { clearSessionCookie, sessionCookie } from "../context";
import { DomainError } from "../errors";
import { sha256Hex } from "../services/crypto";
import { audit, publicProcedure, router, viewerProcedure } from "../trpc";
import { assertNewPassword } from "./password-input";

export const authRouter = router({
  login: publicProcedure
    .input(z.object({ username: z.string().min(1).max(64), password: secret(z.string().min(1).max(256)) }))
    .mutation(async ({ ctx, input }) => {
      const { auth, limiter, audit: log } = ctx.services;
      // Counted before the password is checked (see LoginLimiter): parallel calls cannot overtake it.
      const r = await limiter.reserve(ctx.req.ip, input.username);
      if ("wait" in r) {
        throw new TRPCError({
          code: "TOO_MANY_REQUESTS",
          message: `too many failed logins; try again in ${r.wait} s`,
        });
      }
      let user: Awaited<ReturnType<typeof auth.checkPassword>>;
      try {
        user = await auth.checkPassword(input.username, input.password);
      } catch (e) {
        await r.attempt.cancel().catch(() => {});
        throw e;
      }
      ctx.audit.written = true;
      if (!user) {
        await r.attempt.failed();
        await log.record({
          actorId: null,
          actorName: input.username,
          action: "auth.login",
          ip: ctx.req.ip,
          ok: false,
        });
        throw new TRPCError({ code: "UNAUTHORIZED", message: "wrong username or password" });
      }
      await r.attempt.succeeded();
      const ua = ctx.req.headers["user-agent"];
      const { secret, expiresAt } = await auth.createSession(user.id, {
        ip: ctx.req.ip,
        userAgent: Array.isArray(ua) ? ua[0] : ua,
      });
      // No session without its audit entry: if the entry cannot be stored, the session is dropped.
      try {
        await log.record({
          actorId: user.id,
          actorName: user.username,
          action: "auth.login",
          ip: ctx.req.ip,
        });
      } catch (e) {
        await auth.endSession(sha256Hex(secret)).catch(() => {});
        throw e;
      }
      ctx.req.setCookie(sessionCookie(secret, (expiresAt.getTime() - Date.now()) / 1000, ctx.req.secure));
      return { username: user.username, role: user.role, expiresAt: expiresAt.toISOString() };
    }),

  logout: publicProcedure.mutation(async ({ ctx }) => {
    if (ctx.user?.sessionId) {
      await ctx.services.auth.endSession(ctx.user.sessionId);
      await audit(ctx, "auth.logout", ctx.user.username, null, null);
    }
    ctx.audit.written = true;
    ctx.req.setCookie(clearSessionCookie(ctx.req.secure));
    return { ok: true };
  }),

  me: viewerProcedure.query(({ ctx }) => ({
    id: ctx.user.id,
    username: ctx.user.username,
    role: ctx.user.role,
    via: ctx.user.via,
  })),

  changePassword: viewerProcedure
    .input(z.object({ current: secret(z.string().min(1).max(256)), next: passwordSchema }))
    .mutation(async ({ ctx, input }) => {
      const ok = await ctx.services.auth.checkPassword(ctx.user.username, input.current);
      if (!ok) throw new DomainError("invalid", "current: the current password is wrong");
      assertNewPassword("next", input.next, ctx.user.username);
      // Every other session ends (one opened with the old password may be someone else's); this one stays.
      const ended = await ctx.services.auth.setPassword(ctx.user.id, input.next, {
        keepSessionId: ctx.user.sessionId,
      });
      await audit(ctx, "auth.changePassword", ctx.user.username, null, {
        sessionsEnded: ended.sessionsEnded,
      });
      return { ok: true };
    }),
});
