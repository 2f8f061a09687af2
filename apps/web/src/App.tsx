import type { QueryClient } from "@tanstack/react-query";
import { QueryClientProvider } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import { BrowserRouter, Navigate, Route, Routes } from "react-router";
import { RequireSession, UnauthorizedRedirect } from "./auth/session";
import { AlertDetailPage } from "./features/alerts/AlertDetailPage";
import { AlertsPage } from "./features/alerts/AlertsPage";
import { DnsZonesPage } from "./features/dns/DnsZonesPage";
import { ZoneDetailPage } from "./features/dns/ZoneDetailPage";
import { DhcpPage } from "./features/dhcp/DhcpPage";
import { LeaseDetailPage } from "./features/dhcp/LeaseDetailPage";
import { BgpComposePage } from "./features/bgp/BgpComposePage";
import { BgpEventPage } from "./features/bgp/BgpEventPage";
import { BgpPage } from "./features/bgp/BgpPage";
import { BgpSessionPage } from "./features/bgp/BgpSessionPage";
import { LoginPage } from "./auth/LoginPage";
import { NotFoundPage } from "./shell/NotFoundPage";
import { HostDetailPage } from "./features/registry/HostDetailPage";
import { RegistryConnectionsPage } from "./features/registry/RegistryConnectionsPage";
import { RegistryDomainsPage } from "./features/registry/RegistryDomainsPage";
import { RegistryHostsPage } from "./features/registry/RegistryHostsPage";
import { RegistryPollPage } from "./features/registry/RegistryPollPage";
import { RegistryTranscriptPage } from "./features/registry/RegistryTranscriptPage";
import { RdapPage } from "./features/rdap/RdapPage";
import { OnCallPage } from "./features/alerts/OnCallPage";
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
