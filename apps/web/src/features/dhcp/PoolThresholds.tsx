import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTRPC } from "../../trpc";
import { ErrorView } from "../../components/StateView";
import type { DhcpPoolView } from "./PoolTable";

/** A pool's warning / critical thresholds, editable in place (operator). Empty means the default. */
export function PoolThresholds({ pool, canEdit }: { pool: DhcpPoolView; canEdit: boolean }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [warn, setWarn] = useState(String(pool.warnPct));
  const [crit, setCrit] = useState(String(pool.critPct));
  const save = useMutation(
    trpc.dhcp.setPoolThresholds.mutationOptions({
      onSuccess: () => {
        setEditing(false);
        return qc.invalidateQueries({ queryKey: trpc.dhcp.pathKey() });
      },
    }),
  );
  const name = `${pool.firstAddr}–${pool.lastAddr}`;
  const text = `${pool.warnPct} / ${pool.critPct} %`;
  if (!canEdit) return <span>{text}</span>;
  if (!editing)
    return (
      <span className="row">
        {text}
        <button
          type="button"
          className="btn-sm"
          aria-label={`Edit thresholds of ${name}`}
          onClick={() => {
            setWarn(String(pool.warnPct));
            setCrit(String(pool.critPct));
            save.reset();
            setEditing(true);
          }}
        >
          Edit
        </button>
      </span>
    );
  // Blank → null (the default). Not a whole number is refused here: JSON would turn NaN into null,
  // which the server reads as "use the default". The range and order are the server's to check.
  const value = (s: string) =>
    s.trim() === "" ? null : /^[0-9]{1,6}$/.test(s.trim()) ? Number(s) : undefined;
  const w = value(warn);
  const c = value(crit);
  const local =
    w === undefined || c === undefined
      ? "Thresholds are whole percentages (1–100), or empty for the default."
      : null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (w === undefined || c === undefined) return;
    save.mutate({ poolId: pool.poolId, warnPct: w, critPct: c });
  };
  return (
    <form onSubmit={submit} aria-label={`Thresholds of ${name}`} className="stack">
      <span className="row">
        <label className="field">
          Warning %
          <input
            inputMode="numeric"
            size={4}
            value={warn}
            placeholder="80"
            onChange={(e) => setWarn(e.target.value)}
          />
        </label>
        <label className="field">
          Critical %
          <input
            inputMode="numeric"
            size={4}
            value={crit}
            placeholder="90"
            onChange={(e) => setCrit(e.target.value)}
          />
        </label>
        <button type="submit" className="btn-sm" disabled={save.isPending || local !== null}>
          Save
        </button>
        <button type="button" className="btn-sm" onClick={() => setEditing(false)}>
          Cancel
        </button>
      </span>
      {local ? (
        <p className="error-text" role="alert">
          {local}
        </p>
      ) : null}
      {save.error ? <ErrorView compact error={save.error} title="Could not save the thresholds" /> : null}
    </form>
  );
}
