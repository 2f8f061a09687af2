import { roleAtLeast } from "@netops/protocols";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useRole } from "../../auth/session";
import { AddToggle } from "../../components/AddToggle";
import { ListStateView } from "../../components/ListStateView";
import { CheckFilter, TextFilter } from "../../components/FilterControls";
import { CONNECTIONS_ERROR_TITLE, NO_CONNECTION_TITLE } from "./ConnectionsGate";
import { HostForm } from "./HostForm";
import { HostTable } from "./HostTable";
import { LookupForm } from "./LookupForm";
import { OutcomeView } from "./OutcomeView";
import { RegistryNav } from "./RegistryNav";
import { ErrorView } from "../../components/StateView";
import { ExportLinks } from "../../components/ExportLinks";
import { FilterGate, hasIssues } from "../../components/FilterGate";
import { useTitle } from "../../hooks/useTitle";
import { useUrlState } from "../../lib/urlState";
import { useTRPC } from "../../trpc";
import { hostFiltersSchema } from "./filters";
import { useSelectedConnection } from "./useConnection";

/** Host objects at the selected registry (from the cache), adding one, and reading one by name. */
export function RegistryHostsPage({ now }: { now?: number }) {
  useTitle("Registry hosts");
  const trpc = useTRPC();
  const qc = useQueryClient();
  const role = useRole();
  const { connections, selected, select } = useSelectedConnection();
  // Filters change as you type: each keystroke replaces the history entry.
  const [{ q, mine: sponsoredOnly }, setFilters, issues] = useUrlState(hostFiltersSchema);
  const [adding, setAdding] = useState(false);
  const [lookup, setLookup] = useState("");
  const hosts = useQuery({
    ...trpc.registry.hosts.queryOptions({
      ...(selected && { connectionId: selected.id }),
      ...(q && { q }),
      sponsoredOnly,
    }),
    enabled: selected !== null && !hasIssues(issues),
    refetchInterval: 15_000,
  });
  const refresh = useMutation(
    trpc.registry.refreshHost.mutationOptions({
      onSuccess: () => qc.invalidateQueries({ queryKey: trpc.registry.hosts.pathKey() }),
    }),
  );
  return (
    <section className="page">
      <div className="page-head">
        <h1>Registry</h1>
        {selected && roleAtLeast(role, "operator") ? (
          <AddToggle open={adding} setOpen={setAdding}>
            New host
          </AddToggle>
        ) : null}
      </div>
      <RegistryNav />
      <ListStateView
        query={connections}
        loadingLabel="Loading registry connections…"
        errorTitle={CONNECTIONS_ERROR_TITLE}
        emptyTitle={NO_CONNECTION_TITLE}
        emptyHint={
          roleAtLeast(role, "admin")
            ? "Add one under Connections (host, client id, password, client certificate and key, CA)."
            : "Ask an admin to add the registries you work with."
        }
      >
        {(list) => (
          <>
            <div className="filters">
              {list.length > 1 ? (
                <label>
                  Registry{" "}
                  <select value={selected?.id} onChange={(e) => select(e.target.value)}>
                    {list.map((c) => (
                      <option key={c.id} value={c.id}>
                        {c.name}
                      </option>
                    ))}
                  </select>
                </label>
              ) : (
                <span>
                  Registry <strong>{selected?.name}</strong> ({selected?.state})
                </span>
              )}{" "}
              <TextFilter
                label="Filter"
                type="search"
                placeholder="name contains"
                value={q}
                onChange={(v) => setFilters({ q: v }, { replace: true })}
                error={issues.q}
              />{" "}
              <CheckFilter
                checked={sponsoredOnly}
                onChange={(v) => setFilters({ mine: v }, { replace: true })}
                error={issues.mine}
              >
                sponsored by us only
              </CheckFilter>
            </div>
            {adding && selected ? <HostForm connection={selected} onDone={() => setAdding(false)} /> : null}
            <p className="muted small">
              EPP has no "list" command: this table is the console's cache of hosts it has read with
              &lt;host:info&gt; (created here, found through a domain lookup, or read by name below),
              refreshed in the background.
            </p>
            <FilterGate
              issues={issues}
              labels={{ q: "Filter", mine: "Sponsored by us only" }}
              clearHref="/registry"
            >
              <ExportLinks
                list="registry-hosts"
                input={{ ...(selected && { connectionId: selected.id }), ...(q && { q }), sponsoredOnly }}
                label="hosts"
              />
              <ListStateView
                query={hosts}
                loadingLabel="Loading hosts…"
                errorTitle="Could not load the hosts"
                emptyTitle="No hosts in the cache yet."
                emptyHint="Read a host by name or look up a domain to fill it."
              >
                {(data) => <HostTable hosts={data} now={now} />}
              </ListStateView>
            </FilterGate>
            <LookupForm
              id="host-read"
              label="Read a host by name"
              placeholder="ns1.example.net"
              value={lookup}
              onChange={setLookup}
              onLookup={(name) => selected && refresh.mutate({ connectionId: selected.id, name })}
              disabled={refresh.isPending}
              small
            >
              Read (&lt;host:info&gt;)
            </LookupForm>
            {refresh.error ? (
              <ErrorView error={refresh.error} title="Could not read the host" compact />
            ) : null}
            {refresh.data && !refresh.data.ok ? <OutcomeView outcome={refresh.data} /> : null}
          </>
        )}
      </ListStateView>
    </section>
  );
}
