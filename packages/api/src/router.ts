import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import { bgpRouter } from "./features/bgp";
import { dhcpRouter } from "./features/dhcp";
import { dnsRouter } from "./features/dns";
import { registryRouter } from "./features/epp";
import { rdapRouter } from "./features/rdap";
import { alertsRouter, silencesRouter } from "./routers/alerts";
import { auditRouter } from "./routers/audit";
import { authRouter } from "./routers/auth";
import { systemRouter } from "./routers/system";
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
  bgp: bgpRouter,
  dhcp: dhcpRouter,
  dns: dnsRouter,
  rdap: rdapRouter,
  registry: registryRouter,
});

// The audit trail redacts the fields each input schema marks as secret.
registerSecretInputs(appRouter);

export type AppRouter = typeof appRouter;
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
