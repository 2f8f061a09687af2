import { Link } from "react-router";
import { Time } from "../../components/Time";
import { hashName, type Zone, zoneHref } from "./types";
import { ZoneStatusChip } from "./ZoneStatusChip";
import { DataTable } from "../../components/DataTable";
import { EndpointLink } from "../../components/EntityLinkAuto";

export function ServerSerials({ zone }: { zone: Zone }) {
  if (zone.serverStates.length === 0) return <span className="muted">none watched</span>;
  return (
    <ul className="inline-list">
      {zone.serverStates.map((s) => (
        <li key={`${s.host}:${s.port}`}>
          <span
            className={`chip ${s.serial === null ? "bad" : s.lagging ? "health-degraded" : s.behindSince ? "muted-chip" : "ok"}`}
            title={s.error ?? `${s.host}:${s.port}${s.behindSince ? `, behind since ${s.behindSince}` : ""}`}
          >
            {s.label} {s.role === "primary" ? "(P)" : "(S)"}: {s.serial ?? "no answer"}
            {s.lagging ? " lagging" : ""}
          </span>
        </li>
      ))}
    </ul>
  );
}

/** Every watched zone with its verdict, serial, digest algorithms, last check and server serials. */
export function ZoneTable({ zones, now }: { zones: Zone[]; now?: number }) {
  return (
    <DataTable
      columns={[
        "Zone",
        "Status",
        { key: "Serial", label: "Serial", className: "num" },
        "Digest",
        "Source",
        "Last check",
        "Servers (SOA serial)",
      ]}
      caption="Watched zones"
      captionHidden
    >
      {zones.map((z) => {
        const algs = [...new Set((z.lastCheck?.zonemd ?? []).map((m) => hashName(m.hashAlgorithm)))];
        const goodSerial = z.lastGood?.serial ?? null;
        const serial = z.lastCheck?.serial ?? null;
        return (
          <tr key={z.id} className={z.enabled ? "" : "is-disabled"}>
            <td>
              <Link to={zoneHref(z)}>
                <code>{z.name}</code>
              </Link>
              {z.mode === "log-only" ? <span className="chip muted-chip">log-only</span> : null}
            </td>
            <td>
              <ZoneStatusChip status={z.status} />
            </td>
            <td className="num">
              {serial ?? "—"}
              {goodSerial !== null && goodSerial !== serial ? (
                <div className="small muted">last good {goodSerial}</div>
              ) : null}
            </td>
            <td>{algs.length ? algs.join(", ") : <span className="muted">none</span>}</td>
            <td>
              <span className="small">
                {z.sourceKind} <EndpointLink value={z.source} className="break" />
              </span>
            </td>
            <td>
              <Time iso={z.lastCheck?.startedAt} relative="only" now={now} />
            </td>
            <td>
              <ServerSerials zone={z} />
            </td>
          </tr>
        );
      })}
    </DataTable>
  );
}
