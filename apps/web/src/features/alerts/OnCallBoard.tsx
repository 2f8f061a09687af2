import { type Role, roleAtLeast } from "@netops/protocols";
import { Link } from "react-router";
import { ConfirmButton } from "../../components/ConfirmButton";
import { IdentifierLink } from "../../components/EntityLinkAuto";
import { formatAge, formatDuration } from "../../lib/time";
import { silenceLinkForAlert } from "./matchers";
import type { AlertItem } from "./types";
import { SeverityChip } from "./SeverityChip";

export interface OnCallBoardProps {
  /** Active alerts, worst first (as `alerts.active` returns them). */
  items: readonly AlertItem[];
  role: Role;
  now: number;
  onAck?: (a: AlertItem) => void;
  /** Silence this alert's exact condition for an hour, from the card. */
  onSilence?: (a: AlertItem) => void;
  busyIds?: ReadonlySet<number>;
}

/** Cards for a wall screen or a phone: firing first, acknowledged dimmed; compact on narrow screens. */
export function OnCallBoard({ items, role, now, onAck, onSilence, busyIds }: OnCallBoardProps) {
  const firing = items.filter((a) => a.state === "firing");
  const acked = items.filter((a) => a.state === "acknowledged");
  const operator = roleAtLeast(role, "operator");
  if (firing.length === 0 && acked.length === 0) {
    return (
      <div className="oncall-clear" role="status">
        <span aria-hidden="true">✓</span> All clear — no firing alerts.
      </div>
    );
  }
  const card = (a: AlertItem) => {
    const busy = busyIds?.has(a.id) ?? false;
    const what = `alert ${a.id}: ${a.summary}`;
    return (
      <li key={a.id} className={`oncall-card sev-border-${a.severity} state-${a.state}`}>
        <div className="oncall-top">
          <SeverityChip severity={a.severity} size="large" />
          <span className="oncall-age" title="Time since first seen">
            {a.state === "firing" ? "firing" : "open"} for{" "}
            {formatDuration(now - Date.parse(a.firstSeenAt), { seconds: true })}
          </span>
        </div>
        <p className="oncall-summary">
          <Link to={`/alerts/${a.id}`}>{a.summary}</Link>
        </p>
        <p className="oncall-meta">
          <code>{a.source}</code>
          {Object.entries(a.labels)
            .slice(0, 3)
            .map(([k, v]) => (
              <code key={k}>
                {k}=<IdentifierLink value={v} field={k} code={false} />
              </code>
            ))}
          {a.count > 1 ? <span>seen {a.count}×</span> : null}
        </p>
        {a.state === "acknowledged" ? (
          <p className="oncall-ack">
            Acknowledged by {a.acknowledgedBy ?? "?"} {formatAge(a.acknowledgedAt, now)}
          </p>
        ) : null}
        {operator ? (
          <div className="oncall-actions">
            {a.state === "firing" && onAck ? (
              <button
                type="button"
                className="btn-xl primary"
                disabled={busy}
                aria-label={`Acknowledge ${what}`}
                onClick={() => onAck(a)}
              >
                {busy ? "Acknowledging…" : "Ack"}
              </button>
            ) : null}
            {onSilence ? (
              <ConfirmButton
                className="btn-xl"
                disabled={busy}
                ariaLabel={`Silence ${what} for 1 hour`}
                question="Silence for 1 hour?"
                onConfirm={() => onSilence(a)}
              >
                Silence 1h
              </ConfirmButton>
            ) : (
              <Link className="button btn-xl" to={silenceLinkForAlert(a)} aria-label={`Silence ${what}`}>
                Silence…
              </Link>
            )}
          </div>
        ) : null}
      </li>
    );
  };
  return (
    <>
      <h2 className="oncall-count">
        {firing.length} firing
        {acked.length ? <span className="muted">, {acked.length} acknowledged</span> : null}
      </h2>
      <ul className="oncall-list">
        {firing.map(card)}
        {acked.map(card)}
      </ul>
    </>
  );
}
