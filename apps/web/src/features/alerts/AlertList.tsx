import {
  ALERT_SOURCES,
  type AlertSort,
  type AlertSource,
  type Role,
  roleAtLeast,
  type SortOrder,
} from "@netops/protocols";
import type { KeyboardEvent } from "react";
import { Link } from "react-router";
import type { AlertItem } from "./types";
import { type AlertActionHandlers, AlertActions } from "./AlertActions";
import { AlertStateBadge, SilencedBadge } from "./AlertStateBadge";
import { Labels } from "./Labels";
import { SeverityChip } from "./SeverityChip";
import { formatMatchers } from "./matchers";
import { DataTable, type DataTableColumn } from "../../components/DataTable";
import { Empty } from "../../components/StateView";
import { Time } from "../../components/Time";
import "./alerts.css";

export interface AlertListSort {
  sort: AlertSort;
  order: SortOrder;
  /** A column heading was clicked. */
  onSort: (column: AlertSort) => void;
}

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
  /** Makes the column headings sort buttons (the order itself comes from the API). */
  sort?: AlertListSort;
  /** With `onSelect` (operators only): a checkbox per row and per group, for bulk actions. */
  selected?: ReadonlySet<number>;
  onSelect?: (ids: number[], on: boolean) => void;
  /** Acknowledge every firing alert of a group (shown on group headings). */
  onAckGroup?: (items: AlertItem[]) => void;
}

const COLUMNS: readonly { label: string; sort: AlertSort | null; className?: string }[] = [
  { label: "Severity", sort: "severity" },
  { label: "Summary", sort: "summary" },
  { label: "Source", sort: "source" },
  { label: "Labels", sort: null },
  { label: "Count", sort: "count", className: "num" },
  { label: "First seen", sort: "firstSeen" },
  { label: "Last seen", sort: "lastSeen" },
  { label: "State", sort: "state" },
];

const ARROW = { asc: "▲", desc: "▼" } as const;

function headings(sort: AlertListSort | undefined, selectAll: DataTableColumn | null): DataTableColumn[] {
  const cols: DataTableColumn[] = COLUMNS.map((c) => {
    if (!sort || !c.sort) return { key: c.label, label: c.label, className: c.className };
    const column = c.sort;
    const active = sort.sort === column;
    return {
      key: c.label,
      className: `sortable${c.className ? ` ${c.className}` : ""}`,
      sort: active ? (sort.order === "asc" ? "ascending" : "descending") : "none",
      label: (
        <button type="button" className="sort-button" onClick={() => sort.onSort(column)}>
          {c.label}
          <span aria-hidden="true" className="sort-arrow">
            {active ? ARROW[sort.order] : ""}
          </span>
        </button>
      ),
    };
  });
  return selectAll ? [selectAll, ...cols] : cols;
}

/** Typing in a field never triggers a shortcut. */
const typing = (t: EventTarget) =>
  t instanceof HTMLElement && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));

/** The alerts table. Presentational: no data fetching, actions come in as handlers. */
export function AlertList({
  items,
  role,
  groupBy = null,
  busyIds,
  now,
  caption,
  emptyText = "No alerts.",
  sort,
  selected,
  onSelect,
  onAckGroup,
  onAck,
  onUnack,
  onResolve,
}: AlertListProps) {
  if (items.length === 0) {
    return <Empty title={emptyText} />;
  }
  const operator = roleAtLeast(role, "operator");
  const selectable = operator && onSelect !== undefined;
  const open = items.filter((a) => a.state !== "resolved");
  const isSel = (a: AlertItem) => selected?.has(a.id) ?? false;
  const allOn = open.length > 0 && open.every(isSel);
  const selectAll: DataTableColumn | null = selectable
    ? {
        key: "select",
        className: "select-cell",
        label: (
          <input
            type="checkbox"
            aria-label="Select every open alert shown"
            checked={allOn}
            disabled={open.length === 0}
            onChange={() =>
              onSelect(
                open.map((a) => a.id),
                !allOn,
              )
            }
          />
        ),
      }
    : null;
  const columns = headings(sort, selectAll);
  const groups: [AlertSource | null, AlertItem[]][] =
    groupBy === "source"
      ? ALERT_SOURCES.map((s): [AlertSource, AlertItem[]] => [s, items.filter((a) => a.source === s)]).filter(
          ([, list]) => list.length > 0,
        )
      : [[null, [...items]]];

  // `a` acknowledges the alert whose row holds the focus; `j`/`k` move between rows.
  const onKeyDown = (e: KeyboardEvent<HTMLTableElement>) => {
    if (e.altKey || e.ctrlKey || e.metaKey || typing(e.target)) return;
    const row = (e.target as HTMLElement).closest<HTMLElement>("tr[data-alert-id]");
    if (e.key === "j" || e.key === "k") {
      const links = [...e.currentTarget.querySelectorAll<HTMLElement>("a.alert-link")];
      const at = row ? links.findIndex((l) => row.contains(l)) : -1;
      const next = links[e.key === "j" ? at + 1 : Math.max(0, at - 1)];
      if (next) {
        e.preventDefault();
        next.focus();
      }
      return;
    }
    if (e.key !== "a" || !row || !operator || !onAck) return;
    const a = items.find((x) => String(x.id) === row.dataset.alertId);
    if (a && a.state === "firing" && !busyIds?.has(a.id)) {
      e.preventDefault();
      onAck(a);
    }
  };

  const row = (a: AlertItem) => (
    <tr
      key={a.id}
      data-alert-id={a.id}
      className={`alert-row state-${a.state}${a.silencedBy.length ? " is-silenced" : ""}${isSel(a) ? " is-selected" : ""}`}
    >
      {selectable ? (
        <td className="select-cell">
          {a.state !== "resolved" ? (
            <input
              type="checkbox"
              aria-label={`Select alert ${a.id}: ${a.summary}`}
              checked={isSel(a)}
              onChange={(e) => onSelect([a.id], e.target.checked)}
            />
          ) : null}
        </td>
      ) : null}
      <td>
        <SeverityChip severity={a.severity} />
      </td>
      <td className="summary-cell">
        <Link className="alert-link" to={`/alerts/${a.id}`}>
          {a.summary}
        </Link>
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
  const groupHead = (source: AlertSource, list: AlertItem[]) => {
    const firing = list.filter((a) => a.state === "firing");
    const groupOpen = list.filter((a) => a.state !== "resolved");
    const groupOn = groupOpen.length > 0 && groupOpen.every(isSel);
    return (
      <tr className="group-head">
        <th scope="rowgroup" colSpan={columns.length + 1}>
          <div className="group-bar">
            {selectable && groupOpen.length ? (
              <input
                type="checkbox"
                aria-label={`Select the open alerts of ${source}`}
                checked={groupOn}
                onChange={() =>
                  onSelect(
                    groupOpen.map((a) => a.id),
                    !groupOn,
                  )
                }
              />
            ) : null}
            <span>
              {source} <span className="muted">({list.length})</span>
            </span>
            {operator && onAckGroup && firing.length ? (
              <button
                type="button"
                className="btn-sm"
                aria-label={`Acknowledge the ${firing.length} firing alert${firing.length === 1 ? "" : "s"} of ${source}`}
                disabled={firing.some((a) => busyIds?.has(a.id))}
                onClick={() => onAckGroup(firing)}
              >
                Acknowledge {firing.length} firing
              </button>
            ) : null}
            {operator && groupOpen.length ? (
              <Link
                className="button btn-sm"
                to={`/alerts/silences?${new URLSearchParams({
                  matchers: formatMatchers([{ name: "source", op: "=", value: source }]),
                })}`}
              >
                Silence {source}
              </Link>
            ) : null}
          </div>
        </th>
      </tr>
    );
  };
  return (
    <DataTable
      className="alert-list"
      columns={columns}
      actions
      caption={caption || undefined}
      rowGroups
      onKeyDown={onKeyDown}
    >
      {groups.map(([source, list]) =>
        source === null ? (
          <tbody key="all">{list.map(row)}</tbody>
        ) : (
          <tbody key={source} className="group" aria-label={`Source ${source}`}>
            {groupHead(source, list)}
            {list.map(row)}
          </tbody>
        ),
      )}
    </DataTable>
  );
}
