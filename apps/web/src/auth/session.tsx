import type { Role } from "@netops/protocols";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { createContext, type ReactNode, useContext, useEffect, useRef } from "react";
import { Navigate, Outlet, useLocation, useNavigate } from "react-router";
import { ErrorView, Loading } from "../components/StateView";
import { isUnauthorized } from "../lib/errors";
import { loginPath } from "../lib/redirect";
import type { Me } from "../lib/types";
import { onUnauthorized, useTRPC } from "../trpc";
import { LiveUpdates } from "./live";

const SessionContext = createContext<Me | null>(null);

/** Provides the signed-in user (stories/tests can pass a fixed one). */
export function SessionProvider({ me, children }: { me: Me; children: ReactNode }) {
  return <SessionContext.Provider value={me}>{children}</SessionContext.Provider>;
}

/** The signed-in user: from <RequireSession>, or fetched when rendered outside it. */
export function useMe(): Me | undefined {
  const ctx = useContext(SessionContext);
  const trpc = useTRPC();
  const q = useQuery({ ...trpc.auth.me.queryOptions(), enabled: ctx === null });
  return ctx ?? q.data;
}

/** The user's role for hiding actions; least privilege until known. The server still decides. */
export function useRole(): Role {
  return useMe()?.role ?? "viewer";
}

/** Any UNAUTHORIZED answer sends the browser to /login?next=<where it was>. */
export function UnauthorizedRedirect() {
  const navigate = useNavigate();
  const location = useLocation();
  const here = useRef(location);
  here.current = location;
  useEffect(
    () =>
      onUnauthorized(() => {
        const loc = here.current;
        if (loc.pathname === "/login") return;
        navigate(loginPath(loc), { replace: true });
      }),
    [navigate],
  );
  return null;
}

/** Layout route: only renders its children for a signed-in user; runs live updates for them. */
export function RequireSession() {
  const trpc = useTRPC();
  const location = useLocation();
  const me = useQuery(trpc.auth.me.queryOptions());
  if (me.error && isUnauthorized(me.error)) return <Navigate to={loginPath(location)} replace />;
  if (me.data === undefined) {
    if (me.error) {
      return (
        <main id="main" className="content narrow">
          <ErrorView
            error={me.error}
            title="Could not check your session"
            onRetry={() => void me.refetch()}
          />
        </main>
      );
    }
    return (
      <main id="main" className="content narrow">
        <Loading label="Checking your session…" />
      </main>
    );
  }
  return (
    <SessionProvider me={me.data}>
      <LiveUpdates>
        <Outlet />
      </LiveUpdates>
    </SessionProvider>
  );
}

/** Logs out, forgets every cached answer and goes to the login page. */
export function useLogout() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const navigate = useNavigate();
  return useMutation(
    trpc.auth.logout.mutationOptions({
      onSettled: () => {
        navigate("/login", { replace: true });
        qc.clear();
      },
    }),
  );
}
