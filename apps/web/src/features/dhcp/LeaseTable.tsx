import type { RouterOutputs } from "@netops/api";
import { Link } from "react-router";
import { DataTable } from "../../components/DataTable";

export type DhcpLeaseView = RouterOutputs["dhcp"]["leases"]["items"][number];

export function epochText(s: number | null): string {
  return s === null ? "never" : new Date(s * 1000).toISOString().replace("T", " ").slice(0, 19);
}

export function LeaseTable({ leases, search }: { leases: DhcpLeaseView[]; search: string }) {
  return (
    <DataTable
      columns={["Address", "MAC", "Client-id", "Hostname", "State", "Ends (UTC)", "Source"]}
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
            <code>{l.hwAddress ?? "—"}</code>
          </td>
          <td className="small">
            <code>{l.clientId ?? "—"}</code>
          </td>
          <td>{l.hostname ?? "—"}</td>
          <td>{l.effectiveState}</td>
          <td className="small">{epochText(l.ends)}</td>
          <td>
            {l.sourceName}
            {l.lab ? <span className="badge"> lab</span> : null}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
