import type { Role } from "@netops/protocols";
import type { ReactNode } from "react";
import { Link } from "react-router";
import type { AlertDetailData } from "./types";
import { type AlertActionHandlers, AlertActions } from "./AlertActions";
import { AlertStateBadge, SilencedBadge } from "./AlertStateBadge";
import { DeliveryTable } from "../../components/DeliveryTable";
import { Labels } from "./Labels";
import { SeverityChip } from "./SeverityChip";
import { Empty } from "../../components/StateView";
import { Time } from "../../components/Time";

export interface AlertDetailProps extends AlertActionHandlers {
  /** The `alerts.get` output. */
  data: AlertDetailData;
  /** Without a role (or as viewer) no action buttons are shown. */
  role?: Role;
  busy?: boolean;
  now?: number;
  /** Extra controls shown above the action buttons (the page puts a note field here). */
  actionExtra?: ReactNode;
  /** Shown after the history (the page puts the object's other alerts here). */
  related?: ReactNode;
}

const EVENT_TEXT: Record<string, string> = {
  fired: "Fired",
  repeated: "Changed",
  acknowledged: "Acknowledged",
  unacknowledged: "Unacknowledged",
  resolved: "Resolved",
};

/** Only console paths are rendered as links (the API enforces this too). */
const isConsolePath = (href: string) => href.startsWith("/") && !href.startsWith("//");

/** Everything about one alert: fields, labels, links, history and webhook deliveries. */
export function AlertDetail({
  data,
  role,
  busy,
  now,
  actionExtra,
  related,
  onAck,
  onUnack,
  onResolve,
}: AlertDetailProps) {
  const { alert: a, events, deliveries } = data;
  return (
    <article className="alert-detail">
      <header className="detail-head">
        <div className="row wrap gap">
          <SeverityChip severity={a.severity} size="large" />
          <AlertStateBadge state={a.state} />
          <SilencedBadge ids={a.silencedBy} />
        </div>
        <h1>{a.summary}</h1>
        {actionExtra}
        {role ? (
          <AlertActions
            alert={a}
            role={role}
            busy={busy}
            onAck={onAck}
            onUnack={onUnack}
            onResolve={onResolve}
          />
        ) : null}
      </header>

      <section aria-labelledby="alert-fields">
        <h2 id="alert-fields">Details</h2>
        <dl className="fields">
          <dt>Alert</dt>
          <dd>#{a.id}</dd>
          <dt>Source</dt>
          <dd>
            <code>{a.source}</code>
          </dd>
          <dt>Fingerprint</dt>
          <dd>
            <code>{a.fingerprint}</code>
          </dd>
          <dt>Times seen</dt>
          <dd>{a.count}</dd>
          <dt>First seen</dt>
          <dd>
            <Time iso={a.firstSeenAt} relative now={now} />
          </dd>
          <dt>Last seen</dt>
          <dd>
            <Time iso={a.lastSeenAt} relative now={now} />
          </dd>
          <dt>Acknowledged</dt>
          <dd>
            {a.acknowledgedAt ? (
              <>
                by {a.acknowledgedBy ?? "?"}, <Time iso={a.acknowledgedAt} relative now={now} />
              </>
            ) : (
              "no"
            )}
          </dd>
          <dt>Resolved</dt>
          <dd>
            {a.resolvedAt ? (
              <>
                by {a.resolvedBy ?? "?"}, <Time iso={a.resolvedAt} relative now={now} />
              </>
            ) : (
              "no"
            )}
          </dd>
          <dt>Silenced by</dt>
          <dd>
            {a.silencedBy.length ? (
              <ul className="inline-list">
                {a.silencedBy.map((id) => (
                  <li key={id}>
                    <Link to="/alerts/silences?show=active">
                      <code>{id}</code>
                    </Link>
                  </li>
                ))}
              </ul>
            ) : (
              "not silenced"
            )}
          </dd>
        </dl>
        {a.details ? <pre className="details">{a.details}</pre> : null}
      </section>

      <section aria-labelledby="alert-labels">
        <h2 id="alert-labels">Labels</h2>
        <Labels labels={a.labels} />
      </section>

      {a.links.length ? (
        <section aria-labelledby="alert-links">
          <h2 id="alert-links">Links</h2>
          <ul>
            {a.links.map((l) => (
              <li key={`${l.href}|${l.label}`}>
                {isConsolePath(l.href) ? <Link to={l.href}>{l.label}</Link> : <span>{l.label}</span>}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="alert-history">
        <h2 id="alert-history">History</h2>
        {events.length === 0 ? (
          <Empty title="No events recorded." />
        ) : (
          <ol className="timeline">
            {events.map((e) => (
              <li key={e.id} className={`event event-${e.kind}`}>
                <Time iso={e.at} relative now={now} />
                <span className="event-kind">{EVENT_TEXT[e.kind] ?? e.kind}</span>
                {e.actor ? <span> by {e.actor}</span> : null}
                {e.note ? <span className="event-note">— {e.note}</span> : null}
              </li>
            ))}
          </ol>
        )}
      </section>

      {related}

      <section aria-labelledby="alert-deliveries">
        <h2 id="alert-deliveries">Webhook deliveries</h2>
        {deliveries.length === 0 ? (
          <Empty title="No webhook deliveries for this alert.">
            <p>
              Deliveries appear when a receiver takes this alert (
              <Link to="/settings/webhooks">webhooks</Link>).
            </p>
          </Empty>
        ) : (
          <DeliveryTable deliveries={deliveries} showAlert={false} now={now} />
        )}
      </section>
    </article>
  );
}
