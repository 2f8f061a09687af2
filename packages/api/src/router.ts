import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import { alertsRouter, silencesRouter } from "./routers/alerts";
import { auditRouter } from "./routers/audit";
import { authRouter } from "./routers/auth";
import { systemRouter } from "./routers/system";
import { tokensRouter } from "./routers/tokens";
import { usersRouter } from "./routers/users";
import { webhooksRouter } from "./routers/webhooks";
import { router } from "./trpc";

export const appRouter = router({
  auth: authRouter,
  users: usersRouter,
  tokens: tokensRouter,
  audit: auditRouter,
  alerts: alertsRouter,
  silences: silencesRouter,
  webhooks: webhooksRouter,
  system: systemRouter,
});

export type AppRouter = typeof appRouter;
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
