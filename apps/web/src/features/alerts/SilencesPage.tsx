import { MATCHER_OPS, type Matcher, matcherSchema, roleAtLeast } from "@netops/protocols";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useId, useMemo, useState } from "react";
import { Link } from "react-router";
import { useRole } from "../../auth/session";
import { FormError } from "../../components/ActionFeedback";
import { ListStateView } from "../../components/ListStateView";
import { SilenceTable } from "./SilenceTable";
import { ErrorView } from "../../components/StateView";
import { FieldError } from "../../components/FieldError";
import { FilterGate } from "../../components/FilterGate";
import { useTitle } from "../../hooks/useTitle";
import { errorInfo } from "../../lib/errors";
import { SILENCE_VIEWS, silencesParamsSchema } from "./filters";
import { formatMatchers, parseMatchers } from "./matchers";
import { Time } from "../../components/Time";
import { resolveTiming, SilenceTimingFields, timingOf } from "./SilenceTiming";
import type { Silence } from "./types";
import { type UrlStateIssues, useUrlState } from "../../lib/urlState";
import { useTRPC } from "../../trpc";

const SHOW = SILENCE_VIEWS;

interface DraftMatcher extends Matcher {
  key: number;
}

let nextKey = 1;
const draft = (m: Matcher): DraftMatcher => ({ ...m, key: nextKey++ });

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

export interface SilenceFormProps {
  initial: Matcher[];
  initialError: string | null;
  onCreated?: (s: Silence) => void;
  /** Edit this silence instead of creating one (a pending one can move its start). */
  editing?: Silence | null;
  onCancelEdit?: () => void;
}

export function SilenceForm({
  initial,
  initialError,
  onCreated,
  editing = null,
  onCancelEdit,
}: SilenceFormProps) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [, setParams] = useUrlState(silencesParamsSchema);
  const uid = useId();
  const [matchers, setMatchers] = useState<DraftMatcher[]>(() =>
    (initial.length ? initial : [{ name: "", op: "=", value: "" } as Matcher]).map(draft),
  );
  const [timing, setTiming] = useState(() => timingOf(editing));
  const [comment, setComment] = useState(editing?.comment ?? "");
  const [localError, setLocalError] = useState<string | null>(null);

  const clean = matchers.map(({ key: _k, ...m }) => m);
  const valid = clean.every((m) => matcherSchema.safeParse(m).success);
  const debounced = useDebounced(clean, 400);
  const debouncedKey = JSON.stringify(debounced);
  const previewInput = useMemo(() => ({ matchers: JSON.parse(debouncedKey) as Matcher[] }), [debouncedKey]);
  const previewValid =
    previewInput.matchers.length > 0 &&
    previewInput.matchers.every((m) => matcherSchema.safeParse(m).success);
  const preview = useQuery({ ...trpc.silences.preview.queryOptions(previewInput), enabled: previewValid });

  const done = {
    onSuccess: async (s: Silence) => {
      onCreated?.(s);
      setComment("");
      setMatchers([draft({ name: "", op: "=", value: "" })]);
      setParams({ show: "all", matchers: "" }, { replace: true });
      await Promise.all([
        qc.invalidateQueries({ queryKey: trpc.silences.pathKey() }),
        qc.invalidateQueries({ queryKey: trpc.alerts.pathKey() }),
        qc.invalidateQueries({ queryKey: trpc.system.overview.queryKey() }),
      ]);
    },
  };
  const create = useMutation(trpc.silences.create.mutationOptions(done));
  const edit = useMutation(trpc.silences.update.mutationOptions(done));
  const saving = editing ? edit : create;

  const update = (key: number, patch: Partial<Matcher>) =>
    setMatchers((ms) => ms.map((m) => (m.key === key ? { ...m, ...patch } : m)));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setLocalError(null);
    if (!valid) return setLocalError("Every matcher needs a name, and regular expressions must be valid.");
    if (!comment.trim()) return setLocalError("Say why (comment).");
    const t = resolveTiming(timing);
    if ("error" in t) return setLocalError(t.error);
    if (editing) edit.mutate({ id: editing.id, matchers: clean, ...t, comment: comment.trim() });
    else create.mutate({ matchers: clean, ...t, comment: comment.trim() });
  };

  return (
    <form className="card form" onSubmit={submit} aria-labelledby={`${uid}-h`}>
      <h2 id={`${uid}-h`}>{editing ? `Edit silence ${editing.id}` : "New silence"}</h2>
      {editing?.state === "active" ? (
        <p className="muted small">
          Changing the matchers or the start of an active silence expires it and creates a new one (as
          Alertmanager does); a new end or comment changes it in place.
        </p>
      ) : null}
      <fieldset
        aria-invalid={initialError ? true : undefined}
        aria-describedby={initialError ? `${uid}-matchers-error` : undefined}
      >
        <legend>Matchers (all must match)</legend>
        <FieldError
          id={`${uid}-matchers-error`}
          message={initialError ? `Could not read the matchers from the link: ${initialError}` : null}
        />
        <datalist id={`${uid}-names`}>
          <option value="source" />
          <option value="severity" />
        </datalist>
        {matchers.map((m, i) => (
          <div className="matcher-row" key={m.key}>
            <label className="sr-only" htmlFor={`${uid}-n${m.key}`}>
              Matcher {i + 1} name
            </label>
            <input
              id={`${uid}-n${m.key}`}
              list={`${uid}-names`}
              placeholder="name"
              value={m.name}
              maxLength={64}
              onChange={(e) => update(m.key, { name: e.target.value })}
            />
            <label className="sr-only" htmlFor={`${uid}-o${m.key}`}>
              Matcher {i + 1} operator
            </label>
            <select
              id={`${uid}-o${m.key}`}
              value={m.op}
              onChange={(e) => update(m.key, { op: e.target.value as Matcher["op"] })}
            >
              {MATCHER_OPS.map((op) => (
                <option key={op} value={op}>
                  {op}
                </option>
              ))}
            </select>
            <label className="sr-only" htmlFor={`${uid}-v${m.key}`}>
              Matcher {i + 1} value
            </label>
            <input
              id={`${uid}-v${m.key}`}
              placeholder="value"
              value={m.value}
              maxLength={512}
              onChange={(e) => update(m.key, { value: e.target.value })}
            />
            <button
              type="button"
              className="btn-sm"
              aria-label={`Remove matcher ${i + 1}`}
              disabled={matchers.length === 1}
              onClick={() => setMatchers((ms) => ms.filter((x) => x.key !== m.key))}
            >
              Remove
            </button>
          </div>
        ))}
        <button
          type="button"
          className="btn-sm"
          disabled={matchers.length >= 16}
          onClick={() => setMatchers((ms) => [...ms, draft({ name: "", op: "=", value: "" })])}
        >
          Add matcher
        </button>
        <p className="muted small" aria-live="polite">
          {!previewValid ? (
            "Fill in the matchers to see which active alerts they match."
          ) : preview.isPending ? (
            "Checking which active alerts match…"
          ) : preview.error ? (
            `Preview unavailable: ${errorInfo(preview.error).message}`
          ) : preview.data && preview.data.length > 0 ? (
            <>
              Matches {preview.data.length} active alert{preview.data.length === 1 ? "" : "s"} now:{" "}
              {preview.data.slice(0, 20).map((id) => (
                <span key={id}>
                  <Link to={`/alerts/${id}`}>#{id}</Link>{" "}
                </span>
              ))}
            </>
          ) : (
            "Matches no active alert right now."
          )}
        </p>
      </fieldset>
      <SilenceTimingFields id={uid} value={timing} onChange={setTiming} />
      <div className="field">
        <label htmlFor={`${uid}-comment`}>Comment (why)</label>
        <textarea
          id={`${uid}-comment`}
          rows={2}
          maxLength={1024}
          required
          value={comment}
          onChange={(e) => setComment(e.target.value)}
        />
      </div>
      <FormError message={localError} />
      {saving.error ? (
        <ErrorView
          error={saving.error}
          title={editing ? "Could not save the silence" : "Could not create the silence"}
          compact
        />
      ) : null}
      <div className="row gap">
        <button type="submit" className="primary" disabled={saving.isPending}>
          {editing
            ? saving.isPending
              ? "Saving…"
              : "Save silence"
            : saving.isPending
              ? "Creating…"
              : "Create silence"}
        </button>
        {editing && onCancelEdit ? (
          <button type="button" onClick={onCancelEdit}>
            Cancel
          </button>
        ) : null}
      </div>
    </form>
  );
}

export function SilencesPage() {
  useTitle("Silences");
  const trpc = useTRPC();
  const qc = useQueryClient();
  const role = useRole();
  const [{ show, matchers }, setParams, issues, raw] = useUrlState(silencesParamsSchema);
  // Matchers the link got wrong prefill what could be read; the form says what could not, on the field.
  const rawMatchers = raw.matchers ?? matchers;
  const parsed = useMemo(
    () => (rawMatchers ? parseMatchers(rawMatchers) : { matchers: [], error: null }),
    [rawMatchers],
  );
  // Only `show` filters the list; `matchers` prefills the form (a viewer has none to fill).
  const listIssues: UrlStateIssues = issues.show ? { show: issues.show } : {};
  const list = useQuery({
    ...trpc.silences.list.queryOptions(show === "all" ? {} : { state: show }),
    enabled: !issues.show,
  });
  const [busy, setBusy] = useState<ReadonlySet<string>>(new Set());
  const expire = useMutation(
    trpc.silences.expire.mutationOptions({
      onMutate: (v) => setBusy((b) => new Set(b).add(v.id)),
      onSettled: async (_d, _e, v) => {
        await Promise.all([
          qc.invalidateQueries({ queryKey: trpc.silences.pathKey() }),
          qc.invalidateQueries({ queryKey: trpc.alerts.pathKey() }),
          qc.invalidateQueries({ queryKey: trpc.system.overview.queryKey() }),
        ]);
        setBusy((b) => {
          const n = new Set(b);
          n.delete(v.id);
          return n;
        });
      },
    }),
  );
  const canCreate = roleAtLeast(role, "operator");
  const [created, setCreated] = useState<Silence | null>(null);
  const [editing, setEditing] = useState<Silence | null>(null);
  return (
    <section className="page">
      <p className="crumbs">
        <Link to="/alerts">← Alerts</Link>
      </p>
      <h1>Silences</h1>
      {canCreate ? (
        // Re-mount the form when a new "Silence" link is followed, so it takes the new matchers.
        <SilenceForm
          key={editing ? `edit-${editing.id}` : (rawMatchers ?? "")}
          initial={editing ? editing.matchers : parsed.matchers}
          initialError={editing ? null : issues.matchers ? parsed.error : null}
          editing={editing}
          onCancelEdit={() => setEditing(null)}
          onCreated={(s) => {
            setCreated(s);
            setEditing(null);
          }}
        />
      ) : (
        <p className="note">Creating and expiring silences needs the operator role; you are {role}.</p>
      )}
      {created ? (
        <p className="form-ok" role="status">
          Silence <code>{created.id}</code> saved for <code>{formatMatchers(created.matchers)}</code>, until{" "}
          <Time iso={created.endsAt} />.
        </p>
      ) : null}
      <div className="section-head">
        <h2>Silences</h2>
        <div className="field inline">
          <label htmlFor="silence-show">Show</label>
          <select
            id="silence-show"
            value={show}
            onChange={(e) => setParams({ show: e.target.value as (typeof SHOW)[number] })}
            aria-invalid={issues.show ? true : undefined}
            aria-describedby={issues.show ? "silence-show-error" : undefined}
          >
            {SHOW.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
          <FieldError id="silence-show-error" message={issues.show} />
        </div>
      </div>
      {expire.error ? (
        <ErrorView
          error={expire.error}
          title="Could not expire the silence"
          compact
          onDismiss={() => expire.reset()}
        />
      ) : null}
      <FilterGate issues={listIssues} labels={{ show: "Show" }} clearHref="/alerts/silences">
        <ListStateView
          query={list}
          loadingLabel="Loading silences…"
          errorTitle="Could not load silences"
          emptyTitle={show === "all" ? "No silences yet." : `No ${show} silences.`}
        >
          {(data) => (
            <SilenceTable
              silences={data}
              role={role}
              busyIds={busy}
              onExpire={(s) => expire.mutate({ id: s.id })}
              onEdit={(s) => {
                setEditing(s);
                window.scrollTo?.({ top: 0 });
              }}
            />
          )}
        </ListStateView>
      </FilterGate>
    </section>
  );
}
