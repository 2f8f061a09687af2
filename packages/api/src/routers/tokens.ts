import { z } from "zod";
import { adminProcedure, audit, router, viewerProcedure } from "../trpc";
import { DomainError } from "../errors";

type TokenRow = {
  id: string;
  name: string;
  hint: string;
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
};
const view = (t: TokenRow) => ({
  id: t.id,
  name: t.name,
  hint: `secret-token:netops_${t.hint}…`,
  createdAt: t.createdAt.toISOString(),
  expiresAt: t.expiresAt?.toISOString() ?? null,
  lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
  revokedAt: t.revokedAt?.toISOString() ?? null,
});

/** API tokens act as the user who made them, with that user's role. */
export const tokensRouter = router({
  list: viewerProcedure.query(async ({ ctx }) => {
    const rows = await ctx.services.db.apiToken.findMany({
      where: { userId: ctx.user.id },
      orderBy: { createdAt: "desc" },
    });
    return rows.map(view);
  }),

  /** Every user's tokens, for admins: who holds what, what is still in use, what to revoke. */
  listAll: adminProcedure.query(async ({ ctx }) => {
    const rows = await ctx.services.db.apiToken.findMany({
      include: { user: { select: { id: true, username: true, disabled: true } } },
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    });
    return rows.map((t) => ({ ...view(t), owner: t.user }));
  }),

  create: viewerProcedure
    .input(
      z.object({
        name: z.string().trim().min(1).max(64),
        expiresInDays: z.number().int().min(1).max(3650).nullable().default(null),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const expires = input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86_400_000) : null;
      const { token, row } = await ctx.services.auth.createToken(ctx.user.id, input.name, expires);
      await audit(ctx, "tokens.create", input.name, null, view(row));
      // The only time the token itself leaves the server.
      return { token, info: view(row) };
    }),

  revoke: viewerProcedure
    .input(z.object({ id: z.string().min(1).max(64) }))
    .mutation(async ({ ctx, input }) => {
      const before = await ctx.services.db.apiToken.findUnique({
        where: { id: input.id },
        include: { user: { select: { username: true } } },
      });
      // Admins may revoke anyone's token; for others, someone else's token does not exist.
      if (!before || (before.userId !== ctx.user.id && ctx.user.role !== "admin")) {
        throw new DomainError("not-found", "no such token");
      }
      const after = await ctx.services.db.apiToken.update({
        where: { id: input.id },
        data: { revokedAt: before.revokedAt ?? new Date() },
      });
      const owner = before.user.username;
      const target = owner === ctx.user.username ? before.name : `${owner}/${before.name}`;
      await audit(ctx, "tokens.revoke", target, { ...view(before), owner }, { ...view(after), owner });
      return view(after);
    }),
});
