import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { eventWhat, shownText } from "./BgpEventTable";
import { ErrorView, Loading } from "../../components/StateView";
import { Time } from "../../components/Time";
import { useTitle } from "../../hooks/useTitle";
import { useUrlState } from "../../lib/urlState";
import { useTRPC } from "../../trpc";
import { bgpSessionSchema } from "./filters";
import { IdentifierLink } from "../../components/EntityLinkAuto";
import { ObjectAlerts } from "../alerts/ObjectAlerts";

/** The session page's URL as BGP alerts and search hits write it (URLSearchParams and encodeURIComponent differ on spaces). */
function sessionHrefs(router: string, peer: string): string[] {
  const a = `/bgp/session?${new URLSearchParams({ router, peer })}`;
  const b = `/bgp/session?router=${encodeURIComponent(router)}&peer=${encodeURIComponent(peer)}`;
  return a === b ? [a] : [a, b];
}

/** One session's history: each down with its message, each up, oldest first. */
export function BgpSessionPage() {
  const [{ router, peer }] = useUrlState(bgpSessionSchema);
  useTitle(`BGP session ${router} ↔ ${peer}`);
  const trpc = useTRPC();
  const q = useQuery({ ...trpc.bgp.session.queryOptions({ router, peer }), enabled: !!router && !!peer });
  return (
    <section className="page">
      <p className="small">
        <Link to="/bgp">← BGP events</Link>
      </p>
      <h1>
        Session {router} ↔ {peer}
      </h1>
      {router && peer ? (
        <p className="small">
          Router <IdentifierLink value={router} />, peer <IdentifierLink value={peer} />
        </p>
      ) : null}
      {!router || !peer ? (
        <p role="alert">Give both router and peer in the address.</p>
      ) : q.error ? (
        <ErrorView error={q.error} title="Could not load the session" />
      ) : !q.data ? (
        <Loading label="Loading the timeline…" />
      ) : q.data.length === 0 ? (
        <p className="muted">No events for this session.</p>
      ) : (
        <ol className="timeline" aria-label="Session timeline">
          {q.data.map((e) => (
            <li key={e.id} className={`timeline-item ${e.kind}`}>
              <Link to={`/bgp/events/${e.id}`}>
                <Time iso={e.at} />
              </Link>{" "}
              <strong>{e.kind === "up" ? "▲ up" : e.kind === "down" ? "▼ down" : "● notification"}</strong>{" "}
              {eventWhat(e)}{" "}
              <span className="muted small">
                {e.direction} · {e.source}
              </span>
              {e.text !== null ? (
                <blockquote className="bgp-communication">{shownText(e.text)}</blockquote>
              ) : null}
            </li>
          ))}
        </ol>
      )}
      {router && peer ? (
        <ObjectAlerts hrefs={sessionHrefs(router, peer)} what={`session ${router} ↔ ${peer}`} />
      ) : null}
    </section>
  );
}
