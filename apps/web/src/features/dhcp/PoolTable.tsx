import type { RouterOutputs } from "@netops/api";
import { useScrollToFocus } from "../../hooks/useScrollToFocus";
import { PoolThresholds } from "./PoolThresholds";
import { Sparkline } from "./Sparkline";
import { UtilizationBar } from "./UtilizationBar";
import { DataTable } from "../../components/DataTable";
import { EntityLink } from "../../components/EntityLink";

export type DhcpPoolView = RouterOutputs["dhcp"]["overview"]["pools"][number];

function forecast(hours: number | null): string {
  if (hours === null) return "—";
  if (hours < 1) return `< 1 h`;
  if (hours < 48) return `${hours.toFixed(0)} h`;
  return `${(hours / 24).toFixed(0)} d`;
}

/**
 * Pools worst first (the server sorts), with bar, trend, exhaustion forecast and thresholds. The
 * focused pool (`?pool=`, where alerts link) is marked and scrolled into view once it is shown.
 */
export function PoolTable({
  pools,
  canEdit = false,
  focusId = null,
}: {
  pools: DhcpPoolView[];
  canEdit?: boolean;
  focusId?: number | null;
}) {
  const focusRow = useScrollToFocus<HTMLTableRowElement>(
    pools.some((p) => p.poolId === focusId),
    focusId,
  );
  return (
    <DataTable
      columns={[
        "Pool",
        "Subnet",
        "Source",
        "Utilization",
        "Assigned",
        "Declined",
        "Trend (24 h)",
        "Full in",
        "Warn / crit",
      ]}
      label="Pools"
    >
      {pools.map((p) => (
        <tr
          key={p.poolId}
          data-level={p.level}
          {...(p.poolId === focusId ? { ref: focusRow, className: "is-focused", "aria-current": true } : {})}
        >
          <td>
            <code>
              {p.firstAddr}–{p.lastAddr}
            </code>
          </td>
          <td>
            <EntityLink kind="prefix" value={p.subnet} />
            {p.sharedNetwork ? <span className="muted small"> ({p.sharedNetwork})</span> : null}
          </td>
          <td>
            {p.sourceName}
            {p.lab ? <span className="badge"> lab</span> : null}
          </td>
          <td>
            <UtilizationBar
              pct={p.pct}
              warnPct={p.warnPct}
              critPct={p.critPct}
              label={`Pool ${p.firstAddr}–${p.lastAddr} utilization`}
            />
          </td>
          <td>
            {p.assigned} / {p.size}
          </td>
          <td>{p.declined}</td>
          <td>
            <Sparkline
              points={p.trend}
              max={p.size}
              label={`Assigned addresses of ${p.firstAddr}–${p.lastAddr} over 24 hours`}
            />
          </td>
          <td title="At the rate of the last 6 hours">{forecast(p.exhaustionHours)}</td>
          <td>
            <PoolThresholds pool={p} canEdit={canEdit} />
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
