import { roleAtLeast } from "@netops/protocols";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useParams } from "react-router";
import { useRole } from "../../auth/session";
import { ActionError } from "../../components/ActionFeedback";
import { AlertDetail } from "./AlertDetail";
import { RelatedAlerts } from "./RelatedAlerts";
import { StateView } from "../../components/StateView";
import { useAlertActions } from "./useAlertActions";
import { useTitle } from "../../hooks/useTitle";
import { useTRPC } from "../../trpc";
import { NotFoundView } from "../../components/NotFound";

export function AlertDetailPage() {
  const { id: raw } = useParams();
  const id = Number(raw);
  if (!Number.isInteger(id) || id <= 0)
    return (
      <section className="page">
        <NotFoundView
          level={1}
          title="No such alert"
          message={`“${raw ?? ""}” is not an alert number.`}
          back={{ to: "/alerts", label: "Back to the alerts" }}
        />
      </section>
    );
  return <AlertDetailView id={id} />;
}

function AlertDetailView({ id }: { id: number }) {
  const trpc = useTRPC();
  const role = useRole();
  const q = useQuery(trpc.alerts.get.queryOptions({ id }));
  // Asked alongside the alert (not after it), so the page settles in one round trip.
  const related = useQuery(trpc.alerts.related.queryOptions({ id }));
  const actions = useAlertActions();
  const [note, setNote] = useState("");
  useTitle(q.data ? `Alert ${id}: ${q.data.alert.summary}` : `Alert ${id}`);
  const canAct = roleAtLeast(role, "operator");
  return (
    <section className="page">
      <p className="crumbs">
        <Link to="/alerts">← Alerts</Link>
      </p>
      <StateView
        query={q}
        loadingLabel={`Loading alert ${id}…`}
        errorTitle={`Could not load alert ${id}`}
        notFound={{
          title: `Alert ${id} not found`,
          back: { to: "/alerts", label: "Back to the alerts" },
          level: 1,
        }}
      >
        {(data) => (
          <>
            <ActionError title="The action failed" mutations={[actions]} />
            <AlertDetail
              data={data}
              role={role}
              busy={actions.busyIds.has(id)}
              related={<RelatedAlerts query={related} />}
              actionExtra={
                canAct && data.alert.state !== "resolved" ? (
                  <div className="field inline">
                    <label htmlFor="action-note">Note for Ack / Resolve (optional)</label>
                    <input
                      id="action-note"
                      maxLength={1024}
                      value={note}
                      onChange={(e) => setNote(e.target.value)}
                      placeholder="e.g. looking into it"
                    />
                  </div>
                ) : null
              }
              onAck={(a) => {
                actions.onAck(a, note.trim() || undefined);
                setNote("");
              }}
              onUnack={actions.onUnack}
              onResolve={(a) => {
                actions.onResolve(a, note.trim() || undefined);
                setNote("");
              }}
            />
          </>
        )}
      </StateView>
    </section>
  );
}
