import { Link } from "react-router";
import type { Delivery } from "../lib/types";
import { Time } from "./Time";
import { DataTable } from "./DataTable";

export interface DeliveryTableProps {
  deliveries: readonly Delivery[];
  /** Show the alert column (off on an alert's own page). */
  showAlert?: boolean;
  now?: number;
}

const STATUS_ICON: Record<string, string> = { delivered: "✓", failed: "✗", pending: "…" };

export function DeliveryStatus({ status }: { status: string }) {
  return (
    <span className={`chip delivery-${status}`}>
      <span aria-hidden="true">{STATUS_ICON[status] ?? "?"}</span> {status}
    </span>
  );
}

/** Webhook delivery log: status, attempts and the last error, newest first. */
export function DeliveryTable({ deliveries, showAlert = true, now }: DeliveryTableProps) {
  return (
    <DataTable
      label="Deliveries"
      pageSize={50}
      columns={[
        "#",
        "Receiver",
        "Event",
        showAlert && "Alert",
        "Status",
        { key: "Attempts", label: "Attempts", className: "num" },
        "Last HTTP",
        "Last error",
        "Created",
        "Delivered / next try",
      ]}
    >
      {deliveries.map((d) => (
        <tr key={d.id}>
          <td className="num">{d.id}</td>
          <td>
            <Link to={`/settings/webhooks?receiver=${encodeURIComponent(d.receiverId)}`}>
              {d.receiverName}
            </Link>
          </td>
          <td>{d.event}</td>
          {showAlert ? (
            <td>{d.alertId !== null ? <Link to={`/alerts/${d.alertId}`}>#{d.alertId}</Link> : "—"}</td>
          ) : null}
          <td>
            <DeliveryStatus status={d.status} />
          </td>
          <td className="num">{d.attempts}</td>
          <td>{d.lastStatus ?? "—"}</td>
          <td className="error-text">{d.lastError ?? "—"}</td>
          <td>
            <Time iso={d.createdAt} relative="only" now={now} />
          </td>
          <td>
            {d.deliveredAt ? (
              <Time iso={d.deliveredAt} relative="only" now={now} />
            ) : d.status === "pending" ? (
              <>
                next <Time iso={d.nextAttemptAt} relative="only" now={now} />
              </>
            ) : (
              "—"
            )}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
