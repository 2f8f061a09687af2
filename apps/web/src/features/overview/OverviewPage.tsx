import { isFiring } from "@netops/protocols";
import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { useRole } from "../../auth/session";
import { ActionError } from "../../components/ActionFeedback";
import { AlertList } from "../alerts/AlertList";
import { HealthTiles } from "./HealthTiles";
import { StateView } from "../../components/StateView";
import { Time } from "../../components/Time";
import { useAlertActions } from "../alerts/useAlertActions";
import { useTitle } from "../../hooks/useTitle";
import { useTRPC } from "../../trpc";

export function OverviewPage() {
  useTitle("Overview");
  const trpc = useTRPC();
  const role = useRole();
  const overview = useQuery({ ...trpc.system.overview.queryOptions(), refetchInterval: 60_000 });
  const actions = useAlertActions();
  return (
    <section className="page">
      <div className="page-head">
        <h1>Overview</h1>
        {overview.data ? (
          <p className="muted small">
            As of <Time iso={overview.data.generatedAt} />
          </p>
        ) : null}
      </div>
      <StateView
        query={overview}
        loadingLabel="Loading the overview…"
        errorTitle="Could not load the overview"
      >
        {(data) => {
          const firing = data.active.filter(isFiring);
          const acked = data.active.length - firing.length;
          return (
            <>
              <h2 className="sr-only">Health by subsystem</h2>
              <HealthTiles subsystems={data.subsystems} />
              <div className="section-head">
                <h2>Firing alerts</h2>
                <p className="muted small">
                  Worst first; silenced alerts are not shown.{" "}
                  {acked > 0 ? (
                    <Link to="/alerts?state=acknowledged">
                      {acked} acknowledged alert{acked === 1 ? "" : "s"}
                    </Link>
                  ) : null}{" "}
                  <Link to="/alerts">All alerts</Link>
                </p>
              </div>
              <ActionError title="The action failed" mutations={[actions]} />
              <AlertList
                items={firing}
                role={role}
                busyIds={actions.busyIds}
                onAck={actions.onAck}
                onUnack={actions.onUnack}
                onResolve={actions.onResolve}
                emptyText="No firing alerts."
              />
            </>
          );
        }}
      </StateView>
    </section>
  );
}
