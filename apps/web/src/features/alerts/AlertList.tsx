import { ALERT_SOURCES, type AlertSource, type Role } from "@netops/protocols";
import { Link } from "react-router";
import type { AlertItem } from "./types";
import { type AlertActionHandlers, AlertActions } from "./AlertActions";
import { AlertStateBadge, SilencedBadge } from "./AlertStateBadge";
import { Labels } from "./Labels";
import { SeverityChip } from "./SeverityChip";
import { DataTable, type DataTableColumn } from "../../components/DataTable";
import { Empty } from "../../components/StateView";
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

const COLUMNS: readonly DataTableColumn[] = [
  "Severity",
  "Summary",
  "Source",
  "Labels",
  { key: "count", label: "Count", className: "num" },
  "First seen",
  "Last seen",
  "State",
];

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
    return <Empty title={emptyText} />;
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
    <DataTable className="alert-list" columns={COLUMNS} actions caption={caption || undefined} rowGroups>
      {groups.map(([source, list]) =>
        source === null ? (
          <tbody key="all">{list.map(row)}</tbody>
        ) : (
          <tbody key={source} className="group" aria-label={`Source ${source}`}>
            <tr className="group-head">
              <th scope="rowgroup" colSpan={COLUMNS.length + 1}>
                {source} <span className="muted">({list.length})</span>
              </th>
            </tr>
            {list.map(row)}
          </tbody>
        ),
      )}
    </DataTable>
  );
}
