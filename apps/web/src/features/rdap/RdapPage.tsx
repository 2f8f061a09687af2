import { roleAtLeast } from "@netops/protocols";
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRole } from "../../auth/session";
import type { RouterOutputs } from "@netops/api";
import { useEffect, useRef, useState } from "react";
import { LoadMoreButton } from "../../components/LoadMoreButton";
import { ConsistencyPanel } from "./ConsistencyPanel";
import { Findings } from "./Findings";
import { Notices } from "./Notices";
import { RdapObjectView } from "./RdapObjectView";
import { RdapStatusLine } from "./RdapStatusLine";
import { SearchBox } from "./SearchBox";
import { SearchControls } from "./SearchControls";
import { SearchResults } from "./SearchResults";
import "./rdap.css";
import { Empty, ErrorView, Loading } from "../../components/StateView";
import { FilterGate, hasIssues } from "../../components/FilterGate";
import { useTitle } from "../../hooks/useTitle";
import { useUrlState } from "../../lib/urlState";
import { useTRPC, useTRPCClient } from "../../trpc";
import { describePicked, type RdapParams, rdapParamsSchema, toQueryInput } from "./params";

type View = RouterOutputs["rdap"]["next"];
type OkView = Extract<View, { ok: true }>;
type Page = RouterOutputs["rdap"]["query"];

function QueryError({ view }: { view: Extract<View, { ok: false }> }) {
  return (
    <div className="state-view error" role="alert">
      <p className="state-title">
        <span aria-hidden="true">⚠ </span>The query failed ({view.error.code}
        {view.error.status ? `, HTTP ${view.error.status}` : ""})
      </p>
      <p className="state-body">{view.error.message}</p>
      {view.url ? (
        <p className="state-body small">
          <code>{view.url}</code>
        </p>
      ) : null}
    </div>
  );
}

const LABELS = { q: "Query", type: "Type", sort: "Sort", fieldSet: "Field set" };

const TABS = ["Result", "Raw JSON", "Findings"] as const;
type Tab = (typeof TABS)[number];

function Related({ url }: { url: string }) {
  const trpc = useTRPC();
  const rel = useQuery(trpc.rdap.related.queryOptions({ url }));
  if (rel.isPending) return <Loading label="Following to the registrar…" />;
  if (rel.error) return <ErrorView error={rel.error} title="Could not follow to the registrar" compact />;
  return (
    <section aria-label="Registrar's record">
      <h2>The registrar's record</h2>
      {rel.data.map((v) =>
        v.ok && v.response.object ? (
          <div key={v.url}>
            <p className="muted small">
              <code>{v.finalUrl}</code>
            </p>
            <RdapObjectView object={v.response.object} />
          </div>
        ) : v.ok ? null : (
          <QueryError key={v.url} view={v} />
        ),
      )}
    </section>
  );
}

function Answer({
  pages,
  params,
  onChange,
}: {
  pages: Page[];
  params: RdapParams;
  onChange: (p: RdapParams) => void;
}) {
  const [tab, setTab] = useState<Tab>("Result");
  const [follow, setFollow] = useState(false);
  const first = pages[0];
  if (!first) return null;
  const views = pages.map((p) => p.result);
  const firstView = first.result;
  const last = views[views.length - 1] as View;
  const okViews = views.filter((v): v is OkView => v.ok);
  const results = okViews.flatMap((v) => v.response.results ?? []);
  const head = firstView.ok ? firstView : null;
  return (
    <>
      {first.picked ? (
        <p className="muted" aria-live="polite">
          Recognised as: <strong>{describePicked(first.picked)}</strong>
          {first.picked.because ? ` — ${first.picked.because}` : ""}
        </p>
      ) : null}
      {!firstView.ok ? (
        <>
          <QueryError view={firstView} />
          {first.picked?.type === "domain" && firstView.error.status === 404 ? (
            <p>
              No domain by that name here. A name server (host) name?{" "}
              <button type="button" onClick={() => onChange({ ...params, type: "nameserver" })}>
                Try as nameserver
              </button>
            </p>
          ) : null}
        </>
      ) : (
        <>
          <p className="muted small">
            <code>{firstView.url}</code> · HTTP {firstView.status} · {Math.round(firstView.ms)} ms
            {firstView.fromCache ? " · from cache" : ""}
          </p>
          {head?.response.kind === "search" ? (
            <SearchControls metadata={head.metadata} params={params} onChange={onChange} />
          ) : null}
          <div role="tablist" aria-label="Views" className="subnav">
            {TABS.map((t) => (
              <button
                key={t}
                type="button"
                role="tab"
                aria-selected={tab === t}
                className={tab === t ? "button" : ""}
                onClick={() => setTab(t)}
              >
                {t === "Findings" ? `Findings (${okViews.reduce((n, v) => n + v.findings.length, 0)})` : t}
              </button>
            ))}
          </div>
          {tab === "Raw JSON" ? (
            <div role="tabpanel" aria-label="Raw JSON">
              {okViews.map((v, i) => (
                <details key={v.finalUrl} open={i === okViews.length - 1}>
                  <summary>
                    Page {i + 1}: <code>{v.finalUrl}</code>
                  </summary>
                  <pre className="small">{pretty(v.raw)}</pre>
                </details>
              ))}
            </div>
          ) : tab === "Findings" ? (
            <div role="tabpanel" aria-label="Findings">
              <Findings items={okViews.flatMap((v) => v.findings)} />
            </div>
          ) : (
            <div role="tabpanel" aria-label="Result">
              {firstView.response.kind === "search" ? (
                <>
                  <p aria-live="polite">
                    {firstView.metadata.totalCount !== undefined
                      ? `${firstView.metadata.totalCount} in total`
                      : "Total not reported"}
                    {` · showing ${results.length}`}
                    {firstView.metadata.currentSort ? ` · sorted by ${firstView.metadata.currentSort}` : ""}
                    {firstView.metadata.currentFieldSet
                      ? ` · field set ${firstView.metadata.currentFieldSet}`
                      : ""}
                  </p>
                  {results.length ? (
                    <SearchResults
                      results={results}
                      currentSort={firstView.metadata.currentSort}
                      currentFieldSet={firstView.metadata.currentFieldSet}
                      fullFieldSet={firstView.metadata.availableFieldSets.find((f) => f === "full")}
                      onFullFieldSet={() => onChange({ ...params, fieldSet: "full" })}
                    />
                  ) : (
                    <Empty title="No objects match." />
                  )}
                </>
              ) : firstView.response.object ? (
                <>
                  <RdapObjectView object={firstView.response.object} />
                  {firstView.related.length ? (
                    follow ? (
                      <Related url={firstView.finalUrl} />
                    ) : (
                      <button type="button" onClick={() => setFollow(true)}>
                        Follow to registrar
                      </button>
                    )
                  ) : null}
                </>
              ) : (
                <Empty title={`The server answered with no object (${firstView.response.kind}).`} />
              )}
              <Notices items={firstView.response.top.notices} label="Notices" />
            </div>
          )}
        </>
      )}
      {views.length > 1 && !last.ok ? <QueryError view={last} /> : null}
    </>
  );
}

function pretty(raw: string): string {
  try {
    return JSON.stringify(JSON.parse(raw), null, 2);
  } catch {
    return raw;
  }
}

/** RDAP: one search box, lookups and searches with the server's sorts, field sets and pages. */
export function RdapPage() {
  useTitle("RDAP");
  const client = useTRPCClient();
  const [params, setParams, issues, raw] = useUrlState(rdapParamsSchema);
  const input = toQueryInput(params);
  const blocked = hasIssues(issues);
  const q = useInfiniteQuery({
    queryKey: ["rdap", "pages", input],
    // A value the address got wrong is not sent as its default: the answer would look asked for.
    enabled: params.q !== "" && !blocked,
    initialPageParam: null as string | null,
    queryFn: async ({ pageParam }): Promise<Page> =>
      pageParam
        ? { picked: null, result: await client.rdap.next.query({ url: pageParam }) }
        : client.rdap.query.query(input),
    // The server's own next link (RFC 8977), resolved against the page it came from.
    getNextPageParam: (last) =>
      last.result.ok && last.result.metadata.pages.next
        ? new URL(last.result.metadata.pages.next, last.result.finalUrl).href
        : undefined,
  });
  const set = (p: RdapParams) => setParams(p);
  const trpc = useTRPC();
  const status = useQuery(trpc.rdap.status.queryOptions());
  const consistency = useQuery(trpc.rdap.consistency.queryOptions());
  const role = useRole();
  const qc = useQueryClient();
  const checkNow = useMutation(
    trpc.rdap.checkConsistency.mutationOptions({
      onSuccess: (r) => qc.setQueryData(trpc.rdap.consistency.queryKey(), r),
    }),
  );
  const [autoLoad, setAutoLoad] = useState(false);
  const sentinel = useRef<HTMLDivElement>(null);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = q;
  // Infinite scroll (opt-in): the next page loads when the end of the list comes into view.
  useEffect(() => {
    const el = sentinel.current;
    if (!autoLoad || !hasNextPage || !el || typeof IntersectionObserver === "undefined") return;
    const io = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting) && !isFetchingNextPage) void fetchNextPage();
    });
    io.observe(el);
    return () => io.disconnect();
  }, [autoLoad, hasNextPage, isFetchingNextPage, fetchNextPage]);
  return (
    <section className="page">
      <div className="page-head">
        <h1>RDAP</h1>
      </div>
      {status.data ? <RdapStatusLine status={status.data} /> : null}
      {consistency.isSuccess ? (
        <ConsistencyPanel
          report={consistency.data}
          check={
            roleAtLeast(role, "operator")
              ? { run: () => checkNow.mutate(), pending: checkNow.isPending, error: checkNow.error }
              : undefined
          }
        />
      ) : null}
      <SearchBox params={params} onSubmit={set} issues={issues} raw={raw} />
      {blocked ? (
        <FilterGate issues={issues} labels={LABELS} clearHref="/rdap">
          {null}
        </FilterGate>
      ) : !params.q ? (
        <Empty title="Look something up">
          A domain (<code>example.com</code>), an IP address or prefix, an AS number (<code>AS64496</code>),
          an entity handle, or a domain search (<code>*.example</code>).
        </Empty>
      ) : q.error && !q.data ? (
        <ErrorView error={q.error} title="Could not query RDAP" onRetry={() => void q.refetch()} />
      ) : q.isPending ? (
        <Loading label="Querying RDAP…" />
      ) : (
        <>
          <Answer key={JSON.stringify(input)} pages={q.data.pages} params={params} onChange={set} />
          {q.error ? <ErrorView error={q.error} title="Could not load the next page" compact /> : null}
          {q.hasNextPage ? (
            <div className="filters-row">
              {/* The button stays for keyboard users; scrolling can load pages too, if asked for. */}
              <LoadMoreButton query={q} label="Next page" />
              <label className="small">
                <input type="checkbox" checked={autoLoad} onChange={(e) => setAutoLoad(e.target.checked)} />{" "}
                Load more as I scroll
              </label>
              <div ref={sentinel} data-testid="rdap-load-more-sentinel" aria-hidden="true" />
            </div>
          ) : null}
        </>
      )}
    </section>
  );
}
