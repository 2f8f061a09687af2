import { passwordSchema, roleSchema, usernameSchema } from "@netops/protocols";
import { z } from "zod";
import { auditedChange } from "../services/auth";
import { adminProcedure, audit, router } from "../trpc";
import { assertNewPassword } from "./password-input";
import { DomainError } from "../errors";

type UserRow = {
  id: string;
  username: string;
  role: string;
  disabled: boolean;
  createdAt: Date;
  lastLoginAt: Date | null;
};
const view = (u: UserRow) => ({
  id: u.id,
  username: u.username,
  role: roleSchema.parse(u.role),
  disabled: u.disabled,
  createdAt: u.createdAt.toISOString(),
  lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
});

export const usersRouter = router({
  list: adminProcedure.query(async ({ ctx }) => {
    const rows = await ctx.services.db.user.findMany({ orderBy: { username: "asc" } });
    return rows.map(view);
  }),

  create: adminProcedure
    .input(z.object({ username: usernameSchema, password: passwordSchema, role: roleSchema }))
    .mutation(async ({ ctx, input }) => {
      const exists = await ctx.services.db.user.findUnique({ where: { username: input.username } });
      if (exists) throw new DomainError("conflict", `username: ${input.username} exists already`);
      assertNewPassword("password", input.password, input.username);
      const u = view(await ctx.services.auth.createUser(input.username, input.password, input.role));
      await audit(ctx, "users.create", u.username, null, u);
      return u;
    }),

  /** A role change ends the user's sessions (they log in again with the new role); tokens only if asked. */
  setRole: adminProcedure
    .input(
      z.object({ id: z.string().min(1).max(64), role: roleSchema, revokeTokens: z.boolean().default(false) }),
    )
    .mutation(async ({ ctx, input }) => {
      const before = await ctx.services.db.user.findUnique({ where: { id: input.id } });
      if (!before) throw new DomainError("not-found", "no such user");
      if (before.id === ctx.user.id && input.role !== "admin") {
        throw new DomainError("invalid", "role: you cannot demote yourself; ask another admin");
      }
      // Same role: nothing changes, so nobody is logged out.
      if (before.role === input.role) return { ...view(before), sessionsEnded: 0, tokensRevoked: 0 };
      const ended = await ctx.services.auth.setRole(before.id, input.role, {
        revokeTokens: input.revokeTokens,
      });
      const after = await ctx.services.db.user.findUniqueOrThrow({ where: { id: input.id } });
      await audit(ctx, "users.setRole", after.username, view(before), {
        ...view(after),
        ...auditedChange(ended),
      });
      return { ...view(after), ...ended };
    }),

  setDisabled: adminProcedure
    .input(z.object({ id: z.string().min(1).max(64), disabled: z.boolean() }))
    .mutation(async ({ ctx, input }) => {
      const before = await ctx.services.db.user.findUnique({ where: { id: input.id } });
      if (!before) throw new DomainError("not-found", "no such user");
      if (before.id === ctx.user.id) throw new DomainError("invalid", "id: you cannot disable yourself");
      // Disabling ends the sessions in the same transaction (tokens of a disabled user are refused).
      const after = await ctx.services.auth.setDisabled(input.id, input.disabled);
      await audit(ctx, "users.setDisabled", after.username, view(before), view(after));
      return view(after);
    }),

  /** A reset ends the user's sessions (all but the caller's own); their API tokens too if asked. */
  resetPassword: adminProcedure
    .input(
      z.object({
        id: z.string().min(1).max(64),
        password: passwordSchema,
        revokeTokens: z.boolean().default(false),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const u = await ctx.services.db.user.findUnique({ where: { id: input.id } });
      if (!u) throw new DomainError("not-found", "no such user");
      assertNewPassword("password", input.password, u.username);
      const ended = await ctx.services.auth.setPassword(u.id, input.password, {
        revokeTokens: input.revokeTokens,
        keepSessionId: u.id === ctx.user.id ? ctx.user.sessionId : undefined,
      });
      await audit(ctx, "users.resetPassword", u.username, null, auditedChange(ended));
      return { ok: true, ...ended };
    }),
});
