import { ALERT_SOURCES, type AlertSource, type Role } from "@netops/protocols";
import { Link } from "react-router";
import type { AlertItem } from "./types";
import { type AlertActionHandlers, AlertActions } from "./AlertActions";
import { AlertStateBadge, SilencedBadge } from "./AlertStateBadge";
import { Labels } from "./Labels";
import { SeverityChip } from "./SeverityChip";
import { Time } from "../../components/Time";

export interface AlertListProps extends AlertActionHandlers {
  items: readonly AlertItem[];
  /** The viewer's role: Ack/Unack/Resolve/Silence appear for operator and admin. */
  role: Role;
  /** Group rows under one heading per source. */
  groupBy?: "source" | null;
  /** Ids of alerts with an action in flight (their buttons are disabled). */
  busyIds?: ReadonlySet<number>;
  /** Fixed "now" for relative ages (stories/tests). */
  now?: number;
  caption?: string;
  emptyText?: string;
}

const COLUMNS = 9;

/** The alerts table. Presentational: no data fetching, actions come in as handlers. */
export function AlertList({
  items,
  role,
  groupBy = null,
  busyIds,
  now,
  caption,
  emptyText = "No alerts.",
  onAck,
  onUnack,
  onResolve,
}: AlertListProps) {
  if (items.length === 0) {
    return (
      <div className="state-view empty">
        <p className="state-title">{emptyText}</p>
      </div>
    );
  }
  const groups: [AlertSource | null, AlertItem[]][] =
    groupBy === "source"
      ? ALERT_SOURCES.map((s): [AlertSource, AlertItem[]] => [s, items.filter((a) => a.source === s)]).filter(
          ([, list]) => list.length > 0,
        )
      : [[null, [...items]]];
  const row = (a: AlertItem) => (
    <tr key={a.id} className={`alert-row state-${a.state}${a.silencedBy.length ? " is-silenced" : ""}`}>
      <td>
        <SeverityChip severity={a.severity} />
      </td>
      <td className="summary-cell">
        <Link to={`/alerts/${a.id}`}>{a.summary}</Link>
      </td>
      <td>
        <code>{a.source}</code>
      </td>
      <td>
        <Labels labels={a.labels} />
      </td>
      <td className="num">{a.count}</td>
      <td>
        <Time iso={a.firstSeenAt} relative="only" now={now} />
      </td>
      <td>
        <Time iso={a.lastSeenAt} relative="only" now={now} />
      </td>
      <td>
        <div className="stack">
          <AlertStateBadge state={a.state} />
          {a.state === "acknowledged" && a.acknowledgedBy ? (
            <span className="muted small">
              by {a.acknowledgedBy} <Time iso={a.acknowledgedAt} relative="only" now={now} />
            </span>
          ) : null}
          {a.state === "resolved" && a.resolvedBy ? (
            <span className="muted small">
              by {a.resolvedBy} <Time iso={a.resolvedAt} relative="only" now={now} />
            </span>
          ) : null}
          <SilencedBadge ids={a.silencedBy} />
        </div>
      </td>
      <td>
        <AlertActions
          alert={a}
          role={role}
          busy={busyIds?.has(a.id) ?? false}
          onAck={onAck}
          onUnack={onUnack}
          onResolve={onResolve}
        />
      </td>
    </tr>
  );
  return (
    <div className="table-wrap">
      <table className="table alert-list">
        {caption ? <caption>{caption}</caption> : null}
        <thead>
          <tr>
            <th scope="col">Severity</th>
            <th scope="col">Summary</th>
            <th scope="col">Source</th>
            <th scope="col">Labels</th>
            <th scope="col" className="num">
              Count
            </th>
            <th scope="col">First seen</th>
            <th scope="col">Last seen</th>
            <th scope="col">State</th>
            <th scope="col">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        {groups.map(([source, list]) =>
          source === null ? (
            <tbody key="all">{list.map(row)}</tbody>
          ) : (
            <tbody key={source} className="group" aria-label={`Source ${source}`}>
              <tr className="group-head">
                <th scope="rowgroup" colSpan={COLUMNS}>
                  {source} <span className="muted">({list.length})</span>
                </th>
              </tr>
              {list.map(row)}
            </tbody>
          ),
        )}
      </table>
    </div>
  );
}
