import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { type FormEvent, useEffect, useState } from "react";
import { Link } from "react-router";
import { BgpEventTable } from "./BgpEventTable";
import { BgpUnparsedSection } from "./BgpUnparsedLines";
import { LoadMoreButton } from "../../components/LoadMoreButton";
import { StateView } from "../../components/StateView";
import { ExportLinks } from "../../components/ExportLinks";
import { FieldError } from "../../components/FieldError";
import { TimeRangePicker } from "../../components/TimeRangePicker";
import { FilterGate, hasIssues } from "../../components/FilterGate";
import { useNow } from "../../hooks/useNow";
import { isRelative } from "../../lib/timeRange";
import { useTitle } from "../../hooks/useTitle";
import { type UrlStateIssues, type UrlStateRaw, useUrlState } from "../../lib/urlState";
import { useTRPC } from "../../trpc";
import { type BgpFilters, bgpFiltersSchema, toEventsInput } from "./filters";

const LABELS: Record<string, string> = {
  router: "Router",
  peer: "Peer",
  prefix: "Peer prefix",
  peerAs: "Peer AS",
  direction: "Direction",
  kind: "Event",
  subcode: "Cease subcode",
  q: "Text",
  from: "Time range (from)",
  to: "Time range (to)",
};

type FormProps = {
  filters: BgpFilters;
  onChange: (f: Partial<BgpFilters>) => void;
  issues: UrlStateIssues;
  raw: UrlStateRaw;
};

function FilterForm({ filters, onChange, issues, raw }: FormProps) {
  // A field the URL got wrong shows what the URL said, to be fixed, with the reason under it.
  const shown = { ...filters, ...raw } as BgpFilters;
  const [draft, setDraft] = useState(shown);
  // Reset only when the URL's filters change: the page polls, and an equal new object must not
  // wipe what is being typed.
  const filtersKey = JSON.stringify(shown);
  // biome-ignore lint/correctness/useExhaustiveDependencies: filtersKey stands for filters
  useEffect(() => setDraft(shown), [filtersKey]);
  const set = (k: keyof BgpFilters) => (e: { target: { value: string } }) =>
    setDraft({ ...draft, [k]: e.target.value });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const { from: _f, to: _t, ...rest } = draft;
    onChange(rest);
  };
  const invalid = (k: keyof BgpFilters) =>
    issues[k] && draft[k] === shown[k]
      ? { "aria-invalid": true as const, "aria-describedby": `bgp-${k}-error` }
      : {};
  const error = (k: keyof BgpFilters) =>
    draft[k] === shown[k] ? <FieldError id={`bgp-${k}-error`} message={issues[k]} /> : null;
  const text = (k: keyof BgpFilters, label: string, placeholder = "") => (
    <div className="field inline">
      <label htmlFor={`bgp-${k}`}>{label}</label>
      <input
        id={`bgp-${k}`}
        value={draft[k]}
        placeholder={placeholder}
        maxLength={255}
        onChange={set(k)}
        {...invalid(k)}
      />
      {error(k)}
    </div>
  );
  return (
    <form className="filters" onSubmit={submit} aria-label="BGP event filters">
      <div className="filters-row">
        {text("router", "Router")}
        {text("peer", "Peer", "address or name")}
        {text("prefix", "Peer prefix", "10.0.0.0/8")}
        {text("peerAs", "Peer AS")}
        <div className="field inline">
          <label htmlFor="bgp-direction">Direction</label>
          <select
            id="bgp-direction"
            value={draft.direction}
            onChange={set("direction")}
            {...invalid("direction")}
          >
            <option value="">any</option>
            <option value="received">received</option>
            <option value="sent">sent</option>
            <option value="unknown">unknown</option>
          </select>
          {error("direction")}
        </div>
        <div className="field inline">
          <label htmlFor="bgp-kind">Event</label>
          <select id="bgp-kind" value={draft.kind} onChange={set("kind")} {...invalid("kind")}>
            <option value="">any</option>
            <option value="down">down</option>
            <option value="notification">notification</option>
            <option value="up">up</option>
          </select>
          {error("kind")}
        </div>
        <div className="field inline">
          <label htmlFor="bgp-subcode">Cease subcode</label>
          <select id="bgp-subcode" value={draft.subcode} onChange={set("subcode")} {...invalid("subcode")}>
            <option value="">any</option>
            <option value="2">2 Administrative Shutdown</option>
            <option value="4">4 Administrative Reset</option>
            <option value="3">3 Peer De-configured</option>
            <option value="9">9 Hard Reset</option>
          </select>
          {error("subcode")}
        </div>
      </div>
      <div className="filters-row">
        <div className="field inline">
          <label htmlFor="bgp-q">Text</label>
          <input
            id="bgp-q"
            type="search"
            value={draft.q}
            maxLength={255}
            placeholder="communication, reason, log line"
            onChange={set("q")}
          />
        </div>
        <div className="field inline">
          <TimeRangePicker
            label="Event time"
            value={{ from: filters.from, to: filters.to }}
            onChange={(range) => onChange(range)}
            issues={{ ...(issues.from && { from: issues.from }), ...(issues.to && { to: issues.to }) }}
            raw={{
              ...(raw.from !== undefined && { from: raw.from }),
              ...(raw.to !== undefined && { to: raw.to }),
            }}
          />
        </div>
        <button type="submit">Search</button>
        <Link to="/bgp" className="small">
          Reset filters
        </Link>
      </div>
    </form>
  );
}

/** BGP shutdown communications: every session event from every router, newest first. */
export function BgpPage() {
  useTitle("BGP");
  const trpc = useTRPC();
  const [filters, setFilters, issues, raw] = useUrlState(bgpFiltersSchema);
  // A relative range ("last 1 h") moves with the clock: re-resolve it every 30 s.
  const clock = useNow(30_000);
  const now = isRelative(filters) ? clock : 0;
  const input = toEventsInput(filters, now);
  const list = useInfiniteQuery({
    ...trpc.bgp.events.infiniteQueryOptions(input, {
      getNextPageParam: (last) => last.nextCursor ?? undefined,
    }),
    enabled: !hasIssues(issues),
    placeholderData: keepPreviousData,
    refetchInterval: 5000,
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section className="page">
      <div className="page-head">
        <h1>BGP shutdown communications</h1>
        <div className="row">
          <ExportLinks list="bgp-events" input={input} blocked={hasIssues(issues)} label="BGP events" />
          <Link to="/bgp/compose" className="button">
            Compose a shutdown message
          </Link>
        </div>
      </div>
      <FilterForm filters={filters} onChange={setFilters} issues={issues} raw={raw} />
      <FilterGate issues={issues} labels={LABELS} clearHref="/bgp">
        <StateView query={list} loadingLabel="Loading BGP events…" errorTitle="Could not load BGP events">
          {() => (
            <>
              <p className="muted small" aria-live="polite">
                {items.length} event{items.length === 1 ? "" : "s"} shown
                {list.hasNextPage ? " (more available)" : ""}
              </p>
              <BgpEventTable items={items} emptyText="No BGP events match these filters." />
              <LoadMoreButton query={list} />
            </>
          )}
        </StateView>
      </FilterGate>
      <BgpUnparsedSection {...(filters.router ? { router: filters.router } : {})} />
    </section>
  );
}
