import type { RdapObject } from "@netops/protocols/rdap";
import { objectTitle, RdapObjectView } from "./RdapObjectView";
import { StatusChips } from "./StatusChips";
import { DataTable } from "../../components/DataTable";

const registered = (o: RdapObject) => o.events.find((e) => e.eventAction === "registration")?.eventDate;

/** Search results as a table; each row opens to the full object view (as much as the field set sent). */
export function SearchResults({ results }: { results: RdapObject[] }) {
  return (
    <DataTable columns={["#", "Name", "Status", "Registered"]} label="Search results">
      {results.map((o, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: server data shown in the order sent, never reordered
        <tr key={`${o.handle ?? ""}${objectTitle(o)}${i}`}>
          <td className="muted">{i + 1}</td>
          <td>
            <details>
              <summary>{objectTitle(o)}</summary>
              <RdapObjectView object={o} />
            </details>
          </td>
          <td>
            <StatusChips status={o.status} />
          </td>
          <td>{registered(o)?.slice(0, 10) ?? <span className="muted">—</span>}</td>
        </tr>
      ))}
    </DataTable>
  );
}
