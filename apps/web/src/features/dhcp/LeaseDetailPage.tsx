import { useQuery } from "@tanstack/react-query";
import { Link, useLocation, useParams } from "react-router";
import { LeaseEnd, LeaseTable } from "./LeaseTable";
import { Empty, ErrorView, Loading } from "../../components/StateView";
import { ObjectChangelog } from "../settings/ObjectChangelog";
import { useTitle } from "../../hooks/useTitle";
import type { DhcpLeaseEvent as Ev } from "./types";
import { useTRPC } from "../../trpc";
import { DataTable } from "../../components/DataTable";
import { Time } from "../../components/Time";
import { EntityLink } from "../../components/EntityLink";
import { ObjectAlerts } from "../alerts/ObjectAlerts";

function History({ title, events }: { title: string; events: Ev[] }) {
  return (
    <section>
      <h2>{title}</h2>
      {events.length === 0 ? (
        <Empty title="No changes seen since the console started reading this source." />
      ) : (
        <DataTable
          columns={["When", "Change", "Address", "MAC", "Hostname", "State", "Ends", "Source"]}
          label={title}
        >
          {events.map((e) => (
            <tr key={e.id}>
              <td className="small">
                <Time iso={e.at} />
              </td>
              <td>{e.kind}</td>
              <td>
                <EntityLink kind="ip" value={e.address} />
              </td>
              <td>
                <EntityLink kind="mac" value={e.hwAddress} />
              </td>
              <td>
                <EntityLink kind="name" value={e.hostname} code={false} />
              </td>
              <td>{e.state}</td>
              <td className="small">
                <LeaseEnd iso={e.ends} />
              </td>
              <td>{e.sourceName}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}

/** Where DHCP alerts about this lease link: its page by address, and (older alerts) the lease list by address or by MAC. */
function leaseAlertHrefs(l: { address: string; hwAddress: string | null }): string[] {
  const a = encodeURIComponent(l.address);
  return [
    `/dhcp/leases/${a}`,
    `/dhcp?cidr=${a}`,
    ...(l.hwAddress ? [`/dhcp?mac=${encodeURIComponent(l.hwAddress)}`] : []),
  ];
}

export function LeaseDetailPage() {
  const { id } = useParams();
  const { search } = useLocation();
  const trpc = useTRPC();
  // `/dhcp/leases/7` by id (old links), `/dhcp/leases/192.0.2.53` by its natural name, the address.
  const byId = /^\d{1,15}$/.test(id ?? "");
  const prefixLength = new URLSearchParams(search).get("prefixLength");
  // A prefix length the address gets wrong is said, not dropped (the lease shown would be another).
  const badPrefix = prefixLength !== null && !(/^\d{1,3}$/.test(prefixLength) && Number(prefixLength) <= 128);
  const qId = useQuery(trpc.dhcp.lease.queryOptions({ id: Number(id) }, { enabled: byId }));
  const qAddress = useQuery(
    trpc.dhcp.leaseByAddress.queryOptions(
      {
        address: id ?? "",
        ...(prefixLength !== null && !badPrefix ? { prefixLength: Number(prefixLength) } : {}),
      },
      { enabled: !byId && Boolean(id) && !badPrefix },
    ),
  );
  const q = byId ? qId : qAddress;
  useTitle(q.data ? `Lease ${q.data.lease.address}` : "Lease");
  if (!byId && badPrefix)
    return (
      <div className="form-error" role="alert">
        <p>
          <code>prefixLength</code>: “{(prefixLength ?? "").slice(0, 40)}” is not a prefix length (0 to 128).
        </p>
        <p>
          <Link to={`/dhcp/leases/${encodeURIComponent(id ?? "")}`}>The lease of {id} without it</Link>
        </p>
      </div>
    );
  if (q.isPending) return <Loading label="Loading lease…" />;
  if (q.isError) return <ErrorView error={q.error} title="Could not load the lease" />;
  const { lease: l, reservation } = q.data;
  return (
    <div className="stack">
      <nav className="crumbs">
        <Link to={`/dhcp${search}`}>DHCP</Link> / lease
      </nav>
      <div className="detail-head">
        <h1>
          <code>{l.address}</code>
        </h1>
        <EntityLink kind="ip" value={l.address} code={false}>
          Everything about {l.address}
        </EntityLink>
        <span>{l.effectiveState}</span>
        {l.lab ? <span className="badge">lab</span> : null}
      </div>
      <dl className="fields">
        <dt>MAC</dt>
        <dd>
          <EntityLink kind="mac" value={l.hwAddress} />
        </dd>
        <dt>Client-id / DUID</dt>
        <dd>
          {l.clientId ? (
            <Link to={`/dhcp?clientId=${encodeURIComponent(l.clientId)}`} title="Leases of this client">
              <code>{l.clientId}</code>
            </Link>
          ) : (
            <span className="muted">—</span>
          )}
        </dd>
        {l.iaid !== null ? (
          <>
            <dt title="Identity association ID: with the DUID it names the client's IA (RFC 8415 §12)">
              IAID
            </dt>
            <dd>
              <code>{l.iaid}</code>
            </dd>
          </>
        ) : null}
        <dt>Hostname</dt>
        <dd>
          <EntityLink kind="name" value={l.hostname} code={false} />
        </dd>
        <dt>Starts / CLTT / Ends</dt>
        <dd>
          <Time iso={l.starts} /> / <Time iso={l.cltt} /> / <LeaseEnd iso={l.ends} />
        </dd>
        <dt>Source</dt>
        <dd>{l.sourceName}</dd>
        <dt>Reservation</dt>
        <dd>
          {reservation
            ? `fixed for ${reservation.hwAddress ?? reservation.clientId ?? "?"} (${reservation.hostname ?? "no name"})`
            : "none"}
        </dd>
      </dl>
      <History title="History of this address" events={q.data.addressHistory} />
      <History title="History of this client" events={q.data.clientHistory} />
      {q.data.clientLeases.length > 0 ? (
        <section>
          <h2>Other leases of this client</h2>
          <LeaseTable leases={q.data.clientLeases} search={search} />
        </section>
      ) : null}
      <ObjectAlerts hrefs={leaseAlertHrefs(l)} what={`lease ${l.address}`} />
      {/* A lease is the DHCP server's, not changed from the console: what the console changed is its source. */}
      <ObjectChangelog
        target={`dhcp-source:${l.sourceName}`}
        title={`Changes to its source ${l.sourceName}`}
      />
    </div>
  );
}
