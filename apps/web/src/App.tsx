import type { QueryClient } from "@tanstack/react-query";
import { QueryClientProvider } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import { BrowserRouter, Navigate, Route, Routes } from "react-router";
import { RequireSession, UnauthorizedRedirect } from "./auth/session";
import { AlertDetailPage } from "./pages/AlertDetailPage";
import { AlertsPage } from "./pages/AlertsPage";
import { DnsZonesPage } from "./pages/dns/DnsZonesPage";
import { ZoneDetailPage } from "./pages/dns/ZoneDetailPage";
import { DhcpPage } from "./pages/dhcp/DhcpPage";
import { LeaseDetailPage } from "./pages/dhcp/LeaseDetailPage";
import { BgpComposePage } from "./pages/bgp/BgpComposePage";
import { BgpEventPage } from "./pages/bgp/BgpEventPage";
import { BgpPage } from "./pages/bgp/BgpPage";
import { BgpSessionPage } from "./pages/bgp/BgpSessionPage";
import { LoginPage } from "./pages/LoginPage";
import { NotFoundPage } from "./pages/NotBuiltPage";
import { HostDetailPage } from "./pages/registry/HostDetailPage";
import { RegistryConnectionsPage } from "./pages/registry/RegistryConnectionsPage";
import { RegistryDomainsPage } from "./pages/registry/RegistryDomainsPage";
import { RegistryHostsPage } from "./pages/registry/RegistryHostsPage";
import { RegistryPollPage } from "./pages/registry/RegistryPollPage";
import { RegistryTranscriptPage } from "./pages/registry/RegistryTranscriptPage";
import { RdapPage } from "./pages/rdap/RdapPage";
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
            <Route path="registry" element={<RegistryHostsPage />} />
            <Route path="registry/hosts/:connectionId/:name" element={<HostDetailPage />} />
            <Route path="registry/domains" element={<RegistryDomainsPage />} />
            <Route path="registry/poll" element={<RegistryPollPage />} />
            <Route path="registry/transcript" element={<RegistryTranscriptPage />} />
            <Route path="registry/connections" element={<RegistryConnectionsPage />} />
            <Route path="rdap" element={<RdapPage />} />
            <Route path="dns" element={<DnsZonesPage />} />
            <Route path="dns/:id" element={<ZoneDetailPage />} />
            <Route path="dhcp" element={<DhcpPage />} />
            <Route path="dhcp/leases/:id" element={<LeaseDetailPage />} />
            <Route path="bgp" element={<BgpPage />} />
            <Route path="bgp/events/:id" element={<BgpEventPage />} />
            <Route path="bgp/session" element={<BgpSessionPage />} />
            <Route path="bgp/compose" element={<BgpComposePage />} />
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
