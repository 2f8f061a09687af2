import type { QueryClient } from "@tanstack/react-query";
import { QueryClientProvider } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import { BrowserRouter, Navigate, Route, Routes } from "react-router";
import { RequireSession, UnauthorizedRedirect } from "./auth/session";
import { AlertDetailPage } from "./pages/AlertDetailPage";
import { AlertsPage } from "./pages/AlertsPage";
import { LoginPage } from "./pages/LoginPage";
import { NotBuiltPage, NotFoundPage } from "./pages/NotBuiltPage";
import { OnCallPage } from "./pages/OnCallPage";
import { OverviewPage } from "./pages/OverviewPage";
import { ShellLayout } from "./pages/ShellLayout";
import { SilencesPage } from "./pages/SilencesPage";
import { AccountPage } from "./pages/settings/AccountPage";
import { AuditPage } from "./pages/settings/AuditPage";
import { SettingsLayout } from "./pages/settings/SettingsLayout";
import { SystemPage } from "./pages/settings/SystemPage";
import { TokensPage } from "./pages/settings/TokensPage";
import { UsersPage } from "./pages/settings/UsersPage";
import { WebhooksPage } from "./pages/settings/WebhooksPage";
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
            <Route path="registry" element={<NotBuiltPage section="registry" />} />
            <Route path="rdap" element={<NotBuiltPage section="rdap" />} />
            <Route path="dns" element={<NotBuiltPage section="dns" />} />
            <Route path="dhcp" element={<NotBuiltPage section="dhcp" />} />
            <Route path="bgp" element={<NotBuiltPage section="bgp" />} />
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
