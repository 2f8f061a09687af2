import { Link } from "react-router";
import { Empty, type QueryLike, StateView } from "../../components/StateView";
import { Time } from "../../components/Time";
import { AlertStateBadge, SilencedBadge } from "./AlertStateBadge";
import { SeverityChip } from "./SeverityChip";
import type { AlertItem } from "./types";
import "./alerts.css";

export interface RelatedData {
  /** The object's page (the alert's first link), or null when the alert names none. */
  object: string | null;
  items: readonly AlertItem[];
}

/** Alerts as one line each: severity, summary linking to the alert, state, silence, first seen. */
export function AlertRefList({ items, now }: { items: readonly AlertItem[]; now?: number | undefined }) {
  return (
    <ul className="related-list">
      {items.map((a) => (
        <li key={a.id}>
          <SeverityChip severity={a.severity} />
          <Link to={`/alerts/${a.id}`}>{a.summary}</Link>
          <AlertStateBadge state={a.state} />
          <SilencedBadge ids={a.silencedBy} />
          <span className="muted small">
            first seen <Time iso={a.firstSeenAt} relative="only" now={now} />
          </span>
        </li>
      ))}
    </ul>
  );
}

/** The other alerts about the same object (`alerts.related`), newest first, any state. */
export function RelatedAlerts({ query, now }: { query: QueryLike<RelatedData>; now?: number }) {
  return (
    <section aria-labelledby="alert-related">
      <h2 id="alert-related">Other alerts about this object</h2>
      <StateView
        query={query}
        loadingLabel="Loading related alerts…"
        errorTitle="Could not load related alerts"
        isEmpty={(d) => d.items.length === 0}
        empty={
          <Empty
            title={
              query.data?.object
                ? "No other alerts about this object."
                : "This alert names no object to relate it by."
            }
          >
            {query.data?.object ? (
              <p>
                Object: <Link to={query.data.object}>{query.data.object}</Link>
              </p>
            ) : null}
          </Empty>
        }
      >
        {(d) => (
          <>
            <p className="muted small">
              Alerts that link to <Link to={d.object ?? "/"}>{d.object}</Link> first, newest first.
            </p>
            <AlertRefList items={d.items} now={now} />
          </>
        )}
      </StateView>
    </section>
  );
}
