/**
 * An audit entry's outcome. For a change made elsewhere (EPP, Kea, a webhook receiver) the other
 * side's answer — result code and text — sits beside ok/failed. A failed entry changed nothing, so
 * it shows what was asked and the answer, never a before/after diff.
 */
import { DataTable } from "../../components/DataTable";
import { diffSnapshots, parseSnapshot } from "./diff";
import type { AuditEntry } from "./types";

/** The Result cell: ok/failed, and the peer's code with its text. */
export function AuditResultCell({ entry }: { entry: Pick<AuditEntry, "ok" | "result"> }) {
  const r = entry.result;
  return (
    <span className="audit-result">
      <span className={`chip ${entry.ok ? "ok" : "bad"}`}>{entry.ok ? "ok" : "failed"}</span>
      {r ? (
        <>
          {" "}
          {r.code !== null ? <code>{r.code}</code> : null} <span className="small">{r.text}</span>
        </>
      ) : null}
    </span>
  );
}

/** The details of a failed entry: the answer, then what was asked (no diff: nothing changed). */
export function AuditFailure({ entry }: { entry: Pick<AuditEntry, "after" | "result"> }) {
  const rows = diffSnapshots(undefined, parseSnapshot(entry.after));
  const r = entry.result;
  return (
    <div className="diff">
      <p className="small">
        <strong>Nothing changed.</strong>{" "}
        {r ? (
          <>
            The answer was {r.code !== null ? <code>{r.code}</code> : null} {r.text}
          </>
        ) : (
          "The action failed."
        )}
      </p>
      {rows.length > 0 ? (
        <DataTable className="diff-table" columns={["Field", "Value"]} wrap={false}>
          {rows.map((x) => (
            <tr key={x.path}>
              <th scope="row">
                <code>{x.path}</code>
              </th>
              <td>{x.after ?? "—"}</td>
            </tr>
          ))}
        </DataTable>
      ) : null}
    </div>
  );
}
