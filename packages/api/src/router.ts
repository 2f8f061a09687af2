import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import { subsystemRouters } from "./modules";
import { alertsRouter, silencesRouter } from "./routers/alerts";
import { auditRouter } from "./routers/audit";
import { authRouter } from "./routers/auth";
import { systemRouter } from "./routers/system";
import { entityRouter, searchRouter, timelineRouter } from "./search/router";
import { tokensRouter } from "./routers/tokens";
import { usersRouter } from "./routers/users";
import { webhooksRouter } from "./routers/webhooks";
import { registerSecretInputs, router } from "./trpc";

export const appRouter = router({
  auth: authRouter,
  users: usersRouter,
  tokens: tokensRouter,
  audit: auditRouter,
  alerts: alertsRouter,
  silences: silencesRouter,
  webhooks: webhooksRouter,
  system: systemRouter,
  search: searchRouter,
  entity: entityRouter,
  timeline: timelineRouter,
  // Each registered subsystem module's router under its id.
  ...subsystemRouters,
});

// The audit trail redacts the fields each input schema marks as secret.
registerSecretInputs(appRouter);

export type AppRouter = typeof appRouter;
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
