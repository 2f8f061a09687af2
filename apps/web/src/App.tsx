import type { QueryClient } from "@tanstack/react-query";
import { QueryClientProvider } from "@tanstack/react-query";
import { FEATURE_SUBSYSTEMS, type FeatureSubsystem } from "@netops/protocols";
import { Fragment, type ReactNode, useState } from "react";
import { BrowserRouter, Navigate, Route, Routes } from "react-router";
import { RequireSession, UnauthorizedRedirect } from "./auth/session";
import { AlertDetailPage } from "./features/alerts/AlertDetailPage";
import { AlertsPage } from "./features/alerts/AlertsPage";
import { LoginPage } from "./auth/LoginPage";
import { NotFoundPage } from "./shell/NotFoundPage";
import { OnCallPage } from "./features/alerts/OnCallPage";
import { featureRoutes } from "./features/subsystem-routes";
import { searchRoutes } from "./features/search/searchRoutes";
import { OverviewPage } from "./features/overview/OverviewPage";
import { ShellLayout } from "./shell/ShellLayout";
import { SilencesPage } from "./features/alerts/SilencesPage";
import { AccountPage } from "./features/settings/AccountPage";
import { AuditPage } from "./features/settings/AuditPage";
import { SettingsLayout } from "./features/settings/SettingsLayout";
import { SystemPage } from "./features/settings/SystemPage";
import { TokensPage } from "./features/settings/TokensPage";
import { UsersPage } from "./features/settings/UsersPage";
import { WebhooksPage } from "./features/settings/WebhooksPage";
import { type AppTRPCClient, createAppQueryClient, createAppTrpcClient, TRPCProvider } from "./trpc";

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
            </Route>
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Route>
      </Routes>
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
