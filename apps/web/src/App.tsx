import type { QueryClient } from "@tanstack/react-query";
import { QueryClientProvider } from "@tanstack/react-query";
import { FEATURE_SUBSYSTEMS, type FeatureSubsystem } from "@netops/protocols";
import { Fragment, type ReactNode, useState } from "react";
import { BrowserRouter, Navigate, Route, Routes } from "react-router";
import { RequireSession, UnauthorizedRedirect } from "./auth/session";
import { LoginPage } from "./auth/LoginPage";
import { NotFoundPage } from "./shell/NotFoundPage";
import { featureRoutes } from "./features/subsystem-routes";
import { searchRoutes } from "./features/search/searchRoutes";
import { OverviewPage } from "./features/overview/OverviewPage";
import { lazyPage, PageSuspense } from "./shell/lazyPage";
import { ShellLayout } from "./shell/ShellLayout";
import { SettingsLayout } from "./features/settings/SettingsLayout";
import { type AppTRPCClient, createAppQueryClient, createAppTrpcClient, TRPCProvider } from "./trpc";

// Pages other than the Overview (and the login page) are chunks of their own, fetched on first visit.
const AlertDetailPage = lazyPage(() => import("./features/alerts/AlertDetailPage"), "AlertDetailPage");
const AlertsPage = lazyPage(() => import("./features/alerts/AlertsPage"), "AlertsPage");
const OnCallPage = lazyPage(() => import("./features/alerts/OnCallPage"), "OnCallPage");
const SilencesPage = lazyPage(() => import("./features/alerts/SilencesPage"), "SilencesPage");
const AccountPage = lazyPage(() => import("./features/settings/AccountPage"), "AccountPage");
const AuditPage = lazyPage(() => import("./features/settings/AuditPage"), "AuditPage");
const ReplicasPage = lazyPage(() => import("./features/settings/ReplicasPage"), "ReplicasPage");
const SystemPage = lazyPage(() => import("./features/settings/SystemPage"), "SystemPage");
const TokensPage = lazyPage(() => import("./features/settings/TokensPage"), "TokensPage");
const UsersPage = lazyPage(() => import("./features/settings/UsersPage"), "UsersPage");
const WebhooksPage = lazyPage(() => import("./features/settings/WebhooksPage"), "WebhooksPage");

export interface AppProvidersProps {
  /** A client of your own (tests, stories); otherwise one with the app's defaults is made. */
  queryClient?: QueryClient;
  /** A tRPC client of your own (tests, stories); otherwise one talking to /api/trpc. */
  trpcClient?: AppTRPCClient;
  children: ReactNode;
}

/** TanStack Query + tRPC context. Does not include a router: wrap pages in one yourself. */
export function AppProviders({ queryClient, trpcClient, children }: AppProvidersProps) {
  const [qc] = useState(() => queryClient ?? createAppQueryClient());
  const [client] = useState(() => trpcClient ?? createAppTrpcClient());
  return (
    <QueryClientProvider client={qc}>
      <TRPCProvider trpcClient={client} queryClient={qc}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}

/** Each subsystem's routes (`features/<id>/routes.tsx`, found by subsystem-routes.ts), in overview order. */
export function subsystemRoutes(routes: Record<FeatureSubsystem, ReactNode> = featureRoutes()): ReactNode[] {
  return FEATURE_SUBSYSTEMS.map((s) => <Fragment key={s.id}>{routes[s.id]}</Fragment>);
}

/** Every route of the console; render inside a router (BrowserRouter or MemoryRouter). */
export function AppRoutes() {
  return (
    <>
      <UnauthorizedRedirect />
      {/* Pages outside the shell (on-call); the shell has its own around its outlet. */}
      <PageSuspense>
        <Routes>
          <Route path="/login" element={<LoginPage />} />
          <Route element={<RequireSession />}>
            <Route path="/oncall" element={<OnCallPage />} />
            <Route element={<ShellLayout />}>
              <Route index element={<OverviewPage />} />
              <Route path="alerts" element={<AlertsPage />} />
              <Route path="alerts/silences" element={<SilencesPage />} />
              <Route path="alerts/:id" element={<AlertDetailPage />} />
              {subsystemRoutes()}
              {searchRoutes}
              <Route path="settings" element={<SettingsLayout />}>
                <Route index element={<Navigate to="/settings/account" replace />} />
                <Route path="account" element={<AccountPage />} />
                <Route path="tokens" element={<TokensPage />} />
                <Route path="users" element={<UsersPage />} />
                <Route path="webhooks" element={<WebhooksPage />} />
                <Route path="audit" element={<AuditPage />} />
                <Route path="system" element={<SystemPage />} />
                <Route path="replicas" element={<ReplicasPage />} />
              </Route>
              <Route path="*" element={<NotFoundPage />} />
            </Route>
          </Route>
        </Routes>
      </PageSuspense>
    </>
  );
}

/** The whole app for the browser. */
export function App(props: Omit<AppProvidersProps, "children">) {
  return (
    <AppProviders {...props}>
      <BrowserRouter>
        <AppRoutes />
      </BrowserRouter>
    </AppProviders>
  );
}
