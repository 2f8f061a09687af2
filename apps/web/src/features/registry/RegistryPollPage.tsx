import { roleAtLeast } from "@netops/protocols";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useState } from "react";
import { useRole } from "../../auth/session";
import { ListStateView } from "../../components/ListStateView";
import { CheckFilter } from "../../components/FilterControls";
import { FieldError } from "../../components/FieldError";
import { pollFiltersSchema } from "./filters";
import { PollList } from "./PollList";
import { RegistryNav } from "./RegistryNav";
import { ErrorView, StateView } from "../../components/StateView";
import { FilterGate, hasIssues } from "../../components/FilterGate";
import { useTitle } from "../../hooks/useTitle";
import { useUrlState } from "../../lib/urlState";
import { useTRPC } from "../../trpc";
import "./poll.css";

const LABELS = { acked: "Show acknowledged messages", message: "Message" };

/** `?message=`: the field that shows which message the page opened, takes another, or says what the URL got wrong. */
function MessageField({
  value,
  raw,
  error,
  onChange,
}: {
  value: number | undefined;
  raw: string | undefined;
  error: string | undefined;
  onChange: (id: number | undefined) => void;
}) {
  const shown = raw ?? (value === undefined ? "" : String(value));
  const [text, setText] = useState(shown);
  const [typedError, setTypedError] = useState<string | null>(null);
  useEffect(() => {
    setText(shown);
    setTypedError(null);
  }, [shown]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const t = text.trim();
    if (t === "") return onChange(undefined);
    const r = pollFiltersSchema.shape.message.safeParse(/^\d+$/.test(t) ? Number(t) : Number.NaN);
    if (!r.success) return setTypedError(`“${t}”: ${r.error.issues[0]?.message ?? "not a message number"}`);
    onChange(r.data);
  };
  // The URL's issue stays until the field is edited.
  const message = typedError ?? (text === shown ? error : undefined);
  return (
    <form className="poll-go" onSubmit={submit} aria-label="Go to a message">
      <div className="field">
        <label htmlFor="poll-message">Message</label>
        <input
          id="poll-message"
          inputMode="numeric"
          placeholder="id"
          maxLength={12}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setTypedError(null);
          }}
          aria-invalid={message ? true : undefined}
          aria-describedby={message ? "poll-message-error" : undefined}
        />
        <FieldError id="poll-message-error" message={message} />
      </div>
      <button type="submit" className="btn-sm">
        Show
      </button>
    </form>
  );
}

/** The registries' poll queues: transfer requests, pending actions and server messages. */
export function RegistryPollPage({ now }: { now?: number }) {
  useTitle("Registry poll queue");
  const trpc = useTRPC();
  const qc = useQueryClient();
  const role = useRole();
  const [{ acked: includeAcked, message }, setFilters, issues, raw] = useUrlState(pollFiltersSchema);
  const blocked = hasIssues(issues);
  const messages = useQuery({
    ...trpc.registry.pollMessages.queryOptions({ includeAcked }),
    refetchInterval: 15_000,
    enabled: !blocked,
  });
  // The linked message by id: it may be acknowledged (not in the default list) or past the list's end.
  const linked = useQuery({
    ...trpc.registry.pollMessage.queryOptions({ id: message ?? 0 }),
    enabled: message !== undefined && !blocked,
  });
  const inList = message !== undefined && (messages.data?.some((m) => m.id === message) ?? false);
  const connections = useQuery(trpc.registry.connections.queryOptions());
  const pollNow = useMutation(
    trpc.registry.pollNow.mutationOptions({
      onSuccess: () => qc.invalidateQueries({ queryKey: trpc.registry.pathKey() }),
    }),
  );
  return (
    <section className="page">
      <div className="page-head">
        <h1>Poll queue</h1>
        {roleAtLeast(role, "operator")
          ? connections.data?.map((c) => (
              <button
                key={c.id}
                type="button"
                className="secondary"
                disabled={pollNow.isPending}
                onClick={() => pollNow.mutate({ connectionId: c.id })}
              >
                Poll {c.name} now
              </button>
            ))
          : null}
      </div>
      <RegistryNav />
      <p className="muted small">
        A registry shows one message at a time; acknowledging it reveals the next. Each new message raises an
        alert (a warning for a domain being transferred away).
      </p>
      <div className="filters-row">
        <CheckFilter
          checked={includeAcked}
          onChange={(v) => setFilters({ acked: v }, { replace: true })}
          error={issues.acked}
        >
          show acknowledged messages
        </CheckFilter>
        <MessageField
          value={message}
          raw={raw.message}
          error={issues.message}
          onChange={(id) => setFilters({ message: id })}
        />
      </div>
      {pollNow.error ? <ErrorView error={pollNow.error} title="Could not poll" compact /> : null}
      <FilterGate issues={issues} labels={LABELS} clearHref="/registry/poll">
        {message !== undefined && messages.isSuccess && !inList ? (
          <section aria-label={`Poll message ${message}`}>
            <StateView
              query={linked}
              loadingLabel={`Loading poll message ${message}…`}
              errorTitle={`Could not load poll message ${message}`}
              notFound={{
                title: `No poll message ${message}`,
                back: {
                  to: includeAcked ? "/registry/poll?acked=1" : "/registry/poll",
                  label: "Show the poll queue",
                },
              }}
            >
              {(m) => (
                <>
                  <p className="small muted">
                    {m.ackedAt
                      ? "The linked message, already acknowledged (not in this list):"
                      : "The linked message (not among those listed):"}
                  </p>
                  <PollList messages={[m]} now={now} focusId={message} label="Linked message" />
                </>
              )}
            </StateView>
          </section>
        ) : null}
        <ListStateView
          query={messages}
          loadingLabel="Loading poll messages…"
          errorTitle="Could not load the poll queue"
          emptyTitle="No poll messages to acknowledge."
        >
          {(data) => <PollList messages={data} now={now} focusId={message} />}
        </ListStateView>
      </FilterGate>
    </section>
  );
}
