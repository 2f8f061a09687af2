import { type Role, roleAtLeast } from "@netops/protocols";
import { formatMatchers } from "./matchers";
import type { Silence } from "./types";
import { ConfirmButton } from "../../components/ConfirmButton";
import { DataTable } from "../../components/DataTable";
import { Time } from "../../components/Time";

export interface SilenceTableProps {
  silences: readonly Silence[];
  role: Role;
  onExpire?: (s: Silence) => void;
  /** Edit a pending or active silence. */
  onEdit?: (s: Silence) => void;
  busyIds?: ReadonlySet<string>;
  now?: number;
}

export function SilenceStateBadge({ state }: { state: Silence["state"] }) {
  return <span className={`chip silence-${state}`}>{state}</span>;
}

export function SilenceTable({ silences, role, onExpire, onEdit, busyIds, now }: SilenceTableProps) {
  const canExpire = roleAtLeast(role, "operator") && onExpire;
  return (
    <DataTable columns={["State", "Matchers", "Starts", "Ends", "Created by", "Comment"]} actions>
      {silences.map((s) => (
        <tr key={s.id} className={`silence-row silence-${s.state}`}>
          <td>
            <SilenceStateBadge state={s.state} />
          </td>
          <td>
            <code className="matchers">{formatMatchers(s.matchers)}</code>
            <div className="muted small">
              id <code>{s.id}</code>
            </div>
          </td>
          <td>
            <Time iso={s.startsAt} relative now={now} />
          </td>
          <td>
            <Time iso={s.endsAt} relative now={now} />
          </td>
          <td>{s.createdBy}</td>
          <td>{s.comment}</td>
          <td>
            {canExpire && onEdit && s.state !== "expired" ? (
              <button
                type="button"
                className="btn-sm"
                aria-label={`Edit silence ${s.id}`}
                disabled={busyIds?.has(s.id)}
                onClick={() => onEdit(s)}
              >
                Edit
              </button>
            ) : null}{" "}
            {canExpire && s.state !== "expired" ? (
              <ConfirmButton
                question="Expire this silence now?"
                ariaLabel={`Expire silence ${s.id}`}
                disabled={busyIds?.has(s.id)}
                onConfirm={() => onExpire(s)}
              >
                Expire
              </ConfirmButton>
            ) : null}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
