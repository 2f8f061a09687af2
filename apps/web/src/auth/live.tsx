import { type QueryKey, useQueryClient } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { createContext, type ReactNode, useContext, useEffect, useMemo, useRef } from "react";
import type { LiveStatus } from "../components/LiveIndicator";
import { isUnauthorized } from "../lib/errors";
import type { AlertChangeEvent } from "../lib/types";
import { announceUnauthorized, useTRPC } from "../trpc";

const LiveContext = createContext<LiveStatus | null>(null);

/** Status of the live stream, or null outside <LiveUpdates>. */
export function useLiveStatus(): LiveStatus | null {
  return useContext(LiveContext);
}

type Kind = "alert" | "silence" | "delivery" | "all";

/** Which cached queries an event makes stale. */
export function keysFor(kinds: ReadonlySet<Kind>, trpc: ReturnType<typeof useTRPC>): QueryKey[] {
  const keys: QueryKey[] = [];
  const all = kinds.has("all");
  if (all || kinds.has("alert") || kinds.has("silence")) {
    // Silences change which alerts are silenced, so both refresh alert views.
    keys.push(trpc.alerts.pathKey(), trpc.system.overview.queryKey());
  }
  if (all || kinds.has("silence")) keys.push(trpc.silences.pathKey());
  if (all || kinds.has("delivery")) {
    keys.push(trpc.webhooks.list.queryKey(), trpc.webhooks.deliveries.pathKey(), trpc.alerts.get.pathKey());
  }
  return keys;
}

/**
 * Subscribes to `alerts.onChange` once for the whole signed-in app and invalidates what is shown.
 * Bursts of events are coalesced into one refetch per ~300 ms.
 */
export function LiveUpdates({ children }: { children: ReactNode }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const pending = useRef(new Set<Kind>());
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const helloSeen = useRef(false);
  const everLive = useRef(false);

  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  const schedule = (kind: Kind) => {
    pending.current.add(kind);
    if (timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      const kinds = new Set(pending.current);
      pending.current.clear();
      for (const queryKey of keysFor(kinds, trpc)) void qc.invalidateQueries({ queryKey });
    }, 300);
  };

  const sub = useSubscription(
    trpc.alerts.onChange.subscriptionOptions(undefined, {
      onData: (e: AlertChangeEvent) => {
        if (e.type === "hello") {
          // The first hello is the initial connection; later ones are reconnects that may have missed events.
          if (helloSeen.current) schedule("all");
          helloSeen.current = true;
          return;
        }
        schedule(e.type);
      },
      onError: (err) => {
        if (isUnauthorized(err)) announceUnauthorized();
      },
    }),
  );

  // A fatal stream error (e.g. the server restarting) stops the subscription: try again shortly.
  const { status: subStatus, error: subError, reset } = sub;
  useEffect(() => {
    if (subStatus !== "error" || isUnauthorized(subError)) return;
    const t = setTimeout(reset, 5_000);
    return () => clearTimeout(t);
  }, [subStatus, subError, reset]);

  let status: LiveStatus;
  if (sub.status === "pending") {
    everLive.current = true;
    status = "live";
  } else if (sub.status === "error") status = "offline";
  else status = everLive.current ? "reconnecting" : "connecting";

  const value = useMemo(() => status, [status]);
  return <LiveContext.Provider value={value}>{children}</LiveContext.Provider>;
}
