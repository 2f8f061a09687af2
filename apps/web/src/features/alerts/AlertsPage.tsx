import { ALERT_SOURCES, ALERT_STATES, SEVERITIES } from "@netops/protocols";
import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { type FormEvent, useEffect, useMemo, useState } from "react";
import { Link } from "react-router";
import { useRole } from "../../auth/session";
import { ActionError } from "../../components/ActionFeedback";
import { AlertList } from "./AlertList";
import { BulkBar } from "./BulkBar";
import { LoadMoreButton } from "../../components/LoadMoreButton";
import { ErrorView, StateView } from "../../components/StateView";
import { ExportLinks } from "../../components/ExportLinks";
import { FieldError } from "../../components/FieldError";
import { FilterGate, hasIssues } from "../../components/FilterGate";
import { useAlertActions } from "./useAlertActions";
import { useTitle } from "../../hooks/useTitle";
import { type AlertFilters, alertFiltersSchema, nextSort, SILENCED_MODES, toListInput } from "./filters";
import { toggle } from "../../lib/lists";
import { type UrlStateIssues, useUrlState } from "../../lib/urlState";
import { useTRPC } from "../../trpc";

const SILENCED_TEXT: Record<(typeof SILENCED_MODES)[number], string> = {
  include: "Show silenced",
  exclude: "Hide silenced",
  only: "Only silenced",
};

const FILTER_LABELS: Record<string, string> = {
  state: "State",
  severity: "Severity",
  source: "Source",
  q: "Search",
  silenced: "Silenced",
  group: "Group by source",
  sort: "Sort",
  order: "Order",
};

export function AlertFiltersForm({
  filters,
  onChange,
  issues = {},
}: {
  filters: AlertFilters;
  onChange: (f: AlertFilters) => void;
  /** What the URL got wrong, per parameter (lib/urlState), shown on the field. */
  issues?: UrlStateIssues;
}) {
  const described = (k: string) =>
    issues[k] ? { "aria-describedby": `alert-${k}-error`, "aria-invalid": true as const } : {};
  const [q, setQ] = useState(filters.q);
  useEffect(() => setQ(filters.q), [filters.q]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onChange({ ...filters, q });
  };
  return (
    <form className="filters" onSubmit={submit} aria-label="Alert filters">
      <fieldset {...described("state")}>
        <legend>State</legend>
        {ALERT_STATES.map((s) => (
          <label key={s} className="check">
            <input
              type="checkbox"
              checked={filters.state.includes(s)}
              onChange={() => onChange({ ...filters, state: toggle(filters.state, s) })}
            />
            {s}
          </label>
        ))}
        <FieldError id="alert-state-error" message={issues.state} />
      </fieldset>
      <fieldset {...described("severity")}>
        <legend>Severity</legend>
        {SEVERITIES.map((s) => (
          <label key={s} className="check">
            <input
              type="checkbox"
              checked={filters.severity.includes(s)}
              onChange={() => onChange({ ...filters, severity: toggle(filters.severity, s) })}
            />
            {s}
          </label>
        ))}
        <FieldError id="alert-severity-error" message={issues.severity} />
      </fieldset>
      <fieldset {...described("source")}>
        <legend>Source</legend>
        {ALERT_SOURCES.map((s) => (
          <label key={s} className="check">
            <input
              type="checkbox"
              checked={filters.source.includes(s)}
              onChange={() => onChange({ ...filters, source: toggle(filters.source, s) })}
            />
            {s}
          </label>
        ))}
        <FieldError id="alert-source-error" message={issues.source} />
      </fieldset>
      <div className="filters-row">
        <div className="field inline">
          <label htmlFor="alert-q">Search</label>
          <input
            id="alert-q"
            type="search"
            placeholder="summary, labels, details"
            maxLength={200}
            value={q}
            onChange={(e) => setQ(e.target.value)}
            {...(q === filters.q ? described("q") : {})}
          />
          <button type="submit">Search</button>
          {q === filters.q ? <FieldError id="alert-q-error" message={issues.q} /> : null}
        </div>
        <div className="field inline">
          <label htmlFor="alert-silenced">Silenced</label>
          <select
            id="alert-silenced"
            value={filters.silenced}
            onChange={(e) => onChange({ ...filters, silenced: e.target.value as AlertFilters["silenced"] })}
            {...described("silenced")}
          >
            {SILENCED_MODES.map((m) => (
              <option key={m} value={m}>
                {SILENCED_TEXT[m]}
              </option>
            ))}
          </select>
          <FieldError id="alert-silenced-error" message={issues.silenced} />
        </div>
        <label className="check">
          <input
            type="checkbox"
            checked={filters.group === "source"}
            onChange={(e) => onChange({ ...filters, group: e.target.checked ? "source" : null })}
          />
          Group by source
        </label>
        <Link to="/alerts" className="small">
          Reset filters
        </Link>
      </div>
    </form>
  );
}

export function AlertsPage() {
  useTitle("Alerts");
  const trpc = useTRPC();
  const role = useRole();
  const [filters, setFilters, issues] = useUrlState(alertFiltersSchema);
  const actions = useAlertActions();
  const list = useInfiniteQuery({
    ...trpc.alerts.list.infiniteQueryOptions(toListInput(filters), {
      getNextPageParam: (last) => last.nextCursor ?? undefined,
    }),
    enabled: !hasIssues(issues),
    placeholderData: keepPreviousData,
  });
  const items = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
  // Selection survives refetches; ids that left the list (resolved elsewhere, filtered out) drop out.
  const [selectedIds, setSelectedIds] = useState<ReadonlySet<number>>(new Set());
  const selected = items.filter((a) => selectedIds.has(a.id) && a.state !== "resolved");
  const select = (ids: number[], on: boolean) =>
    setSelectedIds((prev) => {
      const next = new Set(prev);
      for (const id of ids) on ? next.add(id) : next.delete(id);
      return next;
    });
  const clear = () => setSelectedIds(new Set());

  return (
    <section className="page">
      <div className="page-head">
        <h1>Alerts</h1>
        <div className="row">
          <ExportLinks
            list="alerts"
            input={toListInput(filters)}
            blocked={hasIssues(issues)}
            label="alerts"
          />
          <Link to="/alerts/silences" className="button">
            Silences
          </Link>
        </div>
      </div>
      <AlertFiltersForm filters={filters} onChange={setFilters} issues={issues} />
      <ActionError title="The action failed" mutations={[actions]} />
      {selected.length > 0 ? (
        <BulkBar
          selected={selected}
          busy={selected.some((a) => actions.busyIds.has(a.id))}
          note={actions.bulkNote}
          onAck={(ids) => void actions.ackMany(ids)}
          onResolve={(ids) => void actions.resolveMany(ids).then(clear)}
          onClear={() => {
            clear();
            actions.clearBulkNote();
          }}
        />
      ) : null}
      <FilterGate issues={issues} labels={FILTER_LABELS} clearHref="/alerts">
        <StateView query={list} loadingLabel="Loading alerts…" errorTitle="Could not load alerts">
          {() => (
            <>
              <p className="muted small" aria-live="polite">
                {list.isPlaceholderData
                  ? "Updating…"
                  : `${items.length} alert${items.length === 1 ? "" : "s"} shown`}
                {list.hasNextPage ? " (more available)" : ""}
              </p>
              <AlertList
                items={items}
                role={role}
                groupBy={filters.group}
                sort={{
                  sort: filters.sort,
                  order: filters.order,
                  onSort: (column) => setFilters({ ...filters, ...nextSort(filters, column) }),
                }}
                selected={selectedIds}
                onSelect={select}
                onAckGroup={(group) => void actions.ackMany(group.map((a) => a.id))}
                busyIds={actions.busyIds}
                onAck={actions.onAck}
                onUnack={actions.onUnack}
                onResolve={actions.onResolve}
                emptyText="No alerts match these filters."
              />
              {list.error ? <ErrorView error={list.error} title="Could not load more" compact /> : null}
              <LoadMoreButton query={list} />
            </>
          )}
        </StateView>
      </FilterGate>
    </section>
  );
}
