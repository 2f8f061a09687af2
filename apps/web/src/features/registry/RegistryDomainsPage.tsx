import { roleAtLeast } from "@netops/protocols";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { Link } from "react-router";
import { useRole } from "../../auth/session";
import { ListStateView } from "../../components/ListStateView";
import { ConnectionsGate } from "./ConnectionsGate";
import { DomainActions, DomainContacts, DomainCreateForm } from "./DomainPanels";
import { LookupForm } from "./LookupForm";
import { OutcomeView } from "./OutcomeView";
import { RegistryNav } from "./RegistryNav";
import { hostHref } from "./types";
import { ErrorView } from "../../components/StateView";
import { Time } from "../../components/Time";
import { useTitle } from "../../hooks/useTitle";
import { useUrlState } from "../../lib/urlState";
import { useTRPC } from "../../trpc";
import { domainLookupSchema } from "./filters";
import { useSelectedConnection } from "./useConnection";
import { DataTable } from "../../components/DataTable";

/** Domain lookup (<domain:info>, no authInfo) and the domains the console has read. */
export function RegistryDomainsPage({ now }: { now?: number }) {
  useTitle("Registry domains");
  const trpc = useTRPC();
  const qc = useQueryClient();
  const { connections, selected } = useSelectedConnection();
  const [{ name: initial }] = useUrlState(domainLookupSchema);
  const role = useRole();
  const [name, setName] = useState(initial);
  const [creating, setCreating] = useState(false);
  const lookup = useMutation(
    trpc.registry.lookupDomain.mutationOptions({
      onSuccess: () => qc.invalidateQueries({ queryKey: trpc.registry.pathKey() }),
    }),
  );
  const domains = useQuery({
    ...trpc.registry.domains.queryOptions(selected ? { connectionId: selected.id } : {}),
    enabled: selected !== null,
  });
  // biome-ignore lint/correctness/useExhaustiveDependencies: look up once when arriving with ?name=
  useEffect(() => {
    if (selected && initial) lookup.mutate({ connectionId: selected.id, name: initial });
  }, [selected?.id, initial]);
  const d = lookup.data?.domain;
  return (
    <section className="page">
      <div className="page-head">
        <h1>Domain lookup</h1>
        {roleAtLeast(role, "operator") && selected ? (
          <button
            type="button"
            className="secondary"
            aria-expanded={creating}
            onClick={() => setCreating(!creating)}
          >
            New domain
          </button>
        ) : null}
      </div>
      <RegistryNav />
      <LookupForm
        id="domain-name"
        label="Domain"
        placeholder="example.example"
        value={name}
        onChange={setName}
        onLookup={(n) => selected && lookup.mutate({ connectionId: selected.id, name: n })}
        disabled={!selected || lookup.isPending}
      >
        Look up
      </LookupForm>
      {creating && selected ? (
        <DomainCreateForm
          connectionId={selected.id}
          onCreated={(n) => {
            setCreating(false);
            setName(n);
            lookup.mutate({ connectionId: selected.id, name: n });
          }}
        />
      ) : null}
      {lookup.error ? <ErrorView error={lookup.error} title="Lookup failed" compact /> : null}
      {lookup.data && !lookup.data.outcome.ok ? <OutcomeView outcome={lookup.data.outcome} /> : null}
      {d ? (
        <div className="card">
          <h2>{d.name}</h2>
          <dl className="kv">
            <dt>Sponsor</dt>
            <dd>
              {d.sponsor}
              {d.sponsoredByUs ? " (us)" : ""}
            </dd>
            <dt>Statuses</dt>
            <dd>{d.statuses.map((s) => s.s).join(", ")}</dd>
            <dt>Name servers</dt>
            <dd>
              {d.nameServers.map((n) => (
                <div key={n}>
                  <Link to={hostHref({ connectionId: selected?.id ?? "", name: n })}>{n}</Link>
                </div>
              ))}
            </dd>
            <dt>Subordinate hosts</dt>
            <dd>{d.subordinates.join(", ") || "none"}</dd>
            <dt>Contacts</dt>
            <dd>
              <DomainContacts
                connectionId={selected?.id ?? ""}
                registrant={d.registrant}
                contacts={d.contacts}
              />
            </dd>
            <dt>Expires</dt>
            <dd>{d.exDate ? <Time iso={d.exDate} /> : "—"}</dd>
            <dt>DNSSEC (secDNS)</dt>
            <dd>
              {d.secDns ? `${d.secDns.dsData.length} DS, ${d.secDns.keyData.length} key records` : "none"}
            </dd>
          </dl>
        </div>
      ) : null}
      {d && selected && roleAtLeast(role, "operator") ? (
        <DomainActions
          connectionId={selected.id}
          domain={d}
          onChanged={() => lookup.mutate({ connectionId: selected.id, name: d.name })}
        />
      ) : null}
      <h2>Domains read so far</h2>
      <ConnectionsGate connections={connections}>
        <ListStateView
          query={domains}
          loadingLabel="Loading domains…"
          errorTitle="Could not load the domains"
          emptyTitle="No domains looked up yet."
        >
          {(list) => (
            <DataTable columns={["Domain", "Sponsor", "Name servers", "Read"]}>
              {list.map((x) => (
                <tr key={x.name}>
                  <td>{x.name}</td>
                  <td>{x.sponsor}</td>
                  <td>{x.nameServers.join(", ")}</td>
                  <td>
                    <Time iso={x.refreshedAt} relative now={now} />
                  </td>
                </tr>
              ))}
            </DataTable>
          )}
        </ListStateView>
      </ConnectionsGate>
    </section>
  );
}
