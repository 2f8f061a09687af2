import { ExportLinks } from "../../components/ExportLinks";
import { ObjectChangelog } from "../settings/ObjectChangelog";
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
import { TransferPanel } from "./TransferPanel";
import { RegistryNav } from "./RegistryNav";
import { domainHref, hostHref, type LookupResult } from "./types";
import { ErrorView } from "../../components/StateView";
import { Time } from "../../components/Time";
import { useTitle } from "../../hooks/useTitle";
import { useUrlState } from "../../lib/urlState";
import { useTRPC } from "../../trpc";
import { domainLookupSchema } from "./filters";
import { useSelectedConnection } from "./useConnection";
import { DataTable } from "../../components/DataTable";
import { EntityLink } from "../../components/EntityLink";
import { ObjectAlerts } from "../alerts/ObjectAlerts";

/** Domain lookup (<domain:info>, no authInfo) and the domains the console has read. */
export function RegistryDomainsPage({ now }: { now?: number }) {
  useTitle("Registry domains");
  const trpc = useTRPC();
  const qc = useQueryClient();
  const { connections, selected } = useSelectedConnection();
  // The looked-up domain lives in the URL (?name=), so reload and Back show it again.
  const [{ name: urlName }, setUrl, issues, raw] = useUrlState(domainLookupSchema);
  // A name the address got wrong is shown in the field with its reason, and not looked up.
  const looked = issues.name ? "" : urlName;
  // Its reason from the schema (the address layer would say it cut the name; nothing cut is looked up).
  const nameIssue = issues.name
    ? (domainLookupSchema.safeParse({ name: raw.name }).error?.issues[0]?.message ?? issues.name)
    : undefined;
  const role = useRole();
  const [name, setName] = useState(raw.name ?? looked);
  useEffect(() => setName(raw.name ?? looked), [raw.name, looked]);
  const [creating, setCreating] = useState(false);
  // The last answer stays on screen while the same domain is read again (after a change), so the
  // change's outcome below it is not unmounted; an answer for another name than ?name= is not shown.
  const [result, setResult] = useState<{ name: string; data: LookupResult } | null>(null);
  const lookup = useMutation(
    trpc.registry.lookupDomain.mutationOptions({
      onSuccess: (data, vars) => {
        setResult({ name: vars.name, data });
        return qc.invalidateQueries({ queryKey: trpc.registry.pathKey() });
      },
    }),
  );
  const domains = useQuery({
    ...trpc.registry.domains.queryOptions(selected ? { connectionId: selected.id } : {}),
    enabled: selected !== null,
  });
  // biome-ignore lint/correctness/useExhaustiveDependencies: look up whenever ?name= (or the connection) changes
  useEffect(() => {
    if (selected && looked) lookup.mutate({ connectionId: selected.id, name: looked });
    else lookup.reset();
  }, [selected?.id, looked]);
  /** A new name goes into the URL (the effect looks it up); the same name is read again. */
  const lookUp = (n: string) => {
    const parsed = domainLookupSchema.safeParse({ name: n });
    if (!parsed.success) return setUrl({ name: n });
    const next = parsed.data.name;
    if (next === looked && selected) lookup.mutate({ connectionId: selected.id, name: next });
    else setUrl({ name: next });
  };
  const shown = result?.name === looked ? result.data : null;
  const d = shown?.domain;
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
        onLookup={lookUp}
        disabled={!selected || lookup.isPending}
        error={nameIssue && name === raw.name ? nameIssue : undefined}
      >
        Look up
      </LookupForm>
      {creating && selected ? (
        <DomainCreateForm
          connectionId={selected.id}
          onCreated={(n) => {
            setCreating(false);
            lookUp(n);
          }}
        />
      ) : null}
      {lookup.error ? <ErrorView error={lookup.error} title="Lookup failed" compact /> : null}
      {shown && !shown.outcome.ok ? <OutcomeView outcome={shown.outcome} /> : null}
      {d ? (
        <div className="card">
          <h2>{d.name}</h2>
          <EntityLink kind="name" value={d.name} code={false}>
            Everything about {d.name}
          </EntityLink>
          <dl className="kv">
            <dt>Sponsor</dt>
            <dd>
              <EntityLink kind="handle" value={d.sponsor} />
              {d.sponsoredByUs ? " (us)" : ""}
            </dd>
            <dt>Statuses</dt>
            <dd>{d.statuses.map((s) => s.s).join(", ")}</dd>
            <dt>Name servers</dt>
            <dd>
              {d.nameServers.map((n) => (
                <div key={n}>
                  <Link to={hostHref({ connectionId: selected?.id ?? "", name: n })}>{n}</Link>{" "}
                  <EntityLink kind="name" value={n} code={false} className="small">
                    (everything about it)
                  </EntityLink>
                </div>
              ))}
            </dd>
            <dt>Subordinate hosts</dt>
            <dd>
              {d.subordinates.length === 0
                ? "none"
                : d.subordinates.map((n) => (
                    <div key={n}>
                      <Link to={hostHref({ connectionId: selected?.id ?? "", name: n })}>{n}</Link>
                    </div>
                  ))}
            </dd>
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
      {d && selected ? (
        <TransferPanel
          key={d.name}
          connectionId={selected.id}
          domain={d}
          onChanged={() => lookup.mutate({ connectionId: selected.id, name: d.name })}
        />
      ) : null}
      {d && selected ? (
        <ObjectAlerts
          hrefs={[domainHref({ connectionId: selected.id, name: d.name })]}
          what={`domain ${d.name}`}
          now={now}
        />
      ) : null}
      {d ? <ObjectChangelog target={d.name} actionPrefix="registry." /> : null}
      <div className="section-head">
        <h2>Domains read so far</h2>
        <ExportLinks
          list="registry-domains"
          input={selected ? { connectionId: selected.id } : {}}
          label="domains"
        />
      </div>
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
                  <td>
                    <Link to={domainHref(x)}>{x.name}</Link>
                  </td>
                  <td>
                    <EntityLink kind="handle" value={x.sponsor} />
                  </td>
                  <td>
                    <ul className="inline-list">
                      {x.nameServers.map((n) => (
                        <li key={n}>
                          <EntityLink kind="name" value={n} code={false} />
                        </li>
                      ))}
                    </ul>
                  </td>
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
