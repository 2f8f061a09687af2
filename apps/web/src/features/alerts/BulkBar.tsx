import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { ConfirmButton } from "../../components/ConfirmButton";
import { FormError } from "../../components/ActionFeedback";
import { ErrorView } from "../../components/StateView";
import { useTRPC } from "../../trpc";
import { resolveTiming, SilenceTimingFields, timingOf } from "./SilenceTiming";
import type { AlertItem } from "./types";

export interface BulkBarProps {
  selected: readonly AlertItem[];
  busy?: boolean;
  onAck: (ids: number[]) => void;
  onResolve: (ids: number[]) => void;
  onClear: () => void;
  /** Alerts a bulk action did not change, and why. */
  note?: string | null;
}

/** Actions on the selected alerts: acknowledge, resolve (asked first), silence each. */
export function BulkBar({ selected, busy = false, onAck, onResolve, onClear, note }: BulkBarProps) {
  const [silencing, setSilencing] = useState(false);
  const n = selected.length;
  const firing = selected.filter((a) => a.state === "firing").map((a) => a.id);
  const ids = selected.map((a) => a.id);
  return (
    <section className="bulk-bar" aria-label="Selected alerts">
      <div className="bulk-row">
        <strong>{n} selected</strong>
        <button
          type="button"
          className="btn-sm primary"
          disabled={busy || firing.length === 0}
          onClick={() => onAck(firing)}
        >
          Acknowledge {firing.length}
        </button>
        <ConfirmButton
          className="btn-sm"
          disabled={busy || n === 0}
          question={`Resolve ${n} alert${n === 1 ? "" : "s"}?`}
          onConfirm={() => onResolve(ids)}
        >
          Resolve {n}
        </ConfirmButton>
        <button
          type="button"
          className="btn-sm"
          disabled={n === 0}
          onClick={() => setSilencing((s) => !s)}
          aria-expanded={silencing}
        >
          Silence {n}…
        </button>
        <button type="button" className="btn-sm" onClick={onClear}>
          Clear selection
        </button>
      </div>
      {note ? (
        <p className="small warn-text" role="status">
          {note}
        </p>
      ) : null}
      {silencing ? (
        <BulkSilenceForm
          ids={ids}
          onDone={() => {
            setSilencing(false);
            onClear();
          }}
        />
      ) : null}
    </section>
  );
}

function BulkSilenceForm({ ids, onDone }: { ids: number[]; onDone: () => void }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const uid = useId();
  const [timing, setTiming] = useState(timingOf(null));
  const [comment, setComment] = useState("");
  const [localError, setLocalError] = useState<string | null>(null);
  const create = useMutation(
    trpc.silences.createForAlerts.mutationOptions({
      onSuccess: async () => {
        await Promise.all([
          qc.invalidateQueries({ queryKey: trpc.silences.pathKey() }),
          qc.invalidateQueries({ queryKey: trpc.alerts.pathKey() }),
          qc.invalidateQueries({ queryKey: trpc.system.overview.queryKey() }),
        ]);
        onDone();
      },
    }),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setLocalError(null);
    if (!comment.trim()) return setLocalError("Say why (comment).");
    const t = resolveTiming(timing);
    if ("error" in t) return setLocalError(t.error);
    create.mutate({ ids, ...t, comment: comment.trim() });
  };
  return (
    <form className="form bulk-silence" onSubmit={submit} aria-label="Silence the selected alerts">
      <p className="muted small">One silence per alert, matching exactly its source and labels.</p>
      <SilenceTimingFields id={uid} value={timing} onChange={setTiming} />
      <div className="field">
        <label htmlFor={`${uid}-comment`}>Comment (why)</label>
        <input
          id={`${uid}-comment`}
          maxLength={1024}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
        />
      </div>
      <FormError message={localError} />
      {create.error ? <ErrorView error={create.error} title="Could not create the silences" compact /> : null}
      <button type="submit" className="primary btn-sm" disabled={create.isPending}>
        {create.isPending ? "Silencing…" : `Create ${ids.length} silence${ids.length === 1 ? "" : "s"}`}
      </button>
    </form>
  );
}
