import { type QueryKey, useQueryClient } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { createContext, type ReactNode, useContext, useEffect, useMemo, useRef, useState } from "react";
import type { LiveStatus } from "../components/LiveIndicator";
import { isUnauthorized } from "../lib/errors";
import type { AlertChangeEvent } from "../lib/types";
import { announceUnauthorized, useTRPC } from "../trpc";

const LiveContext = createContext<LiveStatus | null>(null);

/** Status of the live stream, or null outside <LiveUpdates>. */
export function useLiveStatus(): LiveStatus | null {
  return useContext(LiveContext);
}

export type Kind = "alert" | "silence" | "delivery" | "all";

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

/** How long a burst of changes is gathered into one refetch. */
export const COALESCE_MS = 300;
/**
 * How often alerts that only repeat refresh what is shown. A condition that still holds is raised
 * again on every check (often several a second across subsystems): that changes an alert's count,
 * last-seen time and at most its severity, never which alerts are active, so it need not refetch the
 * overview and the counts each time.
 */
export const REPEAT_REFRESH_MS = 15_000;

export interface RefreshScheduler {
  /** A change from the live stream (the first "hello" is the connection itself, and changes nothing). */
  event(e: AlertChangeEvent): void;
  dispose(): void;
}

/**
 * Turns live events into refetches: changes are gathered for COALESCE_MS into one `flush`; repeats
 * of an alert wait up to REPEAT_REFRESH_MS, and ride along with any flush of alert views before then.
 */
export function createRefreshScheduler(flush: (kinds: ReadonlySet<Kind>) => void): RefreshScheduler {
  const pending = new Set<Kind>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let repeatTimer: ReturnType<typeof setTimeout> | null = null;
  let helloSeen = false;
  const schedule = (kind: Kind) => {
    pending.add(kind);
    if (timer) return;
    timer = setTimeout(() => {
      timer = null;
      const kinds = new Set(pending);
      pending.clear();
      if (repeatTimer && (kinds.has("alert") || kinds.has("silence") || kinds.has("all"))) {
        clearTimeout(repeatTimer);
        repeatTimer = null;
      }
      flush(kinds);
    }, COALESCE_MS);
  };
  return {
    event(e) {
      if (e.type === "hello") {
        // The first hello is the initial connection; later ones are reconnects that may have missed events.
        if (helloSeen) schedule("all");
        helloSeen = true;
      } else if (e.type === "alert" && e.change === "repeated") {
        repeatTimer ??= setTimeout(() => {
          repeatTimer = null;
          schedule("alert");
        }, REPEAT_REFRESH_MS);
      } else schedule(e.type);
    },
    dispose() {
      if (timer) clearTimeout(timer);
      if (repeatTimer) clearTimeout(repeatTimer);
      timer = repeatTimer = null;
    },
  };
}

/**
 * Subscribes to `alerts.onChange` once for the whole signed-in app and invalidates what is shown,
 * through createRefreshScheduler.
 */
export function LiveUpdates({ children }: { children: ReactNode }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const everLive = useRef(false);
  const [scheduler] = useState(() =>
    createRefreshScheduler((kinds) => {
      for (const queryKey of keysFor(kinds, trpc)) void qc.invalidateQueries({ queryKey });
    }),
  );
  useEffect(() => () => scheduler.dispose(), [scheduler]);

  const sub = useSubscription(
    trpc.alerts.onChange.subscriptionOptions(undefined, {
      // The link keeps the event id and resumes after it on reconnect (to whichever replica).
      onData: (e: { data: AlertChangeEvent }) => scheduler.event(e.data),
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
