import { roleAtLeast } from "@netops/protocols";
import { LEASE_STATES, parseCidr } from "@netops/protocols/dhcp";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { type FormEvent, useEffect, useState } from "react";
import { useLocation } from "react-router";
import { useRole } from "../../auth/session";
import { AddSourceForm } from "./AddSourceForm";
import { GroupTable } from "./GroupTable";
import { LeaseTable } from "./LeaseTable";
import { PoolTable } from "./PoolTable";
import { SourceList } from "./SourceList";
import { Empty, ErrorView, Loading, StateView } from "../../components/StateView";
import { FieldError } from "../../components/FieldError";
import { FilterGate, hasIssues } from "../../components/FilterGate";
import { useTitle } from "../../hooks/useTitle";
import { type UrlStateIssues, type UrlStateRaw, useUrlState } from "../../lib/urlState";
import { useTRPC } from "../../trpc";
import { exportHref, type LeaseFilters, leaseFiltersSchema, poolFocusSchema, toLeaseInput } from "./filters";
import { PoolFocus } from "./PoolFocus";

const PAGE = 50;

const LABELS: Record<string, string> = {
  cidr: "Subnet (CIDR)",
  mac: "MAC starts with",
  hostname: "Hostname starts with",
  clientId: "Client-id starts with",
  state: "State",
  source: "Server",
  cursor: "Page",
};

function LeaseFilterForm({
  filters,
  sources,
  onChange,
  issues,
  raw,
}: {
  filters: LeaseFilters;
  sources: { id: number; name: string }[];
  onChange: (f: LeaseFilters) => void;
  issues: UrlStateIssues;
  raw: UrlStateRaw;
}) {
  // A text field the URL got wrong shows what the URL said, to be fixed, with the reason under it.
  const shown: LeaseFilters = {
    ...filters,
    ...(raw.cidr !== undefined && { cidr: raw.cidr }),
    ...(raw.mac !== undefined && { mac: raw.mac }),
    ...(raw.hostname !== undefined && { hostname: raw.hostname }),
    ...(raw.clientId !== undefined && { clientId: raw.clientId }),
  };
  const [draft, setDraft] = useState(shown);
  // Reset the form only when the filters in the URL change, not on every re-render (the page
  // refetches live data; a new but equal filters object must not wipe what is being typed).
  const filtersKey = JSON.stringify(shown);
  // biome-ignore lint/correctness/useExhaustiveDependencies: filtersKey stands for filters
  useEffect(() => setDraft(shown), [filtersKey]);
  // The URL's issue stays on a field until it is edited; a typed CIDR is checked on the spot.
  const errorOf = (k: "cidr" | "mac" | "hostname" | "clientId" | "state" | "source"): string | undefined => {
    if (k === "cidr" && draft.cidr.trim() !== "" && !parseCidr(draft.cidr.trim()))
      return "not a subnet in CIDR notation (10.0.0.0/16)";
    return JSON.stringify(draft[k]) === JSON.stringify(shown[k]) ? issues[k] : undefined;
  };
  const invalid = (k: Parameters<typeof errorOf>[0]) =>
    errorOf(k) ? { "aria-invalid": true as const, "aria-describedby": `lease-${k}-error` } : {};
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (errorOf("cidr") && draft.cidr !== shown.cidr) return; // the field says why
    onChange({ ...draft, cursor: "" });
  };
  const text = (k: "cidr" | "mac" | "hostname" | "clientId", label: string, placeholder: string) => (
    <div className="field">
      <label htmlFor={`lease-${k}`}>{label}</label>
      <input
        id={`lease-${k}`}
        value={draft[k]}
        placeholder={placeholder}
        onChange={(e) => setDraft({ ...draft, [k]: e.target.value })}
        {...invalid(k)}
      />
      <FieldError id={`lease-${k}-error`} message={errorOf(k)} />
    </div>
  );
  return (
    <form className="filters" onSubmit={submit} aria-label="Lease filters">
      <div className="filters-row">
        {text("cidr", "Subnet (CIDR)", "10.0.0.0/16")}
        {text("mac", "MAC starts with", "00:1a:2b")}
        {text("hostname", "Hostname starts with", "printer")}
        {text("clientId", "Client-id starts with", "01:00:1a")}
        <div className="field">
          <label htmlFor="lease-state">State</label>
          <select
            id="lease-state"
            {...invalid("state")}
            value={draft.state[0] ?? ""}
            onChange={(e) =>
              setDraft({
                ...draft,
                state: e.target.value ? [e.target.value as LeaseFilters["state"][number]] : [],
              })
            }
          >
            <option value="">any</option>
            {LEASE_STATES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
          <FieldError id="lease-state-error" message={errorOf("state")} />
        </div>
        <div className="field">
          <label htmlFor="lease-source">Server</label>
          <select
            id="lease-source"
            {...invalid("source")}
            value={draft.source[0] ?? ""}
            onChange={(e) => setDraft({ ...draft, source: e.target.value ? [Number(e.target.value)] : [] })}
          >
            <option value="">any</option>
            {sources.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
          <FieldError id="lease-source-error" message={errorOf("source")} />
        </div>
        <button type="submit">Search</button>
      </div>
    </form>
  );
}

/**
 * The server streams the whole filter (GET /api/export/dhcp/leases.csv, with the session cookie).
 * Not offered while a filter is invalid: the file would hold every lease under a filtered name.
 */
function ExportButton({ filters, blocked }: { filters: LeaseFilters; blocked: boolean }) {
  if (blocked) return null;
  return (
    <a className="button" href={exportHref(filters)} download>
      Export CSV
    </a>
  );
}

/** DHCP: sources, pools worst first, and the lease table (filters and page in the URL). */
export function DhcpPage() {
  useTitle("DHCP");
  const trpc = useTRPC();
  const role = useRole();
  const [filters, setFilters, issues, raw] = useUrlState(leaseFiltersSchema);
  const [focus, setFocus, focusIssues, focusRaw] = useUrlState(poolFocusSchema);
  const overview = useQuery({ ...trpc.dhcp.overview.queryOptions(), refetchInterval: 15_000 });
  const leases = useQuery({
    ...trpc.dhcp.leases.queryOptions({
      ...toLeaseInput(filters),
      limit: PAGE,
      ...(filters.cursor && { cursor: filters.cursor }),
    }),
    enabled: !hasIssues(issues),
    placeholderData: keepPreviousData,
  });
  const query = new URLSearchParams(useLocation().search).toString();
  const search = query ? `?${query}` : "";

  return (
    <div className="stack">
      <div className="page-head">
        <h1>DHCP</h1>
      </div>
      {overview.isPending ? (
        <Loading label="Loading DHCP sources…" />
      ) : overview.isError ? (
        <ErrorView
          error={overview.error}
          title="Could not load DHCP sources"
          onRetry={() => overview.refetch()}
        />
      ) : overview.data.sources.length === 0 ? (
        <>
          <Empty title="No DHCP sources configured.">
            An admin adds Kea Control Agents and lease files as sources.
          </Empty>
          {roleAtLeast(role, "admin") ? (
            <section>
              <h2>Add a source</h2>
              <AddSourceForm />
            </section>
          ) : null}
        </>
      ) : (
        <>
          <section>
            <h2>Pools</h2>
            <PoolFocus
              pools={overview.data.pools}
              pool={focus.pool}
              issues={focusIssues}
              raw={focusRaw}
              onChange={(pool) => setFocus({ pool })}
            />
            {overview.data.pools.length === 0 ? (
              <Empty title="No pools yet.">
                Pools appear once a source's configuration or leases name them.
              </Empty>
            ) : (
              <PoolTable
                pools={overview.data.pools}
                canEdit={roleAtLeast(role, "operator")}
                focusId={focus.pool}
              />
            )}
          </section>
          {overview.data.subnets.length > 0 ? (
            <section>
              <h2>Subnets</h2>
              <GroupTable groups={overview.data.subnets} label="Subnets" nameHeader="Subnet" />
            </section>
          ) : null}
          <section>
            <h2>Shared networks</h2>
            {overview.data.sharedNetworks.length === 0 ? (
              <Empty title="No shared networks." />
            ) : (
              <GroupTable
                groups={overview.data.sharedNetworks}
                label="Shared networks"
                nameHeader="Shared network"
              />
            )}
          </section>
          <section>
            <h2>Sources</h2>
            <SourceList
              sources={overview.data.sources}
              pools={overview.data.pools}
              focusId={filters.source.length === 1 ? (filters.source[0] ?? null) : null}
            />
            {roleAtLeast(role, "admin") ? (
              <details>
                <summary>Add a source</summary>
                <AddSourceForm />
              </details>
            ) : null}
          </section>
        </>
      )}
      <section>
        <div className="section-head">
          <h2>Leases</h2>
          <ExportButton filters={filters} blocked={hasIssues(issues)} />
        </div>
        <LeaseFilterForm
          filters={filters}
          sources={overview.data?.sources ?? []}
          onChange={setFilters}
          issues={issues}
          raw={raw}
        />
        <FilterGate issues={issues} labels={LABELS} clearHref="/dhcp">
          <StateView
            query={leases}
            loadingLabel="Loading leases…"
            errorTitle="Could not load leases"
            isEmpty={(d) => d.items.length === 0}
            empty={<Empty title="No leases match these filters." />}
          >
            {(d) => (
              <>
                <LeaseTable leases={d.items} search={search} />
                <div className="row">
                  {filters.cursor ? (
                    <button type="button" onClick={() => setFilters({ ...filters, cursor: "" })}>
                      First page
                    </button>
                  ) : null}
                  {d.nextCursor ? (
                    <button
                      type="button"
                      onClick={() => setFilters({ ...filters, cursor: d.nextCursor ?? "" })}
                    >
                      Next page
                    </button>
                  ) : null}
                </div>
              </>
            )}
          </StateView>
        </FilterGate>
      </section>
    </div>
  );
}
