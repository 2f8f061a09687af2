/**
 * The one timeline: every subsystem's events on one time axis, filtered by range, subsystem,
 * severity and (optionally) one entity; a chart to see and zoom, the events as a table, CSV and JSON
 * export. Used by the timeline page and by every entity page.
 */
import {
  type EntityRef,
  SEARCH_SUBSYSTEM_LABELS,
  SEARCH_SUBSYSTEMS,
  type SearchSubsystem,
  SEVERITIES,
  type Severity,
  type TimelineEvent,
} from "@netops/protocols";
import { keepPreviousData, useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { Link } from "react-router";
import { EntityLink } from "../../components/EntityLink";
import { DataTable } from "../../components/DataTable";
import { LoadMoreButton } from "../../components/LoadMoreButton";
import { FieldError } from "../../components/FieldError";
import { Empty, ErrorView, Loading } from "../../components/StateView";
import { FilterGate } from "../../components/FilterGate";
import { Time } from "../../components/Time";
import { TimeRangePicker } from "../../components/TimeRangePicker";
import { isRelative, rangeIssue, resolveTimeRange, toUrlInstant } from "../../lib/timeRange";
import { useZoneMode } from "../../lib/timeZoneMode";
import type { UrlStateIssues } from "../../lib/urlState";
import { useTRPC, useTRPCClient } from "../../trpc";
import { SeverityChip } from "../alerts/SeverityChip";
import { bucketEvents } from "./buckets";
import { download, exportFileName, timelineCsv, timelineJson } from "./exportEvents";
import { TimelineChart } from "./TimelineChart";
import "./timeline.css";

export interface TimelineFilters {
  from: string;
  to: string;
  subsystem: SearchSubsystem[];
  severity: Severity[];
}

export interface TimelineViewProps {
  filters: TimelineFilters;
  onChange: (change: Partial<TimelineFilters>, options?: { replace?: boolean }) => void;
  issues?: UrlStateIssues;
  entity?: EntityRef | null;
  /** Fixed "now" (stories, tests); otherwise the clock when the range was chosen or refreshed. */
  now?: number;
  /** Events per page. */
  pageSize?: number;
}

/** Open ends for the API, which wants both: the epoch for "from the beginning", now for "until now". */
export function apiRange(filters: TimelineFilters, now: number): { from: string; to: string } {
  const r = resolveTimeRange(filters, now);
  return { from: r.from ?? new Date(0).toISOString(), to: r.to ?? new Date(now).toISOString() };
}

const LABELS = { subsystem: "Subsystems", severity: "Severities", entity: "About" };

/** Most events one export fetches (10 pages of 1,000). */
export const EXPORT_MAX = 10_000;
/** Most events the chart counts (5 pages of 1,000, newest first). */
export const CHART_MAX = 5_000;

export function TimelineView({
  filters,
  onChange,
  issues = {},
  entity,
  now: fixedNow,
  pageSize = 200,
}: TimelineViewProps) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const mode = useZoneMode();
  const [clock, setClock] = useState(() => Date.now());
  const now = fixedNow ?? clock;
  const rangeBad = Boolean(issues.from || issues.to) || rangeIssue(filters, now) !== null;
  // Any other value the address got wrong (subsystem, severity, the page's entity) is not queried
  // as its default: events "filtered" by it would be every event.
  const otherIssues = Object.fromEntries(Object.entries(issues).filter(([k]) => k !== "from" && k !== "to"));
  const blocked = rangeBad || Object.keys(otherIssues).length > 0;
  const range = apiRange(filters, now);
  const input = {
    ...range,
    ...(entity ? { entity } : {}),
    ...(filters.subsystem.length ? { subsystems: filters.subsystem } : {}),
    ...(filters.severity.length ? { severities: filters.severity } : {}),
    limit: pageSize,
  };
  const list = useInfiniteQuery({
    ...trpc.timeline.list.infiniteQueryOptions(input, {
      getNextPageParam: (p) => p.nextCursor ?? undefined,
    }),
    enabled: !blocked,
    placeholderData: keepPreviousData,
  });
  const events = useMemo(() => list.data?.pages.flatMap((p) => p.events) ?? [], [list.data]);
  // The chart counts the whole range (up to CHART_MAX), not only the rows loaded below.
  const chart = useQuery({
    queryKey: ["timeline-chart", input],
    enabled: !blocked,
    placeholderData: keepPreviousData,
    queryFn: async ({ signal }) => {
      const out: { at: string; severity: Severity }[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < CHART_MAX / 1000; page++) {
        const r = await client.timeline.list.query(
          { ...input, limit: 1000, ...(cursor ? { cursor } : {}) },
          { signal },
        );
        for (const e of r.events) out.push({ at: e.at, severity: e.severity });
        cursor = r.nextCursor ?? undefined;
        if (!cursor) break;
      }
      return { events: out, truncated: cursor !== undefined };
    },
  });
  const counted = chart.data?.events ?? events;
  const fromS = Math.floor(Date.parse(range.from) / 1000);
  const toS = Math.ceil(Date.parse(range.to) / 1000);
  // With no lower bound, the chart starts at the oldest event shown rather than in 1970.
  const oldest = counted.length ? Math.floor(Date.parse(counted[counted.length - 1]!.at) / 1000) : toS - 3600;
  const chartFrom = filters.from ? fromS : Math.min(oldest, toS - 60);
  const buckets = useMemo(() => bucketEvents(counted, chartFrom, toS + 1), [counted, chartFrom, toS]);

  const [exporting, setExporting] = useState<null | "csv" | "json">(null);
  const [exportError, setExportError] = useState<unknown>(null);
  const runExport = async (kind: "csv" | "json") => {
    setExporting(kind);
    setExportError(null);
    try {
      const all: TimelineEvent[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < EXPORT_MAX / 1000; page++) {
        const r = await client.timeline.list.query({ ...input, limit: 1000, ...(cursor ? { cursor } : {}) });
        all.push(...r.events);
        cursor = r.nextCursor ?? undefined;
        if (!cursor) break;
      }
      const truncated = cursor !== undefined;
      const name = exportFileName(range.from, range.to, kind);
      if (kind === "csv") download(timelineCsv(all), name, "text/csv");
      else
        download(
          timelineJson(all, {
            ...range,
            range: { from: filters.from, to: filters.to },
            filters: { subsystems: filters.subsystem, severities: filters.severity, entity: entity ?? null },
            truncated,
          }),
          name,
          "application/json",
        );
    } catch (e) {
      setExportError(e);
    } finally {
      setExporting(null);
    }
  };

  const toggle = <T extends string>(list: readonly T[], v: T) =>
    list.includes(v) ? list.filter((x) => x !== v) : [...list, v];

  return (
    <div className="tl-view">
      <div className="timeline-controls">
        <TimeRangePicker
          value={{ from: filters.from, to: filters.to }}
          issues={{ from: issues.from, to: issues.to }}
          label="Timeline range"
          onChange={(r) => {
            setClock(Date.now());
            onChange(r);
          }}
        />
        {isRelative(filters) && fixedNow === undefined ? (
          <button type="button" className="btn-sm ghost" onClick={() => setClock(Date.now())}>
            Refresh
          </button>
        ) : null}
        <fieldset
          className="timeline-filter"
          aria-invalid={issues.subsystem ? true : undefined}
          aria-describedby={issues.subsystem ? "timeline-subsystem-error" : undefined}
        >
          <legend className="sr-only">Subsystems</legend>
          {SEARCH_SUBSYSTEMS.map((s) => (
            <label key={s} className="chip-toggle">
              <input
                type="checkbox"
                checked={filters.subsystem.includes(s)}
                onChange={() => onChange({ subsystem: toggle(filters.subsystem, s) })}
              />
              {SEARCH_SUBSYSTEM_LABELS[s]}
            </label>
          ))}
        </fieldset>
        <fieldset
          className="timeline-filter"
          aria-invalid={issues.severity ? true : undefined}
          aria-describedby={issues.severity ? "timeline-severity-error" : undefined}
        >
          <legend className="sr-only">Severities</legend>
          {SEVERITIES.map((s) => (
            <label key={s} className="chip-toggle">
              <input
                type="checkbox"
                checked={filters.severity.includes(s)}
                onChange={() => onChange({ severity: toggle(filters.severity, s) })}
              />
              {s}
            </label>
          ))}
        </fieldset>
        <FieldError
          id="timeline-subsystem-error"
          message={issues.subsystem && `Subsystems: ${issues.subsystem}`}
        />
        <FieldError
          id="timeline-severity-error"
          message={issues.severity && `Severities: ${issues.severity}`}
        />
      </div>
      <p className="small muted">
        {filters.subsystem.length || filters.severity.length
          ? "Filtered: "
          : "All subsystems and severities. "}
        {filters.subsystem.map((s) => SEARCH_SUBSYSTEM_LABELS[s]).join(", ")}
        {filters.subsystem.length && filters.severity.length ? "; " : ""}
        {filters.severity.join(", ")}
        {filters.subsystem.length || filters.severity.length ? ". " : ""}
        Range <Time iso={range.from} /> to <Time iso={range.to} />.
      </p>
      {rangeBad ? (
        <p className="error-text" role="alert">
          The time range cannot be used: {issues.from ?? issues.to ?? rangeIssue(filters, now)}
        </p>
      ) : blocked ? (
        <FilterGate issues={otherIssues} labels={LABELS}>
          {null}
        </FilterGate>
      ) : list.error && !list.data ? (
        <ErrorView
          error={list.error}
          title="Could not load the timeline"
          onRetry={() => void list.refetch()}
        />
      ) : list.isPending ? (
        <Loading label="Loading events…" />
      ) : (
        <>
          <TimelineChart
            buckets={buckets}
            fromS={chartFrom}
            toS={toS}
            utc={mode === "utc"}
            onZoom={(f, t) => onChange({ from: toUrlInstant(f * 1000), to: toUrlInstant(t * 1000) })}
          />
          <div className="row wrap timeline-meta">
            <p className="small muted" aria-live="polite">
              {list.isPlaceholderData
                ? "Updating…"
                : `${events.length} event${events.length === 1 ? "" : "s"} shown`}
              {list.hasNextPage ? " (older ones: load more below)" : ""}.{" "}
              {chart.data?.truncated
                ? `The chart counts the newest ${CHART_MAX.toLocaleString("en")} events of the range. `
                : ""}
              Drag across the chart to zoom.
            </p>
            <div className="actions">
              <button
                type="button"
                className="btn-sm"
                disabled={exporting !== null}
                onClick={() => void runExport("csv")}
              >
                {exporting === "csv" ? "Exporting…" : "Export CSV"}
              </button>
              <button
                type="button"
                className="btn-sm"
                disabled={exporting !== null}
                onClick={() => void runExport("json")}
              >
                {exporting === "json" ? "Exporting…" : "Export JSON"}
              </button>
            </div>
          </div>
          {exportError ? (
            <ErrorView
              error={exportError}
              title="Export failed"
              compact
              onDismiss={() => setExportError(null)}
            />
          ) : null}
          {events.length === 0 ? (
            <Empty title="No events in this range.">
              <p className="small">Widen the range or clear the filters.</p>
            </Empty>
          ) : (
            <EventTable events={events} showEntity={!entity} />
          )}
          {list.error ? <ErrorView error={list.error} title="Could not load more" compact /> : null}
          <LoadMoreButton query={list} label="Load older events" />
        </>
      )}
    </div>
  );
}

function EventTable({ events, showEntity }: { events: TimelineEvent[]; showEntity: boolean }) {
  return (
    <DataTable
      columns={["Time", "Severity", "Subsystem", "Event", showEntity && "About"]}
      label="Events, newest first"
      className="timeline-table"
    >
      {events.map((e) => (
        <tr key={e.id}>
          <td>
            <Time iso={e.at} />
          </td>
          <td>
            <SeverityChip severity={e.severity} />
          </td>
          <td>{SEARCH_SUBSYSTEM_LABELS[e.subsystem]}</td>
          <td>
            <Link to={e.url}>{e.title}</Link>
            {e.detail ? <div className="small muted break-words">{e.detail}</div> : null}
          </td>
          {showEntity ? (
            <td>
              {e.entity ? (
                <EntityLink kind={e.entity.type} value={e.entity.value} />
              ) : (
                <span className="muted">—</span>
              )}
            </td>
          ) : null}
        </tr>
      ))}
    </DataTable>
  );
}
