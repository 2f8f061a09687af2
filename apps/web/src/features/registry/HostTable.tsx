import { Link } from "react-router";
import { Time } from "../../components/Time";
import { HostStatusChips } from "./HostStatusChips";
import { hostHref, type RegistryHost } from "./types";
import { DataTable } from "../../components/DataTable";
import { EntityLink } from "../../components/EntityLink";

/** Host objects from the console's cache (refreshed by <host:info>). */
export function HostTable({ hosts, now }: { hosts: RegistryHost[]; now?: number | undefined }) {
  return (
    <DataTable
      columns={["Host", "Statuses", "Addresses", "Linked domains", "Sponsor", "Refreshed"]}
      caption="Host objects"
      captionHidden
      pageSize={100}
    >
      {hosts.map((h) => (
        <tr key={`${h.connectionId}/${h.name}`} className={h.gone ? "muted" : undefined}>
          <td>
            <Link to={hostHref(h)}>{h.name}</Link>
            {h.gone ? <span className="chip bad">gone</span> : null}
          </td>
          <td>
            <HostStatusChips statuses={h.statuses} />
          </td>
          <td>
            {h.addrs.length === 0 ? (
              <span className="muted">none</span>
            ) : (
              <ul className="inline-list">
                {h.addrs.map((a) => (
                  <li key={a.address}>
                    <EntityLink kind="ip" value={a.address} />
                  </li>
                ))}
              </ul>
            )}
          </td>
          <td>
            {h.linkedDomains.length === 0 ? (
              <span className="muted">—</span>
            ) : (
              <ul className="inline-list">
                {h.linkedDomains.map((d) => (
                  <li key={d}>
                    <EntityLink kind="name" value={d} code={false} />
                  </li>
                ))}
              </ul>
            )}
          </td>
          <td>
            <EntityLink kind="handle" value={h.sponsor} />
            {h.sponsoredByUs ? null : <span title="another client sponsors it"> (other)</span>}
          </td>
          <td>
            <Time iso={h.refreshedAt} relative now={now} />
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
