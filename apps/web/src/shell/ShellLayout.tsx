import { useQuery } from "@tanstack/react-query";
import { Outlet } from "react-router";
import { useLiveStatus } from "../auth/live";
import { useLogout, useMe } from "../auth/session";
import { AppShell } from "./AppShell";
import { PageSuspense } from "./lazyPage";
import { ShellSearch } from "../features/search/ShellSearch";
import { useTRPC } from "../trpc";

/** The connected shell: user, firing badge, live status and logout around the routed page. */
export function ShellLayout() {
  const trpc = useTRPC();
  const me = useMe();
  const live = useLiveStatus();
  const logout = useLogout();
  const counts = useQuery({
    ...trpc.alerts.counts.queryOptions(),
    // Firing and not silenced: the one count every view shows (alert-counts.ts).
    select: (t) => t.firing,
  });
  return (
    <AppShell
      user={me ? { username: me.username, role: me.role } : null}
      firingCount={counts.data ?? null}
      live={live ?? undefined}
      onLogout={() => logout.mutate()}
      loggingOut={logout.isPending}
      search={<ShellSearch onLogout={() => logout.mutate()} />}
    >
      <PageSuspense>
        <Outlet />
      </PageSuspense>
    </AppShell>
  );
}
