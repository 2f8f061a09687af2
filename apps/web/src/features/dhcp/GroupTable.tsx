import type { RouterOutputs } from "@netops/api";
import { UtilizationBar } from "./UtilizationBar";
import { DataTable } from "../../components/DataTable";
import { IdentifierLink } from "../../components/EntityLinkAuto";

export type DhcpGroupView = RouterOutputs["dhcp"]["overview"]["subnets"][number];

/**
 * Totals over the pools of a subnet or a shared network (the server sums them), worst first.
 * Groups have no thresholds of their own, so the bar uses the defaults (80 / 90 %).
 */
export function GroupTable({
  groups,
  label,
  nameHeader,
}: {
  groups: DhcpGroupView[];
  label: string;
  nameHeader: string;
}) {
  return (
    <DataTable
      columns={[{ key: "nameHeader", label: nameHeader }, "Source", "Utilization", "Assigned", "Declined"]}
      label={label}
    >
      {groups.map((g) => (
        <tr key={g.key}>
          <td>
            {/* A subnet links to its prefix's page; a shared network's name is only a name here. */}
            <IdentifierLink value={g.name} />
          </td>
          <td>
            {g.sourceName}
            {g.lab ? <span className="badge"> lab</span> : null}
          </td>
          <td>
            <UtilizationBar
              pct={g.pct}
              warnPct={80}
              critPct={90}
              label={`${nameHeader} ${g.name} on ${g.sourceName} utilization`}
            />
          </td>
          <td>
            {g.assigned.toLocaleString("en")} / {g.size.toLocaleString("en")}
          </td>
          <td>{g.declined.toLocaleString("en")}</td>
        </tr>
      ))}
    </DataTable>
  );
}
