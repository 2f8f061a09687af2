import type { RdapObject } from "@netops/protocols/rdap";
import { objectTitle, RdapObjectView } from "./RdapObjectView";
import { StatusChips } from "./StatusChips";
import { DataTable } from "../../components/DataTable";
import { Time } from "../../components/Time";

/** RFC 8977 §2.3.1 date sort properties and the RDAP event each one sorts by. */
const DATE_SORTS: Record<string, { action: string; label: string }> = {
  registrationDate: { action: "registration", label: "Registered" },
  reregistrationDate: { action: "reregistration", label: "Re-registered" },
  lastChangedDate: { action: "last changed", label: "Last changed" },
  expirationDate: { action: "expiration", label: "Expires" },
  deletionDate: { action: "deletion", label: "Deleted" },
  reinstantiationDate: { action: "reinstantiation", label: "Reinstated" },
  transferDate: { action: "transfer", label: "Transferred" },
  lockedDate: { action: "locked", label: "Locked" },
  unlockedDate: { action: "unlocked", label: "Unlocked" },
};

/** The date column: the one the server sorted by (when a date), else the registration date. */
export function dateColumn(currentSort: string | undefined) {
  const [prop = "", dir = "a"] = (currentSort ?? "").split(",")[0]?.split(":") ?? [];
  const sorted = DATE_SORTS[prop];
  return {
    ...(sorted ?? (DATE_SORTS.registrationDate as { action: string; label: string })),
    sort: sorted ? (dir === "d" ? ("descending" as const) : ("ascending" as const)) : undefined,
  };
}

/**
 * Search results as a table; each row opens to the full object view (as much as the field set
 * sent). A field set without events (RFC 8982 "brief", "id") cannot show the date the server
 * sorted by: the cells say so, and the table offers the full field set.
 */
export function SearchResults({
  results,
  currentSort,
  currentFieldSet,
  fullFieldSet,
  onFullFieldSet,
}: {
  results: RdapObject[];
  currentSort?: string | undefined;
  currentFieldSet?: string | undefined;
  /** The field set with events the server offers ("full"), if any. */
  fullFieldSet?: string | undefined;
  onFullFieldSet?: (() => void) | undefined;
}) {
  const col = dateColumn(currentSort);
  const dateOf = (o: RdapObject) => o.events.find((e) => e.eventAction === col.action)?.eventDate;
  const missing = results.filter((o) => !dateOf(o)).length;
  const cutByFieldSet =
    missing === results.length && results.length > 0 && !!currentFieldSet && currentFieldSet !== fullFieldSet;
  return (
    <>
      {cutByFieldSet ? (
        <p className="small muted" data-testid="fieldset-note">
          The field set <strong>{currentFieldSet}</strong> leaves out the events, so the{" "}
          {col.label.toLowerCase()} date{col.sort ? " the server sorted by" : ""} is not shown.{" "}
          {fullFieldSet && onFullFieldSet ? (
            <button type="button" className="btn-sm" onClick={onFullFieldSet}>
              Show the {fullFieldSet} field set
            </button>
          ) : null}
        </p>
      ) : null}
      <DataTable
        columns={[
          "#",
          "Name",
          "Status",
          { key: "date", label: col.sort ? `${col.label} (sorted)` : col.label, sort: col.sort ?? "none" },
        ]}
        label="Search results"
      >
        {results.map((o, i) => {
          const at = dateOf(o);
          return (
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
              <td>
                {at ? (
                  <Time iso={at} />
                ) : cutByFieldSet ? (
                  <span className="muted small">not in field set {currentFieldSet}</span>
                ) : (
                  <span className="muted">none</span>
                )}
              </td>
            </tr>
          );
        })}
      </DataTable>
    </>
  );
}
