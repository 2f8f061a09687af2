import { isFiring } from "@netops/protocols";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link } from "react-router";
import { useLiveStatus } from "../../auth/live";
import { useRole } from "../../auth/session";
import { ActionError } from "../../components/ActionFeedback";
import { LiveIndicator } from "../../components/LiveIndicator";
import { OnCallBoard } from "./OnCallBoard";
import { StateView } from "../../components/StateView";
import { ThemeToggle } from "../../components/ThemeToggle";
import { useAlertActions } from "./useAlertActions";
import { useCriticalChime } from "./useCriticalChime";
import { useNow } from "../../hooks/useNow";
import { useTitle } from "../../hooks/useTitle";
import { formatTime } from "../../lib/time";
import { useZoneMode } from "../../lib/timeZoneMode";
import { useTRPC } from "../../trpc";
import "./oncall.css";

/** Minimal chrome for a wall screen or a phone. */
export function OnCallPage() {
  const trpc = useTRPC();
  const role = useRole();
  const live = useLiveStatus();
  const now = useNow(1000);
  // Live events invalidate this; the interval is a safety net if the stream is down.
  const active = useQuery({ ...trpc.alerts.active.queryOptions(), refetchInterval: 30_000 });
  const actions = useAlertActions();
  const qc = useQueryClient();
  const silence = useMutation(
    trpc.silences.createForAlerts.mutationOptions({
      onSettled: () =>
        Promise.all([
          qc.invalidateQueries({ queryKey: trpc.alerts.pathKey() }),
          qc.invalidateQueries({ queryKey: trpc.silences.pathKey() }),
        ]),
    }),
  );
  const chime = useCriticalChime(active.data);
  const visible = (active.data ?? []).filter((a) => a.silencedBy.length === 0);
  const silenced = (active.data?.length ?? 0) - visible.length;
  const firingCount = visible.filter(isFiring).length;
  useTitle(active.data ? `(${firingCount}) On-call` : "On-call");
  const zone = useZoneMode();
  return (
    <div className="oncall">
      <header className="oncall-bar">
        <Link to="/" className="small">
          ← Console
        </Link>
        <span className="oncall-clock">{formatTime(now, zone).slice(11)}</span>
        {live ? <LiveIndicator status={live} /> : null}
        <label
          className="check small"
          title="Sound and vibration when a new critical alert fires while this page is open"
        >
          <input
            type="checkbox"
            checked={chime.enabled}
            onChange={(e) => chime.setEnabled(e.target.checked)}
          />
          Sound on new critical
        </label>
        <ThemeToggle />
      </header>
      <main id="main" className="oncall-main">
        <h1 className="sr-only">On-call: active alerts</h1>
        <ActionError title="The action failed" mutations={[actions, silence]} />
        <StateView query={active} loadingLabel="Loading active alerts…" errorTitle="Could not load alerts">
          {() => (
            <>
              <OnCallBoard
                items={visible}
                role={role}
                now={now}
                onAck={actions.onAck}
                onSilence={(a) =>
                  silence.mutate({
                    ids: [a.id],
                    endsAt: new Date(Date.now() + 3_600_000).toISOString(),
                    comment: "Silenced for 1 hour from the on-call view",
                  })
                }
                busyIds={actions.busyIds}
              />
              {silenced > 0 ? (
                <p className="muted">
                  {silenced} silenced alert{silenced === 1 ? "" : "s"} not shown.{" "}
                  <Link to="/alerts?silenced=only">See them</Link>
                </p>
              ) : null}
            </>
          )}
        </StateView>
      </main>
    </div>
  );
}
