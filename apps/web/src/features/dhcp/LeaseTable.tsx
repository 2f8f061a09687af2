import type { RouterOutputs } from "@netops/api";
import { Link } from "react-router";
import { DataTable } from "../../components/DataTable";
import { Time } from "../../components/Time";
import { EntityLink } from "../../components/EntityLink";

export type DhcpLeaseView = RouterOutputs["dhcp"]["leases"]["items"][number];

/** A lease's end: null is a lease without one (an infinite lifetime), so "never" rather than "—". */
export function LeaseEnd({ iso }: { iso: string | null }) {
  return iso === null ? <span>never</span> : <Time iso={iso} />;
}

export function LeaseTable({ leases, search }: { leases: DhcpLeaseView[]; search: string }) {
  return (
    <DataTable
      columns={["Address", "MAC", "Client-id", "Hostname", "State", "Ends", "Source"]}
      label="Leases"
    >
      {leases.map((l) => (
        <tr key={l.id}>
          <td>
            <Link to={`/dhcp/leases/${l.id}${search}`}>
              <code>
                {l.address}
                {l.leaseType === "IA_PD" ? `/${l.prefixLength}` : ""}
              </code>
            </Link>
          </td>
          <td>
            <EntityLink kind="mac" value={l.hwAddress} />
          </td>
          <td className="small">
            {l.clientId ? (
              <Link to={`/dhcp?clientId=${encodeURIComponent(l.clientId)}`} title="Leases of this client">
                <code>{l.clientId}</code>
              </Link>
            ) : (
              <span className="muted">—</span>
            )}
          </td>
          <td>
            <EntityLink kind="name" value={l.hostname} code={false} />
          </td>
          <td>{l.effectiveState}</td>
          <td className="small">
            <LeaseEnd iso={l.ends} />
          </td>
          <td>
            {l.sourceName}
            {l.lab ? <span className="badge"> lab</span> : null}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
