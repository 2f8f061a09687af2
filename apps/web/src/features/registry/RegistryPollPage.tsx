import { roleAtLeast } from "@netops/protocols";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRole } from "../../auth/session";
import { ListStateView } from "../../components/ListStateView";
import { CheckFilter } from "../../components/FilterControls";
import { pollFiltersSchema } from "./filters";
import { PollList } from "./PollList";
import { RegistryNav } from "./RegistryNav";
import { ErrorView } from "../../components/StateView";
import { UrlIssues } from "../../components/UrlIssues";
import { useTitle } from "../../hooks/useTitle";
import { useUrlState } from "../../lib/urlState";
import { useTRPC } from "../../trpc";

/** The registries' poll queues: transfer requests, pending actions and server messages. */
export function RegistryPollPage({ now }: { now?: number }) {
  useTitle("Registry poll queue");
  const trpc = useTRPC();
  const qc = useQueryClient();
  const role = useRole();
  const [{ acked: includeAcked }, setFilters, issues] = useUrlState(pollFiltersSchema);
  const messages = useQuery({
    ...trpc.registry.pollMessages.queryOptions({ includeAcked }),
    refetchInterval: 15_000,
  });
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
      <CheckFilter checked={includeAcked} onChange={(v) => setFilters({ acked: v }, { replace: true })}>
        show acknowledged messages
      </CheckFilter>
      <UrlIssues issues={issues} />
      {pollNow.error ? <ErrorView error={pollNow.error} title="Could not poll" compact /> : null}
      <ListStateView
        query={messages}
        loadingLabel="Loading poll messages…"
        errorTitle="Could not load the poll queue"
        emptyTitle="No poll messages to acknowledge."
      >
        {(data) => <PollList messages={data} now={now} />}
      </ListStateView>
    </section>
  );
}
