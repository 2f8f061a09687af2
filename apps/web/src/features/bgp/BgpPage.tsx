import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { type FormEvent, useEffect, useState } from "react";
import { Link } from "react-router";
import { BgpEventTable } from "./BgpEventTable";
import { BgpUnparsedSection } from "./BgpUnparsedLines";
import { LoadMoreButton } from "../../components/LoadMoreButton";
import { StateView } from "../../components/StateView";
import { UrlIssues } from "../../components/UrlIssues";
import { useTitle } from "../../hooks/useTitle";
import { useUrlState } from "../../lib/urlState";
import { useTRPC } from "../../trpc";
import { type BgpFilters, bgpFiltersSchema, toEventsInput } from "./filters";

function FilterForm({ filters, onChange }: { filters: BgpFilters; onChange: (f: BgpFilters) => void }) {
  const [draft, setDraft] = useState(filters);
  // Reset only when the URL's filters change: the page polls, and an equal new object must not
  // wipe what is being typed.
  const filtersKey = JSON.stringify(filters);
  // biome-ignore lint/correctness/useExhaustiveDependencies: filtersKey stands for filters
  useEffect(() => setDraft(filters), [filtersKey]);
  const set = (k: keyof BgpFilters) => (e: { target: { value: string } }) =>
    setDraft({ ...draft, [k]: e.target.value });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onChange(draft);
  };
  const text = (k: keyof BgpFilters, label: string, placeholder = "") => (
    <div className="field inline">
      <label htmlFor={`bgp-${k}`}>{label}</label>
      <input id={`bgp-${k}`} value={draft[k]} placeholder={placeholder} maxLength={255} onChange={set(k)} />
    </div>
  );
  return (
    <form className="filters" onSubmit={submit} aria-label="BGP event filters">
      <div className="filters-row">
        {text("router", "Router")}
        {text("peer", "Peer", "address or name")}
        {text("peerAs", "Peer AS")}
        <div className="field inline">
          <label htmlFor="bgp-direction">Direction</label>
          <select id="bgp-direction" value={draft.direction} onChange={set("direction")}>
            <option value="">any</option>
            <option value="received">received</option>
            <option value="sent">sent</option>
            <option value="unknown">unknown</option>
          </select>
        </div>
        <div className="field inline">
          <label htmlFor="bgp-kind">Event</label>
          <select id="bgp-kind" value={draft.kind} onChange={set("kind")}>
            <option value="">any</option>
            <option value="down">down</option>
            <option value="notification">notification</option>
            <option value="up">up</option>
          </select>
        </div>
        <div className="field inline">
          <label htmlFor="bgp-subcode">Cease subcode</label>
          <select id="bgp-subcode" value={draft.subcode} onChange={set("subcode")}>
            <option value="">any</option>
            <option value="2">2 Administrative Shutdown</option>
            <option value="4">4 Administrative Reset</option>
            <option value="3">3 Peer De-configured</option>
            <option value="9">9 Hard Reset</option>
          </select>
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
          <label htmlFor="bgp-from">From</label>
          <input id="bgp-from" type="datetime-local" value={draft.from} onChange={set("from")} />
        </div>
        <div className="field inline">
          <label htmlFor="bgp-to">To</label>
          <input id="bgp-to" type="datetime-local" value={draft.to} onChange={set("to")} />
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
  const [filters, setFilters, issues] = useUrlState(bgpFiltersSchema);
  const list = useInfiniteQuery({
    ...trpc.bgp.events.infiniteQueryOptions(toEventsInput(filters), {
      getNextPageParam: (last) => last.nextCursor ?? undefined,
    }),
    placeholderData: keepPreviousData,
    refetchInterval: 5000,
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section className="page">
      <div className="page-head">
        <h1>BGP shutdown communications</h1>
        <Link to="/bgp/compose" className="button">
          Compose a shutdown message
        </Link>
      </div>
      <FilterForm filters={filters} onChange={setFilters} />
      <UrlIssues issues={issues} />
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
      <BgpUnparsedSection {...(filters.router ? { router: filters.router } : {})} />
    </section>
  );
}
