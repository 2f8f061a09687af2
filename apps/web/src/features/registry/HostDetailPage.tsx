import { ObjectChangelog } from "../settings/ObjectChangelog";
import { roleAtLeast } from "@netops/protocols";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useParams } from "react-router";
import { useRole } from "../../auth/session";
import { HostActions } from "./HostActions";
import { HostLinks } from "./HostLinks";
import { HostStatusChips } from "./HostStatusChips";
import { RegistryNav } from "./RegistryNav";
import { TranscriptTable } from "./TranscriptTable";
import { Empty, ErrorView, StateView } from "../../components/StateView";
import { Time } from "../../components/Time";
import { useTitle } from "../../hooks/useTitle";
import { useTRPC } from "../../trpc";
import { EntityLink } from "../../components/EntityLink";
import { ObjectAlerts } from "../alerts/ObjectAlerts";
import { domainHref, hostHref } from "./types";

/** One host: statuses, addresses, linked domains, its transcript history; operators change or delete it. */
export function HostDetailPage({ now }: { now?: number }) {
  const { connectionId = "", name = "" } = useParams();
  useTitle(`Host ${name}`);
  const trpc = useTRPC();
  const qc = useQueryClient();
  const role = useRole();
  const host = useQuery(trpc.registry.host.queryOptions({ connectionId, name }));
  const conn = useQuery(trpc.registry.connection.queryOptions({ id: connectionId }));
  const refresh = useMutation(
    trpc.registry.refreshHost.mutationOptions({
      onSuccess: () => qc.invalidateQueries({ queryKey: trpc.registry.pathKey() }),
    }),
  );
  return (
    <section className="page">
      <div className="page-head">
        <h1>{name}</h1>
        <EntityLink kind="name" value={name} code={false}>
          Everything about {name}
        </EntityLink>
        <button
          type="button"
          className="secondary"
          disabled={refresh.isPending}
          onClick={() => refresh.mutate({ connectionId, name })}
        >
          Refresh from registry
        </button>
      </div>
      <RegistryNav />
      {refresh.error ? <ErrorView error={refresh.error} title="Could not refresh" compact /> : null}
      <StateView query={host} loadingLabel="Loading host…" errorTitle="Could not load the host">
        {({ host: h, history }) => (
          <>
            <div className="card">
              <dl className="kv">
                <dt>Registry</dt>
                <dd>{h.connectionName}</dd>
                <dt>Statuses</dt>
                <dd data-testid="host-statuses">
                  <HostStatusChips statuses={h.statuses} />
                  {h.gone ? <span className="chip bad">no longer at the registry</span> : null}
                </dd>
                <dt>Addresses</dt>
                <dd>
                  {h.addrs.length === 0
                    ? "none"
                    : h.addrs.map((a) => (
                        <div key={a.address}>
                          <EntityLink kind="ip" value={a.address} /> (IP{a.ip})
                        </div>
                      ))}
                </dd>
                <dt>Bailiwick</dt>
                <dd>
                  {h.superordinate
                    ? `under ${h.superordinate}, a domain of this registry: its addresses are glue`
                    : "outside this registry: it carries no addresses here"}
                </dd>
                <dt>Linked domains</dt>
                <dd data-testid="linked-domains">
                  {h.linkedDomains.length > 0 ? (
                    h.linkedDomains.map((d) => (
                      <div key={d}>
                        <Link to={domainHref({ connectionId: h.connectionId, name: d })}>{d}</Link>{" "}
                        <EntityLink kind="name" value={d} code={false} className="small">
                          (everything about it)
                        </EntityLink>
                      </div>
                    ))
                  ) : h.statuses.some((s) => s.s === "linked") ? (
                    <span>linked, by domains the console has not looked up yet</span>
                  ) : (
                    <span className="muted">none</span>
                  )}
                </dd>
                <dt>Sponsor</dt>
                <dd>
                  <EntityLink kind="handle" value={h.sponsor} />
                  {h.sponsoredByUs ? "" : " (another client: only the sponsor may change it)"}
                </dd>
                <dt>ROID</dt>
                <dd>
                  <EntityLink kind="handle" value={h.roid} />
                </dd>
                <dt>Created, updated</dt>
                <dd>
                  {h.crDate ? <Time iso={h.crDate} /> : "—"}, {h.upDate ? <Time iso={h.upDate} /> : "never"}
                </dd>
                <dt>Read from the registry</dt>
                <dd>
                  <Time iso={h.refreshedAt} relative now={now} />
                </dd>
              </dl>
            </div>
            {roleAtLeast(role, "operator") && !h.gone ? <HostLinks host={h} /> : null}
            {roleAtLeast(role, "operator") && h.sponsoredByUs && !h.gone ? (
              <HostActions host={h} zones={conn.data?.zones ?? []} />
            ) : null}
            <h2>History</h2>
            {history.length === 0 ? (
              <Empty title="No transactions recorded for this host." />
            ) : (
              <TranscriptTable items={history} now={now} />
            )}
            <ObjectAlerts hrefs={[hostHref(h)]} what={`host ${h.name}`} now={now} />
            <ObjectChangelog target={h.name} actionPrefix="registry." />
          </>
        )}
      </StateView>
    </section>
  );
}
