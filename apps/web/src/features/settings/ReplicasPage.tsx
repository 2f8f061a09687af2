import { useQuery } from "@tanstack/react-query";
import type { RouterOutputs } from "@netops/api";
import { Empty, StateView } from "../../components/StateView";
import { Time } from "../../components/Time";
import { useTitle } from "../../hooks/useTitle";
import { useTRPC } from "../../trpc";
import "./settings.css";

type Replicas = RouterOutputs["system"]["replicas"];
type Replica = Replicas["replicas"][number];

/** Settings → Replicas: the console processes on this database, their heartbeats and the work each owns. */
export function ReplicasPage() {
  useTitle("Replicas");
  return (
    <section className="page">
      <h1>Replicas</h1>
      {/* Operators and up (the nav hides it below); the server's FORBIDDEN shows as the error view. */}
      <ReplicasView />
    </section>
  );
}

function ReplicasView() {
  const trpc = useTRPC();
  // Heartbeats come every few seconds; the page follows them without a live event of its own.
  const q = useQuery({ ...trpc.system.replicas.queryOptions(), refetchInterval: 10_000 });
  return (
    <StateView
      query={q}
      loadingLabel="Loading replicas…"
      errorTitle="Could not load the replicas"
      isEmpty={(d) => d.replicas.length === 0 && d.unowned.length === 0}
      empty={<Empty title="No replica has reported yet." />}
    >
      {(d) => (
        <>
          <p className="muted">
            A replica that has not sent a heartbeat for {d.leaseSeconds} s is taken for dead: its work moves
            to a live one.
          </p>
          <ul className="stack replica-list" aria-label="Replicas">
            {d.replicas.map((r) => (
              <ReplicaCard key={r.id} r={r} />
            ))}
          </ul>
          {d.unowned.length > 0 ? (
            <>
              <h2>Work waiting for an owner</h2>
              <ul className="replica-work" aria-label="Work waiting for an owner">
                {d.unowned.map((w) => (
                  <li key={w.name}>
                    <code>{w.name}</code>{" "}
                    <span className="muted">
                      lease ran out <Time iso={w.expiredAt} relative /> (last held by {w.lastOwner})
                    </span>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </>
      )}
    </StateView>
  );
}

function ReplicaCard({ r }: { r: Replica }) {
  return (
    <li className="card replica-card" aria-label={`Replica ${r.id}`}>
      <div className="replica-head">
        <h2 className="replica-name">
          <code>{r.id}</code>
        </h2>
        <span className={`chip ${r.alive ? "ok" : "bad"}`}>
          <span aria-hidden="true">{r.alive ? "●" : "✗"}</span> {r.alive ? "Alive" : "Silent"}
        </span>
        {r.self ? <span className="chip muted-chip">This replica</span> : null}
      </div>
      <dl className="fields">
        <dt>Host</dt>
        <dd>
          {r.host} <span className="muted">pid {r.pid}</span>
        </dd>
        <dt>Started</dt>
        <dd>
          <Time iso={r.startedAt} relative />
        </dd>
        <dt>Last heartbeat</dt>
        <dd>
          <Time iso={r.heartbeatAt} relative />
        </dd>
        <dt>Owns</dt>
        <dd>
          {r.owned.length === 0 ? (
            <span className="muted">nothing</span>
          ) : (
            <ul className="replica-work" aria-label={`Work owned by ${r.id}`}>
              {r.owned.map((w) => (
                <li key={w.name}>
                  <code>{w.name}</code>{" "}
                  <span className="muted" title="Changes of owner so far (the lease's fencing epoch)">
                    epoch {w.epoch}, since <Time iso={w.since} relative />
                  </span>
                </li>
              ))}
            </ul>
          )}
        </dd>
      </dl>
    </li>
  );
}
